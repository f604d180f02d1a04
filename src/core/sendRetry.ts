import type { ChatError } from '../protocol';
import { isRetryable } from '../protocol';

/** The first backoff window after a failed send, in ms; it doubles per attempt. */
export const SEND_RETRY_BASE_MS = 1000;
/** The largest backoff window, in ms. */
export const SEND_RETRY_MAX_MS = 30_000;

/**
 * What to do with a send that failed:
 * - `fail`: for good (the server refused it); it shows as failed until retried or discarded.
 * - `awaitSession`: the connection is down; the next session sends it.
 * - `retryNow`: a newer session is already open than the one it was sent on.
 * - `retryAfter`: wait `delayMs`, then send it again (rate limited, timed out, unavailable).
 */
export type SendFailureVerdict = { kind: 'fail' } | { kind: 'awaitSession' } | { kind: 'retryNow' } | { kind: 'retryAfter'; delayMs: number };

/**
 * Full-jitter exponential backoff: a random wait in [0, base·2^(attempt−1)], capped.
 *
 * @example
 * backoffDelayMs(3, () => 0.5); // 2000
 */
export function backoffDelayMs(attempt: number, random: () => number): number {
  return random() * Math.min(SEND_RETRY_MAX_MS, SEND_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * Decides what happens to a send after a failure, from the error and the connection.
 *
 * @example
 * sendFailureVerdict(new ChatError('rate_limited', 'Slow down', { retryAfterMs: 200 }), { online: true, newerSession: false, attempt: 1, random: Math.random });
 * // { kind: 'retryAfter', delayMs: 200 }
 */
export function sendFailureVerdict(
  error: ChatError,
  context: { online: boolean; newerSession: boolean; attempt: number; random: () => number },
): SendFailureVerdict {
  if (!isRetryable(error)) return { kind: 'fail' };
  if (error.code === 'unavailable') {
    if (!context.online) return { kind: 'awaitSession' };
    if (context.newerSession) return { kind: 'retryNow' };
  }
  return { kind: 'retryAfter', delayMs: error.retryAfterMs ?? backoffDelayMs(context.attempt, context.random) };
}

/**
 * Until when a send waits because the server's flood limit refused it (`rate_limited`, its
 * retry-after from `now`), so the sender sees why it has not gone yet ("You're sending too fast;
 * wait 3 s"); undefined for any other failure, which shows no countdown.
 *
 * @example
 * throttledUntil(new ChatError('rate_limited', 'Too many changes', { retryAfterMs: 3000 }), 1000); // 4000
 * throttledUntil(new ChatError('timeout', 'No answer'), 1000); // undefined
 */
export function throttledUntil(error: ChatError, now: number): number | undefined {
  if (error.code !== 'rate_limited') return undefined;
  return now + Math.max(0, error.retryAfterMs ?? 0);
}
