/**
 * A bounded cache with expiry, least recently used out first: a Map keeps insertion order, and a
 * read moves the entry to the end. Sizes are what `sizeOf` says (1 an entry by default, bytes
 * for images).
 *
 * @example
 * const cache = createExpiringCache<string>({ maxSize: 1000, now: Date.now });
 * cache.set('https://example.com/', 'hit', 60_000);
 * cache.get('https://example.com/'); // 'hit'
 */
export interface ExpiringCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, ttlMs: number): void;
  readonly size: number;
}

/**
 * Options of {@link createExpiringCache}.
 *
 * @example
 * const options: ExpiringCacheOptions<Buffer> = { maxSize: 32 * 1024 * 1024, sizeOf: (bytes) => bytes.byteLength, now: Date.now };
 */
export interface ExpiringCacheOptions<V> {
  /** Total size kept; the least recently used entries go first. */
  maxSize: number;
  sizeOf?: (value: V) => number;
  now: () => number;
}

/**
 * Makes an {@link ExpiringCache}. (A hand-written one: lru-cache is not among Confab's dependencies,
 * and this is the dozen lines the previews need.)
 *
 * @example
 * const cache = createExpiringCache<number>({ maxSize: 2, now: () => 0 });
 */
export function createExpiringCache<V>(options: ExpiringCacheOptions<V>): ExpiringCache<V> {
  const entries = new Map<string, { value: V; expiresAt: number; size: number }>();
  const sizeOf = options.sizeOf ?? (() => 1);
  let total = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.size;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      drop(key);
      if (entry.expiresAt <= options.now()) return undefined;
      entries.set(key, entry);
      total += entry.size;
      return entry.value;
    },
    set(key, value, ttlMs) {
      drop(key);
      const size = sizeOf(value);
      if (size > options.maxSize) return;
      entries.set(key, { value, expiresAt: options.now() + ttlMs, size });
      total += size;
      for (const oldest of entries.keys()) {
        if (total <= options.maxSize) break;
        drop(oldest);
      }
    },
    get size() {
      return total;
    },
  };
}
