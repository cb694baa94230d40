/**
 * The outcome of a try, an attempt or a request: a provider's answer, or what the gateway decided
 * itself (no healthy service). One integer code for the typed arrays of the hot path (HTTP
 * statuses as themselves, everything else negative, see `Answer`), and a typed union for readers.
 */
import { Answer, type AnswerCode, isHttpAnswer } from '../providers/index.js';

/** Outcome codes: the provider answers and the gateway's own. */
export const Outcome = {
  ...Answer,
  /** The gateway found no healthy service (upstream answers 503 "no healthy services"). */
  NoHealthy: -100,
} as const;

/** An outcome code: an `AnswerCode` or `Outcome.NoHealthy`. */
export type OutcomeCode = AnswerCode;

/** An outcome, decoded. */
export type DecodedOutcome =
  | { kind: 'ok' }
  /** The provider answered with an HTTP error status. */
  | { kind: 'http_error'; status: number }
  /** No answer in time: the provider never answered, or the gateway's deadline passed. */
  | { kind: 'timeout' }
  | { kind: 'connection_error' }
  /** A stream broke after its first token. */
  | { kind: 'stream_error' }
  | { kind: 'no_healthy' };

/** The typed form of an outcome code. */
export function decodeOutcome(code: OutcomeCode): DecodedOutcome {
  switch (code) {
    case Outcome.Ok:
      return { kind: 'ok' };
    case Outcome.Timeout:
      return { kind: 'timeout' };
    case Outcome.ConnectionError:
      return { kind: 'connection_error' };
    case Outcome.StreamError:
      return { kind: 'stream_error' };
    case Outcome.NoHealthy:
      return { kind: 'no_healthy' };
  }
  if (!isHttpAnswer(code)) throw new RangeError(`not an outcome code: ${code}`);
  return { kind: 'http_error', status: code };
}

/** The HTTP error status of an outcome, or undefined when it is not an HTTP error. */
export function httpErrorStatus(code: OutcomeCode): number | undefined {
  return code !== Outcome.Ok && isHttpAnswer(code) ? code : undefined;
}

/** The name of an outcome in metrics: `ok`, `timeout`, `connection_error`, `stream_error`, `no_healthy_services` or the HTTP status. */
export function outcomeName(code: OutcomeCode): string {
  const outcome = decodeOutcome(code);
  switch (outcome.kind) {
    case 'http_error':
      return String(outcome.status);
    case 'no_healthy':
      return 'no_healthy_services';
    default:
      return outcome.kind;
  }
}

/** Listing order of outcomes (success, the gateway's own, transport failures, then HTTP statuses ascending). */
export function outcomeRank(code: OutcomeCode): number {
  switch (code) {
    case Outcome.Ok:
      return 0;
    case Outcome.NoHealthy:
      return 1;
    case Outcome.Timeout:
      return 2;
    case Outcome.StreamError:
      return 3;
    case Outcome.ConnectionError:
      return 4;
    default:
      return 1_000 + code;
  }
}
