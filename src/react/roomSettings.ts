import { useMemo } from 'react';
import { useStore } from 'zustand';
import { selectIsMuted, selectNotificationLevel, type RoomSettingsPatch } from '../core';
import type { NotificationLevel, RoomSettings } from '../protocol';
import { useClientFor } from './provider';

/**
 * The signed-in person's own settings of one room and the actions that change them.
 *
 * @example
 * const { muted, level, setMuted } = useRoomSettings('general');
 */
export interface RoomSettingsView {
  /** Muted for this person: no unread badge, no notification. */
  muted: boolean;
  /** The notification level in effect (the room kind's default when none was chosen); undefined for a room the client does not know. */
  level: NotificationLevel | undefined;
  setMuted(muted: boolean): Promise<RoomSettings>;
  setLevel(level: NotificationLevel): Promise<RoomSettings>;
  update(patch: RoomSettingsPatch): Promise<RoomSettings>;
}

/**
 * A room's own settings for the signed-in person (mute, notification level), following their
 * other devices. Re-renders only when this room's `muted` or `level` changes.
 *
 * @example
 * function MuteButton({ roomId }: { roomId: string }) {
 *   const { muted, setMuted } = useRoomSettings(roomId);
 *   return <button aria-pressed={muted} onClick={() => setMuted(!muted)}>Mute</button>;
 * }
 */
export function useRoomSettings(roomId: string): RoomSettingsView {
  const client = useClientFor('useRoomSettings');
  const muted = useStore(client.store, (state) => selectIsMuted(state, roomId));
  const level = useStore(client.store, (state) => selectNotificationLevel(state, roomId));
  return useMemo(
    () => ({
      muted,
      level,
      setMuted: (next: boolean) => client.setRoomSettings(roomId, { muted: next }),
      setLevel: (next: NotificationLevel) => client.setRoomSettings(roomId, { level: next }),
      update: (patch: RoomSettingsPatch) => client.setRoomSettings(roomId, patch),
    }),
    [client, roomId, muted, level],
  );
}

/**
 * Whether the signed-in person muted a room, for a room list row's quiet look.
 *
 * @example
 * const muted = useIsMuted(room.id);
 */
export function useIsMuted(roomId: string): boolean {
  return useStore(useClientFor('useIsMuted').store, (state) => selectIsMuted(state, roomId));
}
