import { describe, expect, it } from 'vitest';
import { runScript } from '../../../engine/run/index.js';
import { parseScript } from '../../../engine/scenario/index.js';

const run = (text: string) => runScript(parseScript(text, 't.yaml'));
const one = (faults: string, statuses: string[]) =>
  `name: t\nservices: [{ provider: a, faults: ${faults} }]\nprogram:\n${statuses.map((s) => `  - { request: {}, expect: { status: ${s} } }`).join('\n')}\n`;

describe('running a script', () => {
  it('walks each service\'s statuses in order, each its repeat times, then loops, clamps or fails', () => {
    const steps = '{ steps: [{ status: 503, repeat: 2 }, { status: 200 }]';
    expect(run(one(`${steps}, on_exhaust: loop }`, ['503', '503', '200', '503'])).every((s) => s.passed)).toBe(true);
    expect(run(one(`${steps}, on_exhaust: clamp }`, ['503', '503', '200', '200'])).every((s) => s.passed)).toBe(true);
    const failed = run(one(`${steps}, on_exhaust: fail }`, ['503', '503', '200', '200']));
    expect(failed.map((s) => s.passed)).toEqual([true, true, true, false]);
    expect(failed[3]!.problems).toEqual(['a ran out of statuses (on_exhaust: fail)']);
  });

  it('checks what it is asked after every repetition, and the states after the last', () => {
    const out = run('name: t\ntactic: tier\nservices:\n  - { provider: a, faults: { steps: [{ status: 503 }], on_exhaust: loop } }\n  - { provider: b, tier: 1 }\nprogram:\n  - { request: {}, repeat: 3, expect: { path: [b], breaker: { a: closed } } }\n');
    expect(out[0]!.problems).toEqual([
      'request 1 of 3: path: expected b, got a → b',
      'request 2 of 3: path: expected b, got a → b',
      'request 3 of 3: path: expected b, got a → b',
      'request 3 of 3: breaker of a: expected closed, got open',
    ]);
  });

  it('reports only the steps that check something', () => {
    expect(run('name: t\nservices: [{ provider: a }]\nprogram: [{ request: {} }, { advance: 1s }, { request: {}, expect: { status: 200 } }]\n').map((s) => s.at)).toEqual(['program[2]']);
  });
});
