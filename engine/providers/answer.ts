/**
 * What a provider answers a try with, as one integer code, so that it fits the typed arrays of the
 * hot path. HTTP answers are their status (200 is a success); what is not an HTTP answer is
 * negative, so no code can be read as two things.
 */
export const Answer = {
  /** No answer yet (the try is queued or in service). */
  Pending: 0,
  /** 200: served to the end. */
  Ok: 200,
  /** No answer in time: a provider that never answered, or the gateway's own deadline. */
  Timeout: -1,
  /** The connection was refused or reset before any response. */
  ConnectionError: -2,
  /** A stream broke after its first token (the client got part of the answer). */
  StreamError: -3,
} as const;

/** An answer code: an HTTP status (100 to 599) or one of the negative `Answer` codes. */
export type AnswerCode = number;

/** Whether `code` is an HTTP status (a real answer from the provider, success or error). */
export function isHttpAnswer(code: AnswerCode): boolean {
  return code >= 100 && code <= 599;
}
