import type { BanRecord, ModerationSettingsRecord, ReportRecord } from './moderationRecords';
import type { BotCommand } from '../../protocol';

/**
 * Records: small JSON values the rules keep beside rooms, people and messages, for what is not a
 * field of one of them (a ban of someone no longer in the room, a report, an invitation, a vote,
 * a person's settings for a room). A record is named by its kind, a scope (usually a room or a
 * person id) and a key within the scope; an engine stores its value as JSON and knows nothing of
 * its shape. Each feature declares its kinds by adding a property to {@link RecordTypes}, so every
 * read and write is typed.
 *
 * Why one table rather than one per feature: each new table costs a migration, statements, a
 * loader in the PostgreSQL overlay and a case in every engine; a record costs a line here. A
 * feature whose values must be searched or sorted by something other than (scope, key) deserves
 * its own table instead.
 *
 * @example
 * tx.putRecord('roomBan', 'general', 'bo', { by: 'ana', at: now, reason: 'spam' });
 * const ban = tx.getRecord('roomBan', 'general', 'bo'); // { by: 'ana', at: …, reason: 'spam' } | undefined
 */
// Features extend this interface with `kindName: ValueType` entries (values must be JSON).
export interface RecordTypes {
  // Moderation (issue #13; see src/server/moderation/).
  /** A ban from a room: scope room id, key user id. */
  roomBan: BanRecord;
  /** The rooms a person is banned from (to clean up when the person is deleted): scope user id, key room id. */
  userBan: { at: number };
  /** A report: scope room id, key report id (time-ordered). */
  report: ReportRecord;
  /** Open reports of every room, for site moderators' queue: scope "site", key report id. */
  openReport: { roomId: string };
  /** A person's report of a message, to answer a second report with the first: scope reporter id, key message id. */
  reportOfMessage: { roomId: string; reportId: string };
  /** A person's report of another person: scope reporter id, key the reported person's id. */
  reportOfPerson: { roomId: string; reportId: string };
  /** The site's moderators: scope "site", key user id. */
  siteModerator: { since: number };
  /** A site-wide setting: scope "site", key the setting's name ("moderation"). */
  siteSetting: ModerationSettingsRecord;
  /** Rooms and people: an invitation waiting for its invitee's answer; scope the invitee, key the room. */
  invitation: { by: string; at: number };
  /** A person's own settings for a room (issue #13): scope the person's id, key the room id. */
  roomSettings: { muted: boolean; level?: 'all' | 'mentions' | 'none'; updatedAt: number };
  /** A bot's slash command (issue #14): scope 'site', key the command's name. */
  botCommand: BotCommand;
  /** One person's vote in a poll (issue #14): scope `roomId/messageId`, key the voter's id. */
  pollVote: { optionIds: string[]; at: number };
  /** A poll of a room, so deleting the room finds its votes (issue #14): scope the room id, key the message id. */
  roomPoll: { at: number };
  /** A streamed message still being written (issue #14), for the sweep that ends abandoned ones: scope 'site', key `roomId/messageId`. */
  activeStream: { roomId: string; messageId: string; authorId: string; touchedAt: number; bySession: boolean };
  /** A crowd whose member count changed without every member being told (issue #11), for the sweep that tells them: scope 'site', key the room id. */
  crowdCount: { changedAt: number };
}

/**
 * The name of a kind of record: a key of {@link RecordTypes}.
 *
 * @example
 * const kind: RecordKind = 'roomBan';
 */
export type RecordKind = keyof RecordTypes & string;

/**
 * One record of a scope, as `listRecords` pages them (by key ascending).
 *
 * @example
 * for (const { key, value } of tx.listRecords('roomBan', 'general', { limit: 100 })) console.log(key, value);
 */
export interface StoredRecord<K extends RecordKind = RecordKind> {
  key: string;
  value: RecordTypes[K];
}

/**
 * A record with all three of its names, as engines move them (export, the SQL rows).
 *
 * @example
 * const record: RecordEntry = { kind: 'roomBan', scope: 'general', key: 'bo', value: { by: 'ana', at: 0 } };
 */
export interface RecordEntry {
  kind: string;
  scope: string;
  key: string;
  value: unknown;
}

/**
 * Where a record is: its kind, scope and key (the order `listAllRecords` pages by).
 *
 * @example
 * const after: RecordAddress = { kind: 'roomBan', scope: 'general', key: 'bo' };
 */
export interface RecordAddress {
  kind: string;
  scope: string;
  key: string;
}

/**
 * Whether record `a` comes before `b` in (kind, scope, key) order, by code units like SQL's
 * binary collation.
 *
 * @example
 * compareRecordAddresses({ kind: 'a', scope: 's', key: 'k' }, { kind: 'b', scope: 's', key: 'k' }); // -1
 */
export function compareRecordAddresses(a: RecordAddress, b: RecordAddress): number {
  for (const field of ['kind', 'scope', 'key'] as const) {
    if (a[field] < b[field]) return -1;
    if (a[field] > b[field]) return 1;
  }
  return 0;
}
