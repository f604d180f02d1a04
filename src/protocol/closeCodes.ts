import type { ChatErrorPayload } from './errors';

/**
 * WebSocket close codes between the Node host and the WebSocket transport, beside the standard
 * ones. One list, so the host that sends a code and the client that reads it cannot drift apart.
 *
 * @example
 * ws.close(CLOSE_CODES.tokenExpired, 'The token has expired.');
 */
export const CLOSE_CODES = {
  /** A normal close (the client or the server asked for it). */
  normal: 1000,
  /** The host is shutting down; connect again later. */
  goingAway: 1001,
  /** A frame larger than the host accepts. */
  tooBig: 1009,
  /** The client let go of a socket it considers dead (no heartbeat, offline, reconnecting). */
  clientDropped: 4000,
  /** Bad or missing token, or unknown user. Final: a client should not retry with the same token. */
  unauthorized: 4001,
  /** The token expired (at connect or mid-session). Get a fresh token and connect again. */
  tokenExpired: 4002,
  /** The page's Origin is not allowed. Final. */
  forbiddenOrigin: 4003,
  /**
   * The client read too slowly: its unsent answers and events passed the host's cap, or stayed
   * over the high-water mark longer than the host waits. Reconnect with backoff (and read faster).
   */
  tooSlow: 4008,
} as const;

/**
 * What a client should do after a close: give up with an error (`final`), connect again at once
 * with a fresh token (`renewToken`), or reconnect with backoff (`retry`).
 *
 * @example
 * const next: CloseVerdict = closeVerdict(4001, 'Unknown user.'); // { kind: 'final', error: { code: 'unauthorized', … } }
 */
export type CloseVerdict = { kind: 'final'; error: ChatErrorPayload } | { kind: 'renewToken' } | { kind: 'retry' };

/**
 * Reads a close code the way the host means it.
 *
 * @example
 * if (closeVerdict(event.code, event.reason).kind === 'final') stopReconnecting();
 */
export function closeVerdict(code: number, reason: string): CloseVerdict {
  switch (code) {
    case CLOSE_CODES.unauthorized:
      return { kind: 'final', error: { code: 'unauthorized', message: reason || 'The server refused the token.' } };
    case CLOSE_CODES.forbiddenOrigin:
      return { kind: 'final', error: { code: 'forbidden', message: reason || 'The server refused this origin.' } };
    case CLOSE_CODES.tokenExpired:
      return { kind: 'renewToken' };
    default:
      return { kind: 'retry' };
  }
}
