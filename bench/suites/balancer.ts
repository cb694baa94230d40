import {
  ALL_TACTIC_TYPES,
  createTactic,
  HealthMonitor,
  defaultHealthMonitorConfig,
  ManualClock,
  Rule,
  SeededRng,
  Service,
  ServiceStats,
  tacticTypeToString,
} from '../../engine/balancer/index.js';
import { type BatchTask, type Measurement, measureBatches } from '../measure.js';

const BATCH = 1_000;

/** Services with realistic statistics: latency, TTFT and speed samples, window tokens. */
function services(count: number, clock: ManualClock): Service[] {
  const rng = new SeededRng(`bench-services-${count}`);
  return Array.from({ length: count }, (_, i) => {
    const s = new Service({ provider: `p${i}`, model: 'm', weight: 1 + (i % 4), active: true, timeWindow: 3_600, modelCapacity: 4 + i }, clock);
    s.recordUsage(1_000 + i * 300, 200);
    for (let k = 0; k < 100; k++) {
      s.stats.recordLatency(200 + Math.floor(rng.next() * 3_000), 100);
      s.stats.recordTTFT(50 + Math.floor(rng.next() * 800), 100);
      s.stats.recordTokenSpeed(20 + rng.next() * 100, 100);
    }
    return s;
  });
}

/** Draws precomputed so the measured loop holds only the operation. */
function latencyDraws(count: number): Int32Array {
  const rng = new SeededRng('bench-latencies');
  return Int32Array.from({ length: count }, () => 1 + Math.floor(rng.next() * 10_000));
}

/** Balancer hot paths: each tactic's selection over 2, 8 and 32 services, sample recording, health checks. */
export async function balancerSuite(serviceCounts: readonly number[] = [2, 8, 32]): Promise<Measurement[]> {
  const clock = new ManualClock();
  const rng = new SeededRng('bench');
  const tasks: BatchTask[] = [];
  for (const count of serviceCounts) {
    const rule = new Rule({ services: services(count, clock) });
    for (const type of ALL_TACTIC_TYPES) {
      const tactic = createTactic(type);
      tasks.push({
        name: `balancer.select.${tacticTypeToString(type)}.${count}`,
        operations: BATCH,
        run: () => {
          for (let i = 0; i < BATCH; i++) tactic.selectService(rule, rng);
        },
      });
    }
  }
  const draws = latencyDraws(BATCH);
  for (const window of [100, 10_000]) {
    const stats = new ServiceStats(clock, { serviceId: 'p:m', timeWindow: 60, windowStart: 0 });
    for (let i = 0; i < window; i++) stats.recordLatency(draws[i % BATCH]!, window);
    tasks.push({
      name: `balancer.recordLatency.window${window}`,
      operations: BATCH,
      run: () => {
        for (let i = 0; i < BATCH; i++) stats.recordLatency(draws[i]!, window);
      },
    });
  }
  // Recording then reading a percentile every time: the worst case, where the order-statistic
  // tree is brought up to date on every read (one insert and one delete, O(log n)).
  const readStats = new ServiceStats(clock, { serviceId: 'p:m', timeWindow: 60, windowStart: 0 });
  for (let i = 0; i < 100; i++) readStats.recordLatency(draws[i]!, 100);
  tasks.push({
    name: 'balancer.recordLatencyThenP95.window100',
    operations: BATCH,
    run: () => {
      for (let i = 0; i < BATCH; i++) {
        readStats.recordLatency(draws[i]!, 100);
        if (readStats.p95LatencyMs < 0) throw new Error('unreachable');
      }
    },
  });
  const ttftStats = new ServiceStats(clock, { serviceId: 'p:m', timeWindow: 60, windowStart: 0 });
  tasks.push({
    name: 'balancer.recordTTFT.window100',
    operations: BATCH,
    run: () => {
      for (let i = 0; i < BATCH; i++) ttftStats.recordTTFT(draws[i]!, 100);
    },
  });
  const speedStats = new ServiceStats(clock, { serviceId: 'p:m', timeWindow: 60, windowStart: 0 });
  tasks.push({
    name: 'balancer.recordTokenSpeed.window100',
    operations: BATCH,
    run: () => {
      for (let i = 0; i < BATCH; i++) speedStats.recordTokenSpeed(draws[i]! / 100, 100);
    },
  });
  const monitor = new HealthMonitor(defaultHealthMonitorConfig(), clock);
  const ids = Array.from({ length: 8 }, (_, i) => `p${i}:m`);
  for (const id of ids.slice(0, 4)) monitor.reportError(id, 'warm');
  tasks.push({
    name: 'balancer.isHealthy',
    operations: BATCH,
    run: () => {
      for (let i = 0; i < BATCH; i++) monitor.isHealthy(ids[i & 7]!);
    },
  });
  tasks.push({
    name: 'balancer.reportSuccessAndError',
    operations: BATCH,
    run: () => {
      for (let i = 0; i < BATCH; i++) {
        if (i & 1) monitor.reportError(ids[i & 7]!, 'e');
        else monitor.reportSuccess(ids[i & 7]!);
      }
    },
  });
  const measured = await measureBatches(tasks);
  const byName = new Map(measured.map((m) => [m.name, m]));
  const alias = (name: string, from: string): Measurement[] => {
    const m = byName.get(from);
    return m ? [{ ...m, name }] : [];
  };
  return [
    ...measured,
    ...alias('balancer.randomSelectPerSecond', 'balancer.select.random.8'),
    ...alias('balancer.recordLatencyPerSecond', 'balancer.recordLatency.window100'),
  ];
}
