import { describe, expect, it } from 'vitest';
import { formatDurationMs, parseDurationText, parseRateText } from '../../../engine/scenario/index.js';
import { editDistance, suggest } from '../../../engine/scenario/suggest.js';
import { issueAt, docWith, parse } from './helpers.js';

describe('parseDurationText', () => {
  it.each([
    ['250ms', 250],
    ['0.5ms', 0.5],
    ['1.5s', 1_500],
    ['90s', 90_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['0s', 0],
    ['0.3s', 300],
    ['0.1s', 100],
    ['1.25m', 75_000],
  ])('%s is %d ms, exactly', (text, ms) => {
    expect(parseDurationText(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ['400', 'add a unit, e.g. "400ms" or "400s"'],
    ['-5s', 'cannot be negative'],
    ['-5', 'cannot be negative'],
    ['5d', 'no day unit'],
    ['2days', 'no day unit'],
    ['5 s', 'without a space'],
    ['1h30m', 'combined durations are not supported'],
    ['5sec', 'seconds are written s'],
    ['5min', 'minutes are written m'],
    ['3hours', 'hours are written h'],
    ['10us', 'smallest unit is ms'],
    ['5x', 'unknown unit "x"'],
    ['', 'empty'],
    ['ms', 'write a number followed by'],
    [' 5s', 'remove the spaces around it: "5s"'],
    ['1e3ms', 'without an exponent, e.g. "1000ms"'],
  ])('%j is refused with a hint (%s)', (text, hint) => {
    const parsed = parseDurationText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.hint).toContain(hint);
  });

  it('refuses absurdly long text without trying to read it', () => {
    const parsed = parseDurationText(`${'9'.repeat(500)}s`);
    expect(parsed).toEqual({ ok: false, hint: 'it is far too long to be a duration' });
  });
});

describe('parseRateText', () => {
  it.each([
    ['20/s', 20],
    ['600/min', 10],
    ['36000/h', 10],
    ['0.5/s', 0.5],
    ['0/s', 0],
  ])('%s is %d per second', (text, perSecond) => {
    expect(parseRateText(text)).toEqual({ ok: true, perSecond });
  });

  it('keeps fractional per-second rates', () => {
    const parsed = parseRateText('1/min');
    expect(parsed.ok && parsed.perSecond).toBeCloseTo(1 / 60, 15);
  });

  it.each([
    ['20', 'add a unit, e.g. "20/s"'],
    ['-5/s', 'cannot be negative'],
    ['20/m', 'per minute is written /min'],
    ['20/sec', 'per second is written /s'],
    ['20/hour', 'per hour is written /h'],
    ['20/d', 'unknown unit "/d"'],
    ['20 /s', 'without spaces'],
    ['20rps', 'write requests per second as /s'],
    ['20/s ', 'remove the spaces around it'],
    ['fast', 'write a number, a slash'],
  ])('%j is refused with a hint (%s)', (text, hint) => {
    const parsed = parseRateText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.hint).toContain(hint);
  });
});

describe('formatDurationMs', () => {
  it.each([
    [0, '0'],
    [250, '250ms'],
    [1_500, '1.5s'],
    [90_000, '90s'],
    [300_000, '5m'],
    [604_800_000, '168h'],
    [0.5, '0.5ms'],
  ])('%d ms prints as %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });

  it('round-trips through parseDurationText', () => {
    for (const ms of [1, 250, 1_500, 90_000, 300_000, 7_200_000]) expect(parseDurationText(formatDurationMs(ms))).toEqual({ ok: true, ms });
  });
});

describe('durations and rates in a file', () => {
  it('normalises to ms and requests per second', () => {
    const s = parse(docWith({ duration: '1.5h', warmup: '90s', 'workload.arrivals': { process: 'constant', rate: '600/min' }, 'services[0].timeout': '2.5s' }));
    expect(s.durationMs).toBe(5_400_000);
    expect(s.warmupMs).toBe(90_000);
    expect(s.workload.arrivals).toEqual({ kind: 'constant', ratePerSecond: 10 });
    expect(s.services[0]!.behavior.timeoutMs).toBe(2_500);
  });

  it('accepts the number 0 as a duration and a rate', () => {
    const s = parse(docWith({ warmup: 0, 'workload.arrivals': { process: 'ramp', from: 0, to: '50/s' } }));
    expect(s.warmupMs).toBe(0);
    expect(s.workload.arrivals).toEqual({ kind: 'ramp', fromRatePerSecond: 0, toRatePerSecond: 50 });
  });

  it('a bare non-zero number is an error that names the path, the expectation and the value', () => {
    const issue = issueAt(docWith({ 'services[1].ttft': { dist: 'lognormal', median: 400, p99: '2s' } }), 'services[1].ttft.median');
    expect(issue.message).toBe('expected a duration with a unit (e.g. 400ms, 2s, 5m), got 400; add a unit, e.g. "400ms" or "400s"');
    expect(issue.expected).toBe('a duration with a unit (e.g. 400ms, 2s, 5m)');
    expect(issue.received).toBe('400');
  });

  it('a bare number rate is an error with a hint', () => {
    const issue = issueAt(docWith({ 'workload.arrivals.rate': 20 }), 'workload.arrivals.rate');
    expect(issue.message).toBe('expected a rate with a unit (e.g. 20/s, 600/min, 36000/h), got 20; add a unit, e.g. "20/s" or "20/min"');
  });

  it('states the limit of a too-long duration', () => {
    expect(issueAt(docWith({ duration: '8760h' }), 'duration').message).toBe('expected a duration > 0 and at most 168h (7 days), got "8760h"');
    expect(issueAt(docWith({ 'services[0].timeout': '200h' }), 'services[0].timeout').message).toContain('at most 168h (7 days)');
  });
});

describe('suggest', () => {
  const keys = ['timeout', 'time_window', 'ttft', 'speed', 'weight', 'model', 'provider'];

  it('finds near misses, case and separators aside', () => {
    expect(suggest('timout', keys)).toBe('timeout');
    expect(suggest('timeWindow', keys)).toBe('time_window');
    expect(suggest('time-window', keys)).toBe('time_window');
    expect(suggest('Speed', keys)).toBe('speed');
    expect(suggest('wieght', keys)).toBe('weight');
    expect(suggest('provder', keys)).toBe('provider');
  });

  it('stays quiet when nothing is close', () => {
    expect(suggest('banana', keys)).toBeUndefined();
    expect(suggest('x', keys)).toBeUndefined();
    expect(suggest('incidents', keys)).toBeUndefined();
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
