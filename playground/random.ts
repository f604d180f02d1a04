// A tiny seeded PRNG (mulberry32) and helpers, so the seed and the simulation replay exactly for a
// given seed: the same world every time the page loads, and deterministic unit tests.

/** Random numbers in [0, 1), deterministic for a seed. */
export type Random = () => number;

/**
 * mulberry32: 32 bits of state, good enough for a demo and fully reproducible.
 *
 * @example
 * const random = createRandom(42);
 * random(); // always the same first number for seed 42
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One item of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: the list is empty');
  return items[Math.floor(random() * items.length)] as T;
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random() < p;
}

/** One item, chosen with the given weights. */
export function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of entries) {
    roll -= weight;
    if (roll < 0) return item;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('weighted: no entries');
  return last[0];
}
