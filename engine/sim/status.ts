/** Outcome codes of an attempt or a request: 0 success, HTTP statuses, and three gateway-side codes. */
export const Status = {
  Success: 0,
  /** The gateway found no healthy service (upstream answers 503 "no healthy services"). */
  NoHealthy: 1,
  /** The gateway gave up waiting (a connect or request timeout). */
  Timeout: 2,
  /** A stream broke after its first token (the client got part of the answer). */
  StreamError: 3,
} as const;

/** A readable name for a status code: `ok`, `no_healthy_services`, `timeout`, `stream_error` or the HTTP status. */
export function statusName(status: number): string {
  if (status === Status.Success) return 'ok';
  if (status === Status.NoHealthy) return 'no_healthy_services';
  if (status === Status.Timeout) return 'timeout';
  if (status === Status.StreamError) return 'stream_error';
  return String(status);
}
