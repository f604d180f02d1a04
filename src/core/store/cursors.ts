import type { ReadCursor } from '../../protocol';
import { EMPTY_RECORD, lookup, memoizeByIdentity, withEntry, withoutEntry, type IdRecord } from './records';

/**
 * Read cursors: room id → user id → how far they have read and how far messages reached them.
 * A cursor moves backwards only when its person marks the room unread (see {@link mergeCursor}).
 *
 * @example
 * const mine = selectCursor(client.store.getState(), 'general', 'ana')?.sequence ?? 0;
 */
export interface CursorsSlice {
  cursors: IdRecord<IdRecord<ReadCursor>>;
}

export const initialCursors: CursorsSlice = { cursors: EMPTY_RECORD };

export function cursorsFromSnapshot(previous: IdRecord<IdRecord<ReadCursor>>, cursors: readonly ReadCursor[]): IdRecord<IdRecord<ReadCursor>> {
  let next: IdRecord<IdRecord<ReadCursor>> = EMPTY_RECORD;
  for (const cursor of cursors) next = withCursor(next, cursor);
  // Keep the identity of rooms whose cursors did not change.
  const result: Record<string, IdRecord<ReadCursor>> = {};
  for (const [roomId, room] of Object.entries(next)) {
    const old = lookup(previous, roomId);
    result[roomId] = old && JSON.stringify(old) === JSON.stringify(room) ? old : room;
  }
  return result;
}

/**
 * What a cursor becomes when another copy of it arrives, or `held` itself when nothing changes.
 * Reading only moves forward (a lower copy is a stale one from another tab or a late answer),
 * except a copy marked unread: its person moved it back on purpose. Delivery only moves forward.
 *
 * @example
 * mergeCursor({ roomId: 'r', userId: 'bo', sequence: 9, updatedAt: 1 }, { roomId: 'r', userId: 'bo', sequence: 4, updatedAt: 2, markedUnread: true }).sequence; // 4
 */
export function mergeCursor(held: ReadCursor | undefined, incoming: ReadCursor): ReadCursor {
  if (!held) return incoming;
  const delivered = Math.max(held.deliveredSequence ?? 0, incoming.deliveredSequence ?? 0);
  let next: ReadCursor;
  if (incoming.markedUnread) next = incoming.sequence === held.sequence && held.markedUnread ? held : incoming;
  else if (incoming.sequence > held.sequence) next = incoming;
  else next = held;
  if (delivered > next.sequence && delivered !== (next.deliveredSequence ?? 0)) next = { ...next, deliveredSequence: delivered };
  else if (delivered <= next.sequence && next.deliveredSequence !== undefined) {
    const { deliveredSequence: _passed, ...rest } = next;
    next = rest;
  }
  return next;
}

/** Folds one copy of a cursor in (see {@link mergeCursor}); returns the same record when nothing changes. */
export function withCursor(cursors: IdRecord<IdRecord<ReadCursor>>, cursor: ReadCursor): IdRecord<IdRecord<ReadCursor>> {
  const room = lookup(cursors, cursor.roomId) ?? EMPTY_RECORD;
  const old = lookup(room, cursor.userId);
  const next = mergeCursor(old, cursor);
  if (next === old) return cursors;
  return withEntry(cursors, cursor.roomId, withEntry(room, cursor.userId, next));
}

export function withoutRoomCursors(cursors: IdRecord<IdRecord<ReadCursor>>, roomId: string): IdRecord<IdRecord<ReadCursor>> {
  return withoutEntry(cursors, roomId);
}

export const selectRoomCursors = (state: CursorsSlice, roomId: string): IdRecord<ReadCursor> => lookup(state.cursors, roomId) ?? EMPTY_RECORD;

export const selectCursor = (state: CursorsSlice, roomId: string, userId: string): ReadCursor | undefined =>
  lookup(selectRoomCursors(state, roomId), userId);

const listCursors = memoizeByIdentity((room: IdRecord<ReadCursor>): readonly ReadCursor[] =>
  Object.values(room).sort((a, b) => b.sequence - a.sequence || a.userId.localeCompare(b.userId)),
);

/** Every cursor of a room, furthest read first. The same array until a cursor of that room moves. */
export const selectReadCursors = (state: CursorsSlice, roomId: string): readonly ReadCursor[] => listCursors(selectRoomCursors(state, roomId));

const NO_CURSORS: readonly ReadCursor[] = Object.freeze([]);
const othersCache = new WeakMap<readonly ReadCursor[], { me: string | null; others: readonly ReadCursor[] }>();

/**
 * The read cursors of everyone but the signed-in user in a room, furthest read first. The same
 * array until one of them moves.
 *
 * @example
 * const others = selectOtherReadCursors(client.store.getState(), 'general');
 */
export function selectOtherReadCursors(state: CursorsSlice & { me: string | null }, roomId: string): readonly ReadCursor[] {
  const all = selectReadCursors(state, roomId);
  if (all.length === 0) return NO_CURSORS;
  const cached = othersCache.get(all);
  if (cached && cached.me === state.me) return cached.others;
  const others = all.filter((cursor) => cursor.userId !== state.me);
  othersCache.set(all, { me: state.me, others });
  return others;
}

/**
 * Who has read up to a message: the users whose cursor is at or past `sequence`. Takes a list
 * sorted furthest first (as {@link selectReadCursors} and {@link selectOtherReadCursors} give).
 *
 * @example
 * readersOf(selectOtherReadCursors(state, 'general'), message.sequence); // ['bo', 'chen']
 */
export function readersOf(cursors: readonly ReadCursor[], sequence: number): string[] {
  const readers: string[] = [];
  for (const cursor of cursors) {
    if (cursor.sequence < sequence) break;
    readers.push(cursor.userId);
  }
  return readers;
}
