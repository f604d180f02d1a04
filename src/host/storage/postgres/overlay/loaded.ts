import type { StoredRoom, StoredUser } from '../../../../server';
import type { MessageRow, Query } from './misses';

/**
 * What one transaction has read from the database so far. It outlives the attempts of the work
 * (each rerun finds what the ones before it loaded) and is dropped when the transaction ends.
 * `null` records "looked, not there".
 *
 * @example
 * const loaded = new LoadedState();
 * loaded.rooms.set('general', room);
 */
export class LoadedState {
  readonly users = new Map<string, StoredUser | null>();
  readonly rooms = new Map<string, StoredRoom | null>();
  readonly messages = new Map<string, MessageRow | null>();
  readonly byClientId = new Map<string, MessageRow | null>();
  /** Open sessions of a person on every live host, as stored (this transaction's changes apart). */
  readonly sessions = new Map<string, number>();
  /** Records by {@link recordKey}; null: looked, not there. */
  readonly records = new Map<string, unknown>();
  readonly queries = new Map<string, unknown>();
  /** Lists of room ids loaded so far (a person's rooms): what a read will likely ask for next. */
  readonly roomLists: string[][] = [];
}

/** Key parts joined by a character ids cannot contain. */
export function keyOf(...parts: readonly (string | number | undefined)[]): string {
  return parts.map((part) => (part === undefined ? '' : String(part))).join('\u0000');
}

/** Where LoadedState keeps a message by id. */
export const messageKey = (roomId: string, messageId: string): string => keyOf(roomId, messageId);

/** Where LoadedState keeps a record. */
export const recordKey = (kind: string, scope: string, key: string): string => keyOf(kind, scope, key);

/** Where LoadedState keeps the answer of an idempotency lookup. */
export const clientIdKey = (roomId: string, authorId: string, clientId: string): string => keyOf(roomId, authorId, clientId);

/** The query's cache key: its kind and every parameter. */
export function queryKey(query: Query): string {
  return keyOf(...Object.values(query).map((value) => (Array.isArray(value) ? value.join(',') : (value as string | number | undefined))));
}
