/** Escaping for every output format: scenario strings are untrusted text everywhere they appear. */

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside HTML text and quoted attribute values (characters, no unit). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * `value` as JSON that is safe as the raw text of a `<script>` element: `<`, `>`, `&` and the line
 * separators U+2028/U+2029 become \u escapes, so no `</script>` or `<!--` can appear and the text
 * parses identically with JSON.parse.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` as literal Markdown inline text: HTML-significant characters become entities, Markdown punctuation is backslash-escaped, newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

/**
 * One RFC 4180 CSV field. Text is quoted when it holds a comma, quote, CR or LF (quotes doubled).
 * Text starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so spreadsheets do not run it
 * as a formula (numbers are written as they are).
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
