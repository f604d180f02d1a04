import { effectiveNotificationLevel, type NotificationLevel, type Room, type RoomSettings } from '../../protocol';
import { EMPTY_RECORD, lookup, withEntry, withoutEntry, type IdRecord } from './records';

/**
 * The signed-in person's own settings of their rooms (muted, notification level), by room id.
 * Only rooms whose settings differ from the defaults have an entry.
 *
 * @example
 * const muted = selectIsMuted(client.store.getState(), 'general');
 */
export interface RoomSettingsSlice {
  roomSettings: IdRecord<RoomSettings>;
}

export const initialRoomSettings: RoomSettingsSlice = { roomSettings: EMPTY_RECORD };

function sameSettings(a: RoomSettings | undefined, b: RoomSettings): boolean {
  return a !== undefined && a.muted === b.muted && a.level === b.level && a.updatedAt === b.updatedAt;
}

/** A snapshot's settings, keeping the identity of unchanged ones (and of the whole record when none changed). */
export function roomSettingsFromSnapshot(previous: IdRecord<RoomSettings>, settings: readonly RoomSettings[]): IdRecord<RoomSettings> {
  const next: Record<string, RoomSettings> = {};
  let changed = settings.length !== Object.keys(previous).length;
  for (const item of settings) {
    const old = lookup(previous, item.roomId);
    const kept = old && sameSettings(old, item) ? old : item;
    if (kept !== old) changed = true;
    next[item.roomId] = kept;
  }
  return changed ? next : previous;
}

/**
 * The server's copy of one room's settings, unless the held one is newer (an answer and the event
 * of the same change arrive in either order; a later change from another device wins). A held copy
 * made optimistically carries the time of the copy it replaced, so any server copy replaces it.
 *
 * @example
 * const next = withRoomSettings(state.roomSettings, event.settings);
 */
export function withRoomSettings(record: IdRecord<RoomSettings>, settings: RoomSettings): IdRecord<RoomSettings> {
  const old = lookup(record, settings.roomId);
  if (old && (old.updatedAt > settings.updatedAt || sameSettings(old, settings))) return record;
  return withEntry(record, settings.roomId, settings);
}

export function withoutRoomSettings(record: IdRecord<RoomSettings>, roomId: string): IdRecord<RoomSettings> {
  return withoutEntry(record, roomId);
}

// One copy of the default rule, in the protocol (the host's pushes follow it too).
export { defaultNotificationLevel, effectiveNotificationLevel } from '../../protocol';

export const selectRoomSettings = (state: RoomSettingsSlice, roomId: string): RoomSettings | undefined => lookup(state.roomSettings, roomId);

/** Whether the person muted this room for themselves. */
export const selectIsMuted = (state: RoomSettingsSlice, roomId: string): boolean => lookup(state.roomSettings, roomId)?.muted === true;

/** The room's notification level in effect (undefined for a room the client does not know). */
export function selectNotificationLevel(state: RoomSettingsSlice & { rooms: IdRecord<Room> }, roomId: string): NotificationLevel | undefined {
  const room = lookup(state.rooms, roomId);
  return room ? effectiveNotificationLevel(room.kind, lookup(state.roomSettings, roomId)) : undefined;
}
