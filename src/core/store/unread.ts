import type { Room, RoomSettings } from '../../protocol';
import { covers } from '../ranges';
import type { CursorsSlice } from './cursors';
import { selectCursor } from './cursors';
import { lookup, type IdRecord } from './records';
import type { TimelinesSlice } from './timelines';
import { selectTimeline } from './timelines';

/**
 * The part of the store the unread counts read: cursors, timelines, rooms and who is signed in.
 * The whole `ChatState` is one.
 *
 * @example
 * const state: UnreadState = client.store.getState();
 */
export type UnreadState = CursorsSlice & TimelinesSlice & { rooms: IdRecord<Room>; me: string | null; roomSettings?: IdRecord<RoomSettings> };

/**
 * Messages in a room after the signed-in user's read cursor. Exact (top-level messages only) when
 * the client holds everything after the cursor; otherwise the server's count of sequences after
 * it, which also counts thread replies. O(log n).
 *
 * @example
 * const unread = selectUnreadCount(client.store.getState(), 'general');
 */
export function selectUnreadCount(state: UnreadState, roomId: string): number {
  const room = lookup(state.rooms, roomId);
  if (!room || !state.me) return 0;
  const read = selectCursor(state, roomId, state.me)?.sequence ?? 0;
  if (read >= room.lastSequence) return 0;
  const timeline = selectTimeline(state, roomId);
  const last = timeline.covered[timeline.covered.length - 1];
  const holdsAllUnread = last !== undefined && last.to >= room.lastSequence && covers([last], read + 1);
  if (holdsAllUnread) return timeline.messages.size - timeline.messages.rank(read + 1);
  return room.lastSequence - read;
}

/** Unread messages across every room but those the person muted (a muted room asks for no attention). */
export function selectTotalUnread(state: UnreadState): number {
  let total = 0;
  for (const roomId of Object.keys(state.rooms)) {
    if (state.roomSettings && lookup(state.roomSettings, roomId)?.muted === true) continue;
    total += selectUnreadCount(state, roomId);
  }
  return total;
}
