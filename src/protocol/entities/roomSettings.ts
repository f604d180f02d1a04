import * as v from 'valibot';
import { IdSchema, TimestampSchema } from './primitives';
import type { RoomKind } from './rooms';

// Notifications and per-person room settings (issue #13).

/**
 * Which new messages of a room notify a person: `all`, only `mentions` of them (and direct
 * messages), or `none`. Unset, a direct room notifies `all` and a group room `mentions`.
 *
 * @example
 * const level: NotificationLevel = 'mentions';
 */
export type NotificationLevel = v.InferOutput<typeof NotificationLevelSchema>;
export const NotificationLevelSchema = v.picklist(['all', 'mentions', 'none'], 'A notification level is all, mentions or none.');

/**
 * One person's own settings for one room, seen only by them: `muted` (no unread badge, no
 * notification, a quiet look in the room list) and the notification `level` (absent: the room
 * kind's default, see {@link NotificationLevel}).
 *
 * @example
 * const settings: RoomSettings = { roomId: 'general', muted: true, updatedAt: 1767225600000 };
 */
export type RoomSettings = v.InferOutput<typeof RoomSettingsSchema>;
export const RoomSettingsSchema = v.object({
  roomId: IdSchema,
  muted: v.boolean(),
  level: v.optional(NotificationLevelSchema),
  updatedAt: TimestampSchema,
});

/**
 * The level a room notifies at when its settings name none: every message of a direct room (it
 * is a conversation with one person), only mentions in a group room.
 *
 * @example
 * defaultNotificationLevel('direct'); // 'all'
 * defaultNotificationLevel('public'); // 'mentions'
 */
export function defaultNotificationLevel(kind: RoomKind): NotificationLevel {
  return kind === 'direct' ? 'all' : 'mentions';
}

/**
 * The level a room notifies at: its settings' own, else the room kind's default.
 *
 * @example
 * effectiveNotificationLevel('public', { roomId: 'general', muted: false, level: 'all', updatedAt: 0 }); // 'all'
 */
export function effectiveNotificationLevel(kind: RoomKind, settings: Pick<RoomSettings, 'level'> | undefined): NotificationLevel {
  return settings?.level ?? defaultNotificationLevel(kind);
}
