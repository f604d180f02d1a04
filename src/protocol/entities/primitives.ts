import * as v from 'valibot';

// The values every entity is built of: ids, sequences, timestamps and free-form custom data. Ids
// and custom data refuse the keys that would reach a prototype, so clients may use them as keys.

/** Keys that would reach an object's prototype if copied with assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_JSON_DEPTH = 16;

function isSafeJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isSafeJson(item, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return false;
      if (!isSafeJson((value as Record<string, unknown>)[key], depth + 1)) return false;
    }
    // JSON.parse makes "__proto__" an own key; Object.keys lists it, but be explicit.
    return !Object.prototype.hasOwnProperty.call(value, '__proto__');
  }
  return false;
}

/**
 * Free-form JSON an app attaches to users, rooms and messages. Plain JSON only, at most 16 levels
 * deep, and no `__proto__`, `constructor` or `prototype` keys at any depth, so it can never pollute
 * a prototype however a consumer copies it. Its byte size is limited by the server.
 *
 * @example
 * const data: CustomData = { ticketId: 'T-42', priority: 2 };
 */
export type CustomData = { [key: string]: unknown };

export const CustomDataSchema = v.pipe(
  v.custom<CustomData>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && isSafeJson(value, 0),
    'Custom data must be a plain JSON object without __proto__, constructor or prototype keys, at most 16 levels deep.',
  ),
);

/**
 * Identifiers are opaque strings chosen by the server (rooms, messages) or the host app (users).
 *
 * @example
 * const id: Id = 'room_general';
 */
export type Id = string;
export const IdSchema = v.pipe(
  v.string('An id must be a string.'),
  v.minLength(1, 'An id must not be empty.'),
  v.maxLength(128, 'An id must be at most 128 characters.'),
  v.regex(/^[A-Za-z0-9_.:@~-]+$/, 'An id may contain only letters, digits and _ . : @ ~ -'),
  // Ids become keys of plain records in clients; these would reach Object.prototype.
  v.check((id) => !FORBIDDEN_KEYS.has(id) && !(id in Object.prototype), 'This id is reserved.'),
);

/** A sequence number: per room, rising by one with each accepted message, starting at 1. */
export const SequenceSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Milliseconds since the epoch, as given by the server's clock. */
export const TimestampSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
