/**
 * HTML built from template parts, with escaping that cannot be forgotten. The `html` tag escapes
 * every interpolated string and number; markup it made (`SafeHtml`, or arrays of it) goes in as it
 * is. Where escaping would not make text safe (attribute names, unquoted attribute values, inside
 * <script> or <style>) it refuses text and throws, so those places can only take markup the code
 * built. `raw` is the one way to mark other text as markup: for the page's own trusted constants.
 */
import { escapeHtml } from './escape.js';

let wrap!: (markup: string) => SafeHtml;

/** Markup that is safe to insert as it is: made only by `html`, `joinHtml` and `raw`. */
export class SafeHtml {
  readonly #markup: string;

  private constructor(markup: string) {
    this.#markup = markup;
  }

  static {
    wrap = (markup) => new SafeHtml(markup);
  }

  /** The markup. */
  toString(): string {
    return this.#markup;
  }
}

/** What a template may interpolate: text and numbers (escaped), markup, lists of them; null, undefined and false insert nothing. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

/** Where a template's hole sits in the markup around it. */
type HoleContext = 'text' | 'attribute-value' | 'tag' | 'raw-text';

/** Elements whose content is not HTML-decoded, so escaping cannot protect it. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);

const contexts = new WeakMap<TemplateStringsArray, HoleContext[]>();

/** The context of each hole of a template, from its static parts (markup interpolated into it is taken as balanced). */
function holeContexts(strings: readonly string[]): HoleContext[] {
  const out: HoleContext[] = [];
  let state: 'text' | 'tag' | 'double' | 'single' | 'raw' = 'text';
  let tagName = '';
  let closing = false;
  let rawElement = '';
  strings.forEach((part, index) => {
    for (let i = 0; i < part.length; i++) {
      const c = part[i]!;
      if (state === 'text') {
        // A < right before a hole would let the hole name an element: that counts as inside a tag too.
        if (c === '<' && (/[a-zA-Z/!]/.test(part[i + 1] ?? '') || (i === part.length - 1 && index < strings.length - 1))) {
          state = 'tag';
          closing = part[i + 1] === '/';
          tagName = /^\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(part.slice(i + 1))?.[1]?.toLowerCase() ?? '';
        }
      } else if (state === 'tag') {
        if (c === '"') state = 'double';
        else if (c === "'") state = 'single';
        else if (c === '>') {
          if (!closing && RAW_TEXT_ELEMENTS.has(tagName)) {
            state = 'raw';
            rawElement = tagName;
          } else state = 'text';
        }
      } else if (state === 'double' || state === 'single') {
        if (c === (state === 'double' ? '"' : "'")) state = 'tag';
      } else if (part.slice(i, i + 2 + rawElement.length).toLowerCase() === `</${rawElement}`) {
        state = 'tag';
        closing = true;
        tagName = rawElement;
      }
    }
    if (index < strings.length - 1) {
      out.push(state === 'text' ? 'text' : state === 'tag' ? 'tag' : state === 'raw' ? 'raw-text' : 'attribute-value');
    }
  });
  return out;
}

function isEmpty(value: HtmlValue): value is null | undefined | false {
  return value === null || value === undefined || value === false;
}

function render(value: HtmlValue, context: HoleContext): string {
  if (isEmpty(value)) return '';
  if (value instanceof SafeHtml) {
    if (context === 'attribute-value') throw new TypeError('html: an attribute value takes text, not markup');
    return value.toString();
  }
  if (typeof value === 'string' || typeof value === 'number') {
    if (context === 'tag') throw new TypeError(`html: text cannot stand for an element or attribute name or an unquoted attribute value (quote the value): ${JSON.stringify(String(value).slice(0, 40))}`);
    if (context === 'raw-text') throw new TypeError('html: text inside <script> or <style> cannot be escaped; build it with raw() from trusted code');
    return escapeHtml(String(value));
  }
  if (Array.isArray(value)) {
    if (context === 'attribute-value') throw new TypeError('html: an attribute value takes text, not a list');
    return value.map((v: HtmlValue) => render(v, context)).join('');
  }
  throw new TypeError(`html: cannot insert this ${typeof value}: only text, numbers and markup made by html, joinHtml or raw`);
}

/**
 * A tagged template that builds `SafeHtml`: `html\`<p title="${title}">${text}</p>\``. Strings and
 * numbers are escaped (`& < > " '`), in text and in quoted attribute values alike; `SafeHtml` and
 * arrays of it are inserted as they are; null, undefined and false insert nothing. Text where
 * escaping is not enough (attribute names, unquoted values, <script> and <style> content) throws.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let holes = contexts.get(strings);
  if (!holes) {
    holes = holeContexts(strings);
    contexts.set(strings, holes);
  }
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value, holes[i]!) + strings[i + 1]!;
  });
  return wrap(out);
}

/** Items one after the other with a separator between them (the separator is text, escaped like any). */
export function joinHtml(items: readonly HtmlValue[], separator = ''): SafeHtml {
  return wrap(items.map((item) => render(item, 'text')).join(escapeHtml(separator)));
}

/**
 * Trusted text as markup, unescaped: only for the page's own constants and code (the stylesheet,
 * the inline scripts whose CSP hashes cover their exact text, JSON made safe for <script>). Never
 * for anything that comes from a scenario or a results file.
 */
export function raw(trusted: string): SafeHtml {
  return wrap(trusted);
}
