import type { Service } from './service.js';

/** What a rule holds for selection: its services in config order and the current service id. */
export interface RuleInit {
  /** Services in config order. */
  services: readonly Service[];
  /** Id (`provider:model`) of the service the rule is on; empty or unknown means the first. */
  currentServiceId?: string;
}

/** A routing rule as the tactics see it. */
export class Rule {
  /** Services in config order. */
  readonly services: readonly Service[];
  /** Id (`provider:model`) of the current service, or empty. */
  currentServiceId: string;

  constructor(init: RuleInit) {
    this.services = init.services;
    this.currentServiceId = init.currentServiceId ?? '';
  }

  /** The active services, in config order. */
  getActiveServices(): Service[] {
    const active: Service[] = [];
    for (const service of this.services) if (service.active) active.push(service);
    return active;
  }
}
