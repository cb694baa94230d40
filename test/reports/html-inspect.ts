/** Reads a rendered report back for tests: its CSP, inline scripts and styles, and its chart payload. */
import { createHash } from 'node:crypto';

/** Every <script> element: its attributes and its exact text. */
export function inlineScripts(html: string): { attrs: string; text: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1]!, text: m[2]! }));
}

/** Every <style> element's text. */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style([^>]*)>([\s\S]*?)<\/style>/g)].map((m) => m[2]!);
}

/** The Content-Security-Policy of the meta tag, as directive -> sources (null: none). */
export function contentSecurityPolicy(html: string): Map<string, string[]> | null {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  if (!m) return null;
  const policy = m[1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0]!, d.slice(1)]),
  );
}

/** The CSP source of a text: `'sha256-<base64>'`. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The parsed chart payload of a report. */
export function payloadOf(html: string): { datasets: Record<string, unknown[]>; lookups: Record<string, string[]>; charts: { id: string; spec: unknown }[] } {
  const data = inlineScripts(html).find((s) => s.attrs.includes('id="lbsim-data"'));
  if (!data) throw new Error('no lbsim-data script in the report');
  return JSON.parse(data.text) as ReturnType<typeof payloadOf>;
}

/** Every string in a JSON value under keys that vega evaluates as expressions. */
export function expressionStrings(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) expressionStrings(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && ['expr', 'signal', 'update', 'test', 'as_expr', 'init'].includes(k)) out.push(v);
      else expressionStrings(v, out);
    }
  }
  return out;
}
