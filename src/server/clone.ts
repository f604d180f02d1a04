/**
 * A deep copy of plain JSON data (objects, arrays, primitives), several times faster than
 * structuredClone for the small, wide objects events carry. Fields holding `undefined` are
 * dropped, as JSON would drop them.
 *
 * @example
 * const copy = cloneJson({ members: [{ userId: 'ana' }] });
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index++) out[index] = cloneJson(value[index]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    // Assigning "__proto__" would set the copy's prototype instead of copying the key.
    if (key === '__proto__') Object.defineProperty(out, key, { value: cloneJson(item), enumerable: true, writable: true, configurable: true });
    else out[key] = cloneJson(item);
  }
  return out as T;
}
