import { describe, expect, it } from 'vitest';
import {
  ALL_TACTIC_TYPES,
  parseTacticType,
  TacticType,
  tacticTypeFromJSON,
  tacticTypeFromValue,
  tacticTypeToJSON,
  tacticTypeToString,
} from '../../../engine/balancer/index.js';

describe('TacticType', () => {
  it('has the gateway values', () => {
    expect(TacticType).toEqual({ TokenBased: 1, Random: 3, LatencyBased: 4, SpeedBased: 5, Adaptive: 6, CapacityBased: 7 });
    expect(ALL_TACTIC_TYPES).toEqual([1, 3, 4, 5, 6, 7]);
  });

  it('prints names; any other value prints token_based', () => {
    expect([1, 3, 4, 5, 6, 7].map(tacticTypeToString)).toEqual([
      'token_based', 'random', 'latency_based', 'speed_based', 'adaptive', 'capacity_based',
    ]);
    expect(tacticTypeToString(0)).toBe('token_based');
    expect(tacticTypeToString(2)).toBe('token_based');
    expect(tacticTypeToString(99)).toBe('token_based');
  });

  it('parses exactly and case-sensitively; retired names map to token_based; anything else to adaptive', () => {
    expect(parseTacticType('round_robin')).toBe(1);
    expect(parseTacticType('token_based')).toBe(1);
    expect(parseTacticType('hybrid')).toBe(1);
    expect(parseTacticType('random')).toBe(3);
    expect(parseTacticType('latency_based')).toBe(4);
    expect(parseTacticType('speed_based')).toBe(5);
    expect(parseTacticType('adaptive')).toBe(6);
    expect(parseTacticType('capacity_based')).toBe(7);
    expect(parseTacticType('')).toBe(6);
    expect(parseTacticType('Random')).toBe(6);
    expect(parseTacticType('RANDOM')).toBe(6);
    expect(parseTacticType(' random')).toBe(6);
    expect(parseTacticType('least_loaded')).toBe(6);
  });

  it('writes JSON as the name string', () => {
    expect(tacticTypeToJSON(TacticType.Random)).toBe('"random"');
    expect(tacticTypeToJSON(42)).toBe('"token_based"');
  });

  it('reads JSON from a string, null or an integer (taken as is)', () => {
    expect(tacticTypeFromJSON('"latency_based"')).toBe(4);
    expect(tacticTypeFromJSON('"hybrid"')).toBe(1);
    expect(tacticTypeFromJSON('"nope"')).toBe(6);
    expect(tacticTypeFromJSON('null')).toBe(6);
    expect(tacticTypeFromJSON('5')).toBe(5);
    expect(tacticTypeFromJSON('42')).toBe(42);
    expect(tacticTypeFromJSON('0')).toBe(0);
    expect(tacticTypeFromValue(-3)).toBe(-3);
  });

  it('rejects other JSON', () => {
    expect(() => tacticTypeFromJSON('1.5')).toThrow(TypeError);
    expect(() => tacticTypeFromJSON('true')).toThrow(TypeError);
    expect(() => tacticTypeFromJSON('{}')).toThrow(/string, an integer or null/);
    expect(() => tacticTypeFromJSON('random')).toThrow(/invalid JSON/);
  });

  it('round-trips every tactic through JSON', () => {
    for (const type of ALL_TACTIC_TYPES) expect(tacticTypeFromJSON(tacticTypeToJSON(type))).toBe(type);
  });
});
