import type { Rule } from '../rule.js';
import type { Service } from '../service.js';
import { TacticType } from '../tactic-type.js';
import { currentService, integerParam, TACTIC_DEFAULTS, type Tactic } from './tactic.js';

/** token_based parameters, resolved. */
export interface TokenBasedParams {
  /** Window tokens before switching. */
  tokenThreshold: number;
}

/**
 * Stays on the current service (the rule's current id, else the first) while its window tokens
 * are under the threshold; then moves to the service with the fewest window tokens (first on ties,
 * possibly the current one again). Reading window stats resets expired windows, as upstream.
 */
export class TokenBasedTactic implements Tactic {
  readonly type = TacticType.TokenBased;
  readonly name = 'Token Based';
  readonly params: Readonly<TokenBasedParams>;

  constructor(params: Partial<TokenBasedParams> = {}) {
    this.params = { tokenThreshold: integerParam(params.tokenThreshold, TACTIC_DEFAULTS.tokenThreshold, 'tokenThreshold') };
  }

  selectService(rule: Rule): Service | undefined {
    const services = rule.getActiveServices();
    const current = currentService(services, rule.currentServiceId);
    if (current === undefined) return undefined;
    if (current.getWindowStats().tokensConsumed < this.params.tokenThreshold) return current;
    let selected: Service | undefined;
    let lowest = -1;
    for (const service of services) {
      const tokens = service.getWindowStats().tokensConsumed;
      if (lowest === -1 || tokens < lowest) {
        lowest = tokens;
        selected = service;
      }
    }
    return selected;
  }
}
