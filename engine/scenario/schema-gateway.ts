/** The scenario schema's `gateway` block: the options around the balancer, and which balancer version runs. */
import { z } from 'zod';
import { GATEWAY_VERSIONS } from '../gateway/index.js';
import { SCENARIO_DEFAULTS as D } from './defaults.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { duration, literals } from './schema-primitives.js';
import { RETRYABLE_STATUSES } from './vocabulary.js';

const retryStatus = literals(RETRYABLE_STATUSES);

export const gatewayShape = {
  max_attempts: z.int().min(1).max(L.maxAttempts).default(D.gateway.max_attempts).describe('Attempts per request, the first included (1: no retry, as upstream).'),
  retry_on: z.array(retryStatus).default([...D.gateway.retry_on]).describe('Statuses that may be retried.'),
  exclude_tried: z.boolean().default(D.gateway.exclude_tried).describe('Exclude services a request already tried from its retries.'),
  honor_retry_after: z.boolean().default(D.gateway.honor_retry_after).describe('Keep a service that sent Retry-After out of selection until it expires.'),
  retry_backoff: duration.default(D.gateway.retry_backoff).describe('Pause before a retry.'),
  record_failure_latency: z.boolean().default(D.gateway.record_failure_latency).describe('Record failed requests in latency samples (true upstream).'),
  advance_current_service: z.boolean().default(D.gateway.advance_current_service).describe('Move the current service id to each selected service (never, upstream).'),
  request_timeout: z.union([duration, z.literal('none')]).default(D.gateway.request_timeout).describe('Give up on an attempt after this long (> 0), or none.'),
  probe_timeout: duration.default(D.gateway.probe_timeout).describe('Longest a health probe may take (> 0).'),
  client_retries: z.int().min(0).max(L.maxClientRetries).default(D.gateway.client_retries).describe("The provider SDK's retries on the same service (2, its default, upstream; 0: none)."),
  version: z.enum(GATEWAY_VERSIONS).default(D.gateway.version).describe("The balancer version: the seed's (v0.26041.1000-preview) or v0.260819.0 (circuit breaker, failover before the first byte, tiers, session affinity)."),
  session_affinity: duration.default(D.gateway.session_affinity).describe('v0.260819.0: how long a session stays pinned to its service, a strict TTL (0: off, as a rule has it by default).'),
  probe_finds_provider: z.boolean().default(D.gateway.probe_finds_provider).describe('v0.260819.0: the health probe asks the provider (upstream\'s always fails: it looks the provider up by the wrong id).'),
  promotion_hold: duration.default(D.gateway.promotion_hold).describe('v0.260819.0: how long after its breaker closes a recovered service leaves lower-tier pins in place (60s, hard-coded upstream; 0: no hold).'),
  breaker_recovery_successes: z.int().min(1).max(100).default(D.gateway.breaker_recovery_successes).describe('v0.260819.0: probe successes that close a half-open breaker (3, hard-coded upstream; 1: no hysteresis).'),
  non_stream_success_counts: z.boolean().default(D.gateway.non_stream_success_counts).describe('v0.260819.0: a non-streamed success counts as a breaker success (upstream\'s counts nothing).'),
};

