/**
 * Immutable records keyed by ids. Ids are validated by the protocol to never name an
 * Object.prototype member, and reads still check own keys so a stray id cannot reach one.
 */
export type IdRecord<V> = Readonly<Record<string, V>>;

export const EMPTY_RECORD: IdRecord<never> = Object.freeze({});

export function lookup<V>(record: IdRecord<V>, id: string): V | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** A copy with one entry set; the same record when the value is already there. */
export function withEntry<V>(record: IdRecord<V>, id: string, value: V): IdRecord<V> {
  if (lookup(record, id) === value) return record;
  return { ...record, [id]: value };
}

/** A copy without one entry; the same record when it is absent. */
export function withoutEntry<V>(record: IdRecord<V>, id: string): IdRecord<V> {
  if (!Object.hasOwn(record, id)) return record;
  const { [id]: _removed, ...rest } = record;
  return rest;
}

/** Caches a derived value per source object, so selectors return the same result until their input changes. */
export function memoizeByIdentity<S extends object, R>(derive: (source: S) => R): (source: S) => R {
  const cache = new WeakMap<S, R>();
  return (source) => {
    if (cache.has(source)) return cache.get(source) as R;
    const result = derive(source);
    cache.set(source, result);
    return result;
  };
}
