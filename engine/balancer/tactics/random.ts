import type { Rng } from '../rng.js';
import type { Rule } from '../rule.js';
import type { Service } from '../service.js';
import { TacticType } from '../tactic-type.js';
import { pickByCumulativeWeight, type Tactic } from './tactic.js';

const weightOf = (service: Service): number => service.weight;

/**
 * Weighted random over the active services. The total counts positive weights only; when it is 0
 * the pick is uniform. The running sum adds every weight, so a negative weight shifts the services
 * after it, and a draw the sum never passes falls back to the first service, as upstream.
 */
export class RandomTactic implements Tactic {
  readonly type = TacticType.Random;
  readonly name = 'Random';

  selectService(rule: Rule, rng: Rng): Service | undefined {
    const services = rule.getActiveServices();
    if (services.length === 0) return undefined;
    let total = 0;
    for (const service of services) if (service.weight > 0) total += service.weight;
    if (total === 0) return services[Math.floor(rng.next() * services.length)];
    return pickByCumulativeWeight(services, weightOf, total, rng) ?? services[0];
  }
}
