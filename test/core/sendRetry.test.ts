import { ChatError } from '../../src/protocol';
import { backoffDelayMs, SEND_RETRY_MAX_MS, sendFailureVerdict, throttledUntil } from '../../src/core/sendRetry';

const context = { online: true, newerSession: false, attempt: 1, random: () => 0.5 };

describe('sendFailureVerdict', () => {
  it('fails for good on what the server refused', () => {
    expect(sendFailureVerdict(new ChatError('forbidden', 'Not a member.'), context)).toEqual({ kind: 'fail' });
    expect(sendFailureVerdict(new ChatError('too_large', 'Too long.'), context)).toEqual({ kind: 'fail' });
  });

  it('waits the time a rate limit names', () => {
    expect(sendFailureVerdict(new ChatError('rate_limited', 'Slow down.', { retryAfterMs: 240 }), context)).toEqual({ kind: 'retryAfter', delayMs: 240 });
  });

  it('waits for the next session while offline, and goes at once when a newer one is already open', () => {
    const unavailable = new ChatError('unavailable', 'Dropped.');
    expect(sendFailureVerdict(unavailable, { ...context, online: false })).toEqual({ kind: 'awaitSession' });
    expect(sendFailureVerdict(unavailable, { ...context, newerSession: true })).toEqual({ kind: 'retryNow' });
    expect(sendFailureVerdict(unavailable, context)).toEqual({ kind: 'retryAfter', delayMs: 500 });
  });

  it('backs off with full jitter, doubling per attempt up to the cap', () => {
    expect(backoffDelayMs(1, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, () => 1)).toBe(4000);
    expect(backoffDelayMs(30, () => 1)).toBe(SEND_RETRY_MAX_MS);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
  });
});

describe('throttledUntil', () => {
  it('counts down from the retry-after of a flood limit, and only of one', () => {
    expect(throttledUntil(new ChatError('rate_limited', 'Too many changes too quickly; try again in 3000 ms.', { retryAfterMs: 3000 }), 1_000)).toBe(4_000);
    expect(throttledUntil(new ChatError('rate_limited', 'Slow down.'), 1_000)).toBe(1_000);
    expect(throttledUntil(new ChatError('timeout', 'No answer.'), 1_000)).toBeUndefined();
    expect(throttledUntil(new ChatError('forbidden', 'You are muted in this room.'), 1_000)).toBeUndefined();
  });
});
