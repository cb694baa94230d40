import type { Rng } from '../rng.js';
import type { Rule } from '../rule.js';
import type { Service } from '../service.js';
import { TacticType } from '../tactic-type.js';
import { pickByCumulativeWeight, type Tactic } from './tactic.js';

/** A service's capacity weight: model_capacity if > 0, else weight if > 0, else 100. */
export function capacityWeight(service: Service): number {
  if (service.modelCapacity !== undefined && service.modelCapacity > 0) return service.modelCapacity;
  if (service.weight > 0) return service.weight;
  return 100;
}

/** Weighted random by capacity weight (model_capacity, else weight, else 100). */
export class CapacityBasedTactic implements Tactic {
  readonly type = TacticType.CapacityBased;
  readonly name = 'Capacity Based';

  selectService(rule: Rule, rng: Rng): Service | undefined {
    const services = rule.getActiveServices();
    if (services.length <= 1) return services[0];
    let total = 0;
    for (const service of services) total += capacityWeight(service);
    // Every capacity weight is positive, so the running sum always passes the draw.
    return pickByCumulativeWeight(services, capacityWeight, total, rng) ?? services[services.length - 1];
  }
}
