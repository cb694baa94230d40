import { escapeHtml, escapeMarkdown } from './escape.js';

/** A piece of prose: plain text, or text to emphasise (cell names, key numbers). */
export type Segment = string | { strong: string };

/** Prose as HTML: text escaped, emphasis in <strong>. */
export function richToHtml(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'string' ? escapeHtml(s) : `<strong>${escapeHtml(s.strong)}</strong>`)).join('');
}

/** Prose as Markdown: text escaped, emphasis in **bold**. */
export function richToMarkdown(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'string' ? escapeMarkdown(s) : `**${escapeMarkdown(s.strong)}**`)).join('');
}

/** Prose as plain text. */
export function richToText(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'string' ? s : s.strong)).join('');
}
