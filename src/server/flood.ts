import { ChatError } from '../protocol';
import type { FloodLimit } from './types';

/**
 * The default flood limit: a burst of 20 writes, then 5 a second.
 *
 * @example
 * createReferenceServer({ floodLimit: { ...DEFAULT_FLOOD_LIMIT, capacity: 50 } });
 */
export const DEFAULT_FLOOD_LIMIT: Readonly<FloodLimit> = Object.freeze({ capacity: 20, refillPerSecond: 5 });

/**
 * The default limit on history reads (`message.history`, `thread.history`, `room.resume`): a
 * burst of 40 pages, then 10 a second. Generous for a person scrolling or a client resuming many
 * rooms at once; a script asking for hundreds of pages waits instead of stalling everyone.
 *
 * @example
 * createReferenceServer({ readLimit: { ...DEFAULT_READ_LIMIT, capacity: 100 } });
 */
export const DEFAULT_READ_LIMIT: Readonly<FloodLimit> = Object.freeze({ capacity: 40, refillPerSecond: 10 });

/**
 * Decides whether a person may write now. Internal to the server.
 *
 * @example
 * const gate = createFloodGate({ capacity: 2, refillPerSecond: 1 }, () => clock);
 * gate.take('ana'); // 0: allowed; otherwise the milliseconds to wait
 */
export interface FloodGate {
  /** Spends one token of `userId`'s bucket; returns 0 when allowed, else milliseconds until a token is back. */
  take(userId: string): number;
}

/** Tokens are counted in thousandths so that whole-millisecond clocks and whole rates stay exact (no 0.995 + 0.005 ≠ 1). */
interface Bucket {
  milliTokens: number;
  at: number;
}

const ONE_TOKEN = 1000;

/**
 * A token bucket per person, on the injected clock (no timers: buckets refill lazily on `take`).
 *
 * @example
 * const gate = createFloodGate(false, Date.now); // never refuses
 */
export function createFloodGate(limit: FloodLimit | false | undefined, now: () => number, fallback: Readonly<FloodLimit> = DEFAULT_FLOOD_LIMIT, name = 'flood limit'): FloodGate {
  if (limit === false) return { take: () => 0 };
  const { capacity, refillPerSecond } = limit ?? fallback;
  if (!(capacity >= 1) || !(refillPerSecond > 0) || !Number.isFinite(capacity) || !Number.isFinite(refillPerSecond)) {
    throw new ChatError('invalid', `The ${name} needs a capacity of at least 1 and a positive, finite refill rate; pass false to turn it off.`);
  }
  const buckets = new Map<string, Bucket>();
  return {
    take(userId) {
      const t = now();
      const bucket = buckets.get(userId) ?? { milliTokens: capacity * ONE_TOKEN, at: t };
      // A clock that steps backwards must not mint or burn tokens.
      const elapsed = Math.max(0, t - bucket.at);
      bucket.milliTokens = Math.min(capacity * ONE_TOKEN, bucket.milliTokens + elapsed * refillPerSecond);
      bucket.at = t;
      buckets.set(userId, bucket);
      if (bucket.milliTokens >= ONE_TOKEN) {
        bucket.milliTokens -= ONE_TOKEN;
        return 0;
      }
      return Math.max(1, Math.ceil((ONE_TOKEN - bucket.milliTokens) / refillPerSecond));
    },
  };
}
