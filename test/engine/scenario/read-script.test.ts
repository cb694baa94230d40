import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseScript, ScenarioError } from '../../../engine/scenario/index.js';

describe('scripted scenarios: reading', () => {
  it('reads a script with its defaults: v0.260819.0, random, unconfigured, no affinity, services answering 200', () => {
    const s = parseScript('name: s\nservices: [{ provider: a }]\nprogram: [{ request: {} }, { advance: 2s }]\n', 's.yaml');
    expect(s).toMatchObject({ version: 'v0.260819.0', tactic: { name: 'random', type: 3 }, health: { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false }, sessionAffinityMs: 0 });
    expect(s.services[0]).toEqual({ name: 'a', weight: 1, active: true, tier: 0, faults: { steps: [{ status: 200, repeat: 1 }], onExhaust: 'clamp' } });
    expect(s.program.map((p) => p.kind)).toEqual(['request', 'advance']);
  });

  it('refuses anything else with a ScenarioError, never another exception (arbitrary documents over its keys)', () => {
    const value = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 600 }), fc.constantFrom('a', 'b', 'tier', '5s', 'loop', 'timeout', 'open', 'v0.260819.0'), fc.constant({}), fc.constant([]));
    const keys = ['name', 'version', 'tactic', 'health', 'session_affinity', 'services', 'program', 'provider', 'faults', 'steps', 'status', 'repeat', 'on_exhaust', 'request', 'advance', 'expect', 'path', 'pinned', 'breaker', 'session', 'streaming', 'tier', 'weight', 'active', 'a'];
    const doc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, value, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 })),
    })).node;
    // mostly well-shaped: a mapping with services and a program whose entries are mappings over the keys
    const entry = fc.dictionary(fc.constantFrom(...keys), doc, { maxKeys: 4 });
    const shaped = fc.record({ name: fc.constantFrom('s', 'x-1'), services: fc.array(fc.oneof(entry, fc.constant({ provider: 'a' })), { maxLength: 3 }), program: fc.array(entry, { maxLength: 4 }), tactic: value }, { requiredKeys: ['name'] });
    fc.assert(
      fc.property(fc.oneof(doc, shaped), (d) => {
        try {
          parseScript(stringify(d), 'fuzz.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 800 },
    );
  });
});
