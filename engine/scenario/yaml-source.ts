/**
 * Internal: YAML text to plain data, with every problem the YAML itself has (syntax, duplicate
 * keys, unknown tags, alias bombs) and a way to find the line and column of any path.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { SCENARIO_LIMITS } from './limits.js';
import type { Path, PathSegment, RawIssue } from './issues.js';

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A YAML file read into plain data. */
export interface YamlSource {
  /** Plain data (mappings as objects with string keys, lists, strings, numbers, booleans, null). */
  value: unknown;
  /** False when the YAML is too broken for its content to be validated. */
  readable: boolean;
  /** Problems of the YAML itself. */
  issues: RawIssue[];
  /** The line and column of `path` (the deepest part of it that exists). */
  locate(path: Path): Position | undefined;
  /** The text a scalar at `path` is written as (`1e400` for a number that became Infinity). */
  scalarSource(path: Path): string | undefined;
}

// Core-schema tags: anything else (!!binary, !!timestamp, custom tags) is refused.
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

const MERGE_KEY = '<<';

/** The 1-based line and column of `offset` in `text`. */
function lineFor(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The offset where `text` first nests deeper than `limit` levels, or undefined. Counts flow
 * collections (`[` and `{` outside quotes and comments), block indentation levels and compact
 * `- ` entries; an estimate that errs on the deep side only for pathological files, and that
 * needs no recursion.
 */
export function firstTooDeep(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    let i = 0;
    while (line[i] === ' ') i++;
    const content = line.slice(i);
    if (flow === 0 && content !== '' && !content.startsWith('#')) {
      while (indents.length > 0 && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
      let dashes = 0;
      while (/^[-?] /.test(content.slice(dashes * 2))) dashes++;
      if (indents.length + dashes > limit) return offset + i;
    }
    let quote: string | null = null;
    for (let k = i; k < line.length; k++) {
      const c = line[k]!;
      if (quote) {
        if (c === quote) quote = null;
        else if (c === '\\' && quote === '"') k++;
        continue;
      }
      if (c === '#' && (k === 0 || line[k - 1] === ' ')) break;
      if (c === '"' || c === "'") quote = c;
      else if (c === '[' || c === '{') {
        flow++;
        if (flow + indents.length > limit) return offset + k;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    offset += line.length + 1;
  }
  return undefined;
}

/** Reads YAML text. Never throws for bad input: problems come back as issues. */
export function readYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const issues: RawIssue[] = [];
  const unreadable = (issue: RawIssue): YamlSource => ({ value: undefined, readable: false, issues: [...issues, issue], locate: () => undefined, scalarSource: () => undefined });

  if (text.length > SCENARIO_LIMITS.maxFileChars) {
    return unreadable({ path: [], message: `the file has ${text.length} characters; a scenario file may have at most ${SCENARIO_LIMITS.maxFileChars}`, expected: `at most ${SCENARIO_LIMITS.maxFileChars} characters`, received: `${text.length} characters` });
  }

  // The parser recurses: absurd nesting would exhaust the stack before it reports anything.
  const deep = firstTooDeep(text, SCENARIO_LIMITS.maxDepth);
  if (deep !== undefined) {
    const { line, column } = lineFor(text, deep);
    return unreadable({ path: [], message: `the YAML nests more than ${SCENARIO_LIMITS.maxDepth} levels deep`, expected: `at most ${SCENARIO_LIMITS.maxDepth} levels of nesting`, received: 'deeper nesting', line, column });
  }

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: true, strict: true });
  } catch (error) {
    // The parser recurses; absurd nesting can exhaust the stack before it reports anything.
    return unreadable({ path: [], message: `the YAML cannot be read: ${errorText(error)}` });
  }

  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  for (const error of doc.errors) {
    const at = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    const text = error.code === 'MULTIPLE_DOCS' ? 'the file holds more than one YAML document (a --- line after content); a scenario file holds one' : shortYamlMessage(error.message);
    issues.push({ path: [], message: `YAML syntax error: ${text} (${error.code})`, line: at.line, column: at.col });
  }
  if (issues.length > 0) return { value: undefined, readable: false, issues, locate: () => undefined, scalarSource: () => undefined };
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue; // reported with its path by checkNodes
    const at = warning.linePos?.[0] ?? lineCounter.linePos(warning.pos[0]);
    issues.push({ path: [], message: `YAML problem: ${shortYamlMessage(warning.message)} (${warning.code})`, line: at.line, column: at.col });
  }

  const nodeIssue = (path: Path, node: { range?: readonly number[] | null | undefined }, message: string): void => {
    const issue: RawIssue = { path, message };
    if (node.range) Object.assign(issue, position(node.range[0]!));
    issues.push(issue);
  };
  let tooDeep = false;
  let badAlias = false;
  const checkNodes = (node: unknown, path: Path, depth: number): void => {
    if (node === null || node === undefined) return;
    if (depth > SCENARIO_LIMITS.maxDepth) {
      if (!tooDeep) nodeIssue(path, node as YamlNode, `the YAML nests more than ${SCENARIO_LIMITS.maxDepth} levels deep`);
      tooDeep = true;
      return;
    }
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined) {
        nodeIssue(path, node, `unknown alias *${node.source}: no anchor &${node.source} is defined before it`);
        badAlias = true;
      }
      return; // the anchored node is checked where it is written
    }
    const tag = (node as YamlNode).tag;
    if (tag !== undefined && !ALLOWED_TAGS.has(tag)) nodeIssue(path, node as YamlNode, `unsupported YAML tag ${tag.replace('tag:yaml.org,2002:', '!!')}: scenario files use plain YAML values`);
    if (isMap(node)) {
      const seen = new Map<string, number | undefined>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key)) {
          nodeIssue(path, (key ?? pair.value ?? node) as YamlNode, 'mapping keys must be plain words or numbers, not lists, mappings or aliases');
          continue;
        }
        if (key.value === null || key.value === '') {
          nodeIssue(path, key, 'a mapping key is empty');
          continue;
        }
        const name = keyName(key.value);
        if (name !== MERGE_KEY) {
          if (seen.has(name)) {
            const first = seen.get(name);
            nodeIssue([...path, name], key, `duplicate key "${name}"${first === undefined ? '' : ` (first at line ${first})`}: each key may appear once`);
          } else {
            seen.set(name, key.range ? position(key.range[0]).line : undefined);
          }
        }
        checkNodes(pair.value, name === MERGE_KEY ? path : [...path, name], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => checkNodes(item, [...path, i], depth + 1));
    }
  };
  checkNodes(doc.contents, [], 0);
  if (tooDeep || badAlias) return { value: undefined, readable: false, issues, locate: () => undefined, scalarSource: () => undefined };

  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: SCENARIO_LIMITS.maxAliasCount, mapAsMap: true });
  } catch (error) {
    const message = errorText(error);
    if (/alias count/i.test(message)) {
      issues.push({
        path: [],
        message: `YAML aliases expand too far (more than ${SCENARIO_LIMITS.maxAliasCount} alias expansions): this looks like an alias bomb ("billion laughs"); use fewer aliases`,
        expected: `at most ${SCENARIO_LIMITS.maxAliasCount} alias expansions`,
        received: 'more',
      });
    } else {
      issues.push({ path: [], message: `the YAML cannot be read: ${message}` });
    }
    return { value: undefined, readable: false, issues, locate: () => undefined, scalarSource: () => undefined };
  }

  const recursion: Path[] = [];
  const value = toPlain(js, [], new Set(), recursion);
  for (const path of recursion) issues.push({ path, message: 'this alias refers to a node that contains it (a recursive structure), which a scenario cannot use' });

  const nodeAt = (path: Path): { node: YamlNode; offset: number; complete: boolean } | undefined => {
    let current: unknown = doc.contents;
    let found: { node: YamlNode; offset: number; complete: boolean } | undefined;
    for (const [i, segment] of path.entries()) {
      const next = step(doc, current, segment);
      if (!next) break;
      found = { node: next.value, offset: next.offset, complete: i === path.length - 1 };
      current = next.value;
    }
    return found;
  };
  return {
    value,
    readable: recursion.length === 0,
    issues,
    locate: (path) => {
      const at = nodeAt(path);
      return at === undefined ? undefined : position(at.offset);
    },
    scalarSource: (path) => {
      const at = nodeAt(path);
      if (!at?.complete) return undefined;
      const node = isAlias(at.node) ? at.node.resolve(doc) : at.node;
      return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

/** One step down the tree: a key of a mapping (merged keys included) or an item of a list. */
function step(doc: Document.Parsed, from: unknown, segment: PathSegment): { value: YamlNode; offset: number } | undefined {
  let node = from;
  if (isAlias(node)) node = node.resolve(doc);
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    if (item === undefined || item === null) return undefined;
    const itemNode = item as YamlNode;
    return itemNode.range ? { value: itemNode, offset: itemNode.range[0] } : undefined;
  }
  if (!isMap(node)) return undefined;
  const merged: unknown[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const name = keyName(pair.key.value);
    if (name === MERGE_KEY) {
      merged.push(pair.value);
      continue;
    }
    if (name === String(segment)) {
      const value = (pair.value ?? pair.key) as YamlNode;
      return { value, offset: pair.key.range?.[0] ?? value.range?.[0] ?? 0 };
    }
  }
  for (const source of merged) {
    const sources = isSeq(source) ? source.items : [source];
    for (const s of sources) {
      const hit = step(doc, s, segment);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** A scalar key as text; the merge key `<<` is a symbol in the yaml package's tree. */
function keyName(value: unknown): string {
  return typeof value === 'symbol' ? MERGE_KEY : String(value);
}

/** Maps from toJS({ mapAsMap }) become objects with string keys; recursive aliases are cut. */
function toPlain(value: unknown, path: Path, ancestors: Set<object>, recursion: Path[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) {
    recursion.push(path);
    return null;
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => toPlain(item, [...path, i], ancestors, recursion));
    if (value instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of value) {
        if (key === null || typeof key === 'object' || typeof key === 'symbol') continue; // reported by checkNodes
        const name = String(key);
        // defineProperty, so that a key such as __proto__ is an ordinary key.
        Object.defineProperty(out, name, { value: toPlain(item, [...path, name], ancestors, recursion), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  } finally {
    ancestors.delete(value);
  }
}

/** The first line of a yaml error message, without its "at line ..." tail (line and column are kept apart). */
function shortYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}

function errorText(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'it nests too deeply';
  return error instanceof Error ? error.message : String(error);
}
