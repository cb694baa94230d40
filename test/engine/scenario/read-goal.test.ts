import { describe, expect, it } from 'vitest';
import { defaultGoal } from '../../../engine/scenario/index.js';
import { docWith, issueAt, minimalDoc, parse } from './helpers.js';

describe('goal', () => {
  it('without one, the default goal: the best success rate within 0.2 points, then p95 latency and cost within 5%, at 95%', () => {
    const s = parse(minimalDoc());
    expect(s.goal).toEqual({
      optimize: 'success_rate',
      constraints: [],
      tieBreakers: ['latency_p95_ms', 'cost_per_1k_success'],
      indifference: { success_rate: { kind: 'absolute', value: 0.002 }, latency_p95_ms: { kind: 'relative', fraction: 0.05 }, cost_per_1k_success: { kind: 'relative', fraction: 0.05 } },
      confidence: 0.95,
      stated: false,
    });
    expect(defaultGoal()).toEqual(s.goal);
  });

  it('reads a stated goal: constraints, tie-breakers in order, zones in the unit or as a percentage', () => {
    const s = parse(
      docWith({
        goal: {
          optimize: 'cost_per_1k_success',
          constraints: ['success_rate >= 0.99', 'share:openai:gpt-4o <= 0.5', 'latency_p95_ms<=8000'],
          tie_breakers: ['latency_p95_ms'],
          indifference: { cost_per_1k_success: 0.05, latency_p95_ms: '10%' },
          confidence: 0.9,
        },
      }),
    );
    expect(s.goal).toEqual({
      optimize: 'cost_per_1k_success',
      constraints: [
        { metric: 'success_rate', op: '>=', value: 0.99, text: 'success_rate >= 0.99' },
        { metric: 'share:openai:gpt-4o', op: '<=', value: 0.5, text: 'share:openai:gpt-4o <= 0.5' },
        { metric: 'latency_p95_ms', op: '<=', value: 8000, text: 'latency_p95_ms <= 8000' },
      ],
      tieBreakers: ['latency_p95_ms'],
      indifference: { cost_per_1k_success: { kind: 'absolute', value: 0.05 }, latency_p95_ms: { kind: 'relative', fraction: 0.1 } },
      confidence: 0.9,
      stated: true,
    });
  });

  it('leaves the optimised metric out of the default tie-breakers', () => {
    expect(parse(docWith({ goal: { optimize: 'latency_p95_ms' } })).goal.tieBreakers).toEqual(['cost_per_1k_success']);
    expect(parse(docWith({ goal: { optimize: 'cost_per_1k_success' } })).goal.tieBreakers).toEqual(['latency_p95_ms']);
  });

  it('names what is wrong, where', () => {
    expect(issueAt(docWith({ goal: { optimize: 'succes_rate' } }), 'goal.optimize').suggestion).toBe('success_rate');
    expect(issueAt(docWith({ goal: { constraints: ['success_rate > 0.9'] } }), 'goal.constraints[0]').message).toContain('use >= or <=');
    expect(issueAt(docWith({ goal: { constraints: ['share:nobody:x <= 0.5'] } }), 'goal.constraints[0]').message).toContain('naming a service of this scenario');
    expect(issueAt(docWith({ goal: { tie_breakers: ['success_rate'] } }), 'goal.tie_breakers[0]').message).toContain('not already in the goal');
    expect(issueAt(docWith({ goal: { indifference: { fairness: 0.1 } } }), 'goal.indifference.fairness').message).toContain('a goal metric');
    expect(issueAt(docWith({ goal: { indifference: { success_rate: '5 percent' } } }), 'goal.indifference.success_rate').message).toContain('a percentage such as "5%"');
    expect(issueAt(docWith({ goal: { confidence: 1 } }), 'goal.confidence').message).toContain('at most 0.999');
    expect(issueAt(docWith({ goal: { maximise: 'x' } }), 'goal.maximise').message).toContain('unknown key');
  });
});

describe('replications', () => {
  it('auto by default: a first stage of 5, at most 30', () => {
    expect(parse(minimalDoc())).toMatchObject({ replications: 5, replicationMode: 'auto', maxReplications: 30 });
    expect(parse(docWith({ replications: 'auto', first_stage_replications: 3, max_replications: 12 }))).toMatchObject({ replications: 3, replicationMode: 'auto', maxReplications: 12 });
  });

  it('a fixed count runs exactly that', () => {
    expect(parse(docWith({ replications: 7 }))).toMatchObject({ replications: 7, replicationMode: 'fixed', maxReplications: 7 });
  });

  it('refuses a stage key next to a fixed count, a maximum below the first stage, and other words', () => {
    expect(issueAt(docWith({ replications: 5, max_replications: 9 }), 'max_replications').message).toContain('it belongs to replications: auto');
    expect(issueAt(docWith({ replications: 'auto', first_stage_replications: 8, max_replications: 6 }), 'max_replications').message).toContain('at least first_stage_replications (8)');
    expect(issueAt(docWith({ replications: 'many' }), 'replications').message).toContain('or auto');
    expect(issueAt(docWith({ replications: 'auto', first_stage_replications: 1 }), 'first_stage_replications').message).toContain('from 2');
  });
});
