import { ChatError, toChatError, type NotificationLevel, type RoomSettings } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { lookup, withEntry, withoutEntry, withRoomSettings } from './store';

/**
 * A change to a person's own settings of a room; fields left out stay as they are.
 *
 * @example
 * await client.setRoomSettings('general', { muted: true });
 * await client.setRoomSettings('general', { level: 'all' });
 */
export interface RoomSettingsPatch {
  muted?: boolean;
  level?: NotificationLevel;
}

/**
 * The settings a patch leaves, shown at once while the server confirms them. It carries the time
 * of the copy it replaces, so the server's answer (or the event from it) always replaces it.
 *
 * @example
 * optimisticSettings('general', undefined, { muted: true }); // { roomId: 'general', muted: true, updatedAt: 0 }
 */
export function optimisticSettings(roomId: string, held: RoomSettings | undefined, patch: RoomSettingsPatch): RoomSettings {
  const level = patch.level ?? held?.level;
  return { roomId, muted: patch.muted ?? held?.muted ?? false, ...(level !== undefined ? { level } : {}), updatedAt: held?.updatedAt ?? 0 };
}

/**
 * Sets the signed-in person's settings of a room (`room.settings.set`): in the store at once, then
 * on the server; a refusal puts back what was there, unless something newer arrived meanwhile.
 *
 * @example
 * const settings = await setRoomSettings(ctx, 'general', { muted: true });
 */
export async function setRoomSettings(ctx: ClientContext, roomId: string, patch: RoomSettingsPatch): Promise<RoomSettings> {
  const state = ctx.store.getState();
  if (!lookup(state.rooms, roomId)) throw new ChatError('not_found', `You are not in a room with id "${roomId}".`);
  const held = lookup(state.roomSettings, roomId);
  const optimistic = optimisticSettings(roomId, held, patch);
  updateState(ctx.store, (current) => ({ roomSettings: withEntry(current.roomSettings, roomId, optimistic) }));
  try {
    const settings = await ctx.transport.request({ type: 'room.settings.set', roomId, ...patch });
    updateState(ctx.store, (current) => (lookup(current.rooms, roomId) ? { roomSettings: withRoomSettings(current.roomSettings, settings) } : {}));
    return settings;
  } catch (error) {
    updateState(ctx.store, (current) => {
      if (lookup(current.roomSettings, roomId) !== optimistic) return {};
      return { roomSettings: held ? withEntry(current.roomSettings, roomId, held) : withoutEntry(current.roomSettings, roomId) };
    });
    throw toChatError(error);
  }
}
