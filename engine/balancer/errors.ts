import type { Rule } from './rule.js';

/** Thrown by selectService when no active service is healthy. Its code is stable; its message says "no healthy services". */
export class NoHealthyServicesError extends Error {
  /** Stable error code. */
  readonly code = 'NO_HEALTHY_SERVICES';

  constructor(
    /** Active services of the rule, by id. */
    readonly activeServiceIds: readonly string[],
  ) {
    super(
      activeServiceIds.length === 0
        ? 'no healthy services: the rule has no active service'
        : `no healthy services among ${activeServiceIds.length} active: ${activeServiceIds.join(', ')}`,
    );
    this.name = 'NoHealthyServicesError';
  }

  /** Builds the error for a rule. */
  static forRule(rule: Rule): NoHealthyServicesError {
    return new NoHealthyServicesError(rule.getActiveServices().map((s) => s.serviceId()));
  }
}
