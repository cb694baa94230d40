import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = join(import.meta.dirname, '..', '..', 'engine');
// The layering lives in eslint.config.js, which enforces it edge by edge; this test checks the whole graph.
const CONFIG: string = '../../eslint.config.js';
const { MAY_IMPORT } = (await import(CONFIG)) as { MAY_IMPORT: Record<string, string[]> };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The engine's folder graph as the sources have it: folder -> folders it imports. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(ENGINE)) {
    const from = relative(ENGINE, file).split('/');
    if (from.length < 2) continue; // the entry points at the top (index.ts, simulate.ts, cli.ts) sit above every folder
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = relative(ENGINE, normalize(join(dirname(file), m[1]!))).split('/');
      if (to.length < 2 || to[0] === from[0] || to[0] === '..') continue;
      if (!graph.has(from[0]!)) graph.set(from[0]!, new Set());
      graph.get(from[0]!)!.add(to[0]!);
    }
  }
  return graph;
}

function cycle(graph: ReadonlyMap<string, Iterable<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('the engine folder graph', () => {
  it('the layering eslint enforces is acyclic and names every folder', () => {
    const declared = new Map(Object.entries(MAY_IMPORT));
    expect(cycle(declared)).toBeNull();
    const folders = readdirSync(ENGINE).filter((name) => statSync(join(ENGINE, name)).isDirectory());
    expect([...declared.keys()].sort()).toEqual(folders.sort());
  });

  it('the sources follow it: no cycle, no import against the flow', () => {
    const graph = folderGraph();
    expect(cycle(graph)).toBeNull();
    for (const [from, targets] of graph) for (const to of targets) expect(MAY_IMPORT[from], `${from} -> ${to}`).toContain(to);
    expect(cycle(new Map([['a', ['b']], ['b', ['a']]]))).toEqual(['a', 'b', 'a']); // the check itself works
  });
});
