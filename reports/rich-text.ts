import { escapeMarkdown } from './escape.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** A piece of prose: plain text, or text to emphasise (cell names, key numbers). */
export type Segment = string | { strong: string };

/** Prose as HTML: text escaped, emphasis in <strong>. */
export function richToHtml(segments: readonly Segment[]): SafeHtml {
  return joinHtml(segments.map((s) => (typeof s === 'string' ? s : html`<strong>${s.strong}</strong>`)));
}

/** Prose as Markdown: text escaped, emphasis in **bold**. */
export function richToMarkdown(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'string' ? escapeMarkdown(s) : `**${escapeMarkdown(s.strong)}**`)).join('');
}

/** Prose as plain text. */
export function richToText(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'string' ? s : s.strong)).join('');
}
