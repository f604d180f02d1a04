import type { RoomSettings } from '../protocol';
import type { Handlers, ServerContext } from './context';

/** How many settings records a snapshot reads per storage page. */
const SETTINGS_PAGE = 500;

/**
 * A person's settings for their rooms that differ from the defaults, for their session snapshot:
 * only rooms they are still in (a record left behind by an interrupted deletion stays unseen).
 *
 * @example
 * const roomSettings = roomSettingsOf(ctx, 'ana', new Set(['general']));
 */
export function roomSettingsOf(ctx: ServerContext, userId: string, roomIds: ReadonlySet<string>): RoomSettings[] {
  const out: RoomSettings[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = ctx.tx.listRecords('roomSettings', userId, { ...(afterKey !== undefined ? { afterKey } : {}), limit: SETTINGS_PAGE });
    for (const { key, value } of page) if (roomIds.has(key)) out.push(settingsView(key, value));
    if (page.length < SETTINGS_PAGE) return out;
    afterKey = page[page.length - 1]?.key;
  }
}

/**
 * A person's settings of one room, or undefined when they keep the defaults.
 *
 * @example
 * const settings = roomSettingsFor(ctx, 'ana', 'general'); // { roomId: 'general', muted: true, updatedAt: … }
 */
export function roomSettingsFor(ctx: ServerContext, userId: string, roomId: string): RoomSettings | undefined {
  const value = ctx.tx.getRecord('roomSettings', userId, roomId);
  return value ? settingsView(roomId, value) : undefined;
}

/**
 * Forgets a person's settings for a room, with the membership they hang on (leaving, being
 * removed, the room deleted, the person deleted).
 *
 * @example
 * forgetRoomSettings(ctx, 'ana', 'general');
 */
export function forgetRoomSettings(ctx: ServerContext, userId: string, roomId: string): void {
  ctx.tx.deleteRecord('roomSettings', userId, roomId);
}

function settingsView(roomId: string, value: { muted: boolean; level?: RoomSettings['level']; updatedAt: number }): RoomSettings {
  return { roomId, muted: value.muted, ...(value.level !== undefined ? { level: value.level } : {}), updatedAt: value.updatedAt };
}

/** A person's own settings for a room: muting it for themselves, and which messages notify them. */
export const roomSettingsHandlers: Handlers<'room.settings.set'> = {
  'room.settings.set': (ctx, actor, command) => {
    // Reading the room first takes its lock (PostgreSQL), so two devices' changes do not interleave.
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const stored = ctx.tx.getRecord('roomSettings', actor.user.id, room.id);
    const level = command.level ?? stored?.level;
    const value = { muted: command.muted ?? stored?.muted ?? false, ...(level !== undefined ? { level } : {}), updatedAt: ctx.now() };
    ctx.tx.putRecord('roomSettings', actor.user.id, room.id, value);
    const settings = settingsView(room.id, value);
    // Every session of the person, this one included: their other devices follow at once.
    ctx.send(actor.user.id, { type: 'room.settings.updated', settings });
    return settingsView(room.id, value);
  },
};
