/** Internal: reads a whole scenario file's data into the normalised Scenario. */
import type { GatewayOptions } from '../gateway/index.js';
import { defaultBucketMs, defaultMaxSimulatedMs, SCENARIO_DEFAULTS as D } from './defaults.js';
import type { Scenario } from './model.js';
import type { Issues } from './issues.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { readCompare } from './read-compare.js';
import { readExpectations } from './read-expect.js';
import { readGatewayOptions } from './read-gateway.js';
import { readGoal, readReplications } from './read-goal.js';
import { readServices } from './read-services.js';
import { readWorkload, type TraceFileReader } from './read-workload.js';
import { durationReader, integerReader, Mapping, reader, stringReader } from './reader.js';
import { SCENARIO_KEYS } from './schema.js';
import { formatDurationMs } from './units.js';

const ROOT_EXPECTED = 'a scenario: a mapping with at least name, duration, workload and services';

/** Reads the file's data; undefined when `issues` got any problem. */
export function readScenario(issues: Issues, value: unknown, readFile: TraceFileReader | undefined): Scenario | undefined {
  if (value === undefined || value === null) {
    issues.add({ path: [], message: `the file has no content; expected ${ROOT_EXPECTED}`, expected: ROOT_EXPECTED, received: 'nothing' });
    return undefined;
  }
  const root = Mapping.open(issues, [], value, SCENARIO_KEYS.root, ROOT_EXPECTED);
  if (!root) return undefined;

  const name = root.req('name', stringReader({ nonEmpty: true, maxLength: L.maxNameLength }));
  const description = root.def('description', stringReader({ maxLength: L.maxTextLength }), D.root);
  const question = root.def('question', stringReader({ maxLength: L.maxTextLength }), D.root);
  const seed = root.def('seed', integerReader({ min: 0, max: L.maxSeed }), D.root);
  const durationMs = root.req('duration', durationReader({ positive: true }));
  const warmupMs = root.def('warmup', durationReader(), D.root);
  if (durationMs !== undefined && warmupMs !== undefined && warmupMs >= durationMs) {
    issues.expected(root.at('warmup'), `a warmup shorter than the duration (${formatDurationMs(durationMs)})`, root.raw('warmup'));
  }
  const replicationPlan = readReplications(root);
  const bucketMs = readBucket(issues, root, durationMs);
  const limits = readLimits(root, durationMs);

  const workload = root.req('workload', reader('a mapping with arrivals (e.g. { arrivals: { process: poisson, rate: 20/s } })', (i, p, v) => readWorkload(i, p, v, readFile)));
  const services = root.req('services', reader('a non-empty list of services', (i, p, v) => readServices(i, p, v, durationMs)));
  const gateway = root.block<GatewayOptions | undefined>(
    'gateway',
    reader('a mapping of gateway options', (i, p, v) => {
      const m = Mapping.open(i, p, v, SCENARIO_KEYS.gateway, 'a mapping of gateway options');
      const options = m && readGatewayOptions(m, undefined);
      m?.done();
      return options;
    }),
  );

  const compare = readCompare(issues, root.at('compare'), root.raw('compare'), gateway);
  const serviceIds = services?.map((s) => `${s.provider}:${s.model}`);
  const expect = root.def('expect', { expected: 'a list of expectations', read: (i, p, v) => readExpectations(i, p, v, compare.labels, serviceIds) }, D.root);
  const goal = readGoal(issues, root.at('goal'), root.raw('goal'), serviceIds);
  root.done();

  if (issues.size > 0) return undefined;
  if (
    name === undefined ||
    description === undefined ||
    question === undefined ||
    seed === undefined ||
    durationMs === undefined ||
    warmupMs === undefined ||
    replicationPlan === undefined ||
    goal === undefined ||
    bucketMs === undefined ||
    limits === undefined ||
    workload === undefined ||
    services === undefined ||
    gateway === undefined ||
    compare.tactics === undefined ||
    compare.health === undefined ||
    compare.gatewayVariants === undefined ||
    compare.baseline === undefined ||
    expect === undefined
  ) {
    throw new Error('scenario loader bug: a part of the scenario is missing although no problem was reported');
  }
  return {
    name,
    description,
    question,
    seed,
    durationMs,
    warmupMs,
    ...replicationPlan,
    goal,
    workload,
    services,
    gateway,
    tactics: compare.tactics,
    health: compare.health,
    gatewayVariants: compare.gatewayVariants,
    expect,
    baseline: compare.baseline,
    bucketMs,
    limits,
  };
}

function readBucket(issues: Issues, root: Mapping, durationMs: number | undefined): number | undefined {
  const bucketMs = root.opt<number | undefined>('bucket', durationReader({ positive: true }), durationMs === undefined ? undefined : defaultBucketMs(durationMs));
  if (!root.has('bucket') || bucketMs === undefined || durationMs === undefined) return bucketMs;
  if (bucketMs > durationMs) return issues.expected(root.at('bucket'), `a bucket no longer than the duration (${formatDurationMs(durationMs)})`, root.raw('bucket'));
  const buckets = Math.ceil(durationMs / bucketMs);
  if (buckets > L.maxBuckets) {
    return issues.expected(root.at('bucket'), `a bucket of at least ${formatDurationMs(Math.ceil(durationMs / L.maxBuckets))} (at most ${L.maxBuckets} buckets over ${formatDurationMs(durationMs)})`, root.raw('bucket'), {
      hint: `it would make ${buckets} buckets`,
    });
  }
  return bucketMs;
}

function readLimits(root: Mapping, durationMs: number | undefined): Scenario['limits'] | undefined {
  const defaultMaxSimulated = durationMs === undefined ? undefined : defaultMaxSimulatedMs(durationMs);
  return root.block<Scenario['limits'] | undefined>(
    'limits',
    reader('a mapping with max_events and max_simulated_time', (i, p, v) => {
      const m = Mapping.open(i, p, v, SCENARIO_KEYS.limits, 'a mapping with max_events and max_simulated_time');
      if (!m) return undefined;
      const maxEvents = m.def('max_events', integerReader({ min: 1, max: L.maxEvents }), D.limits);
      const maxSimulatedMs = m.opt<number | undefined>('max_simulated_time', durationReader({ positive: true, maxMs: L.maxSimulatedMs }), defaultMaxSimulated);
      m.done();
      if (m.has('max_simulated_time') && maxSimulatedMs !== undefined && durationMs !== undefined && maxSimulatedMs < durationMs) {
        return i.expected(m.at('max_simulated_time'), `a limit of at least the duration (${formatDurationMs(durationMs)})`, m.raw('max_simulated_time'));
      }
      return maxEvents === undefined || maxSimulatedMs === undefined ? undefined : { maxEvents, maxSimulatedMs };
    }),
  );
}
