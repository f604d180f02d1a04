import * as v from 'valibot';
import { CustomDataSchema, IdSchema, MessageSchema, ReadCursorSchema, RoomKindSchema, RoomMemberSchema, SequenceSchema, TimestampSchema } from '../../protocol';

/** The version of the export format this server writes and reads. */
export const EXPORT_FORMAT_VERSION = 1;

/**
 * What an export covers: everything, one room (with the profiles of its members and authors), or
 * one person's data (their profile, blocks, rooms and own messages; for a person's right of
 * access, not for import).
 *
 * @example
 * const scope: ExportScope = { roomId: 'general' };
 */
export type ExportScope = { all: true } | { roomId: string } | { userId: string };

const ScopeSchema = v.union([v.strictObject({ all: v.literal(true) }), v.strictObject({ roomId: IdSchema }), v.strictObject({ userId: IdSchema })]);

/** The first line: what made the file, from which history, covering what. */
export const MetaRecordSchema = v.strictObject({
  kind: v.literal('meta'),
  format: v.literal('confab-export'),
  version: v.literal(EXPORT_FORMAT_VERSION),
  epoch: v.string(),
  scope: ScopeSchema,
  exportedAt: TimestampSchema,
});

/**
 * A person's profile. Presence is not exported: everyone is offline in a server that imports it.
 * Entities are loose objects: fields features add (extension fields, see the storage's records.ts)
 * travel with them as they are.
 */
export const UserRecordSchema = v.strictObject({
  kind: v.literal('user'),
  user: v.looseObject({ id: IdSchema, name: v.string(), avatarUrl: v.optional(v.string()), customData: v.optional(CustomDataSchema) }),
  lastSeenAt: v.optional(TimestampSchema),
});

/** A room with its members (in join order) and read cursors; its messages follow it, 1 to lastSequence. */
export const RoomRecordSchema = v.strictObject({
  kind: v.literal('room'),
  room: v.looseObject({
    id: IdSchema,
    name: v.string(),
    kind: RoomKindSchema,
    createdBy: IdSchema,
    createdAt: TimestampSchema,
    customData: v.optional(CustomDataSchema),
    lastActivityAt: TimestampSchema,
    lastSequence: SequenceSchema,
    members: v.array(RoomMemberSchema),
    cursors: v.array(ReadCursorSchema),
  }),
});

/** One message of the room before it, in sequence order (attachments keep their URLs). */
export const MessageRecordSchema = v.strictObject({ kind: v.literal('message'), message: v.looseObject(MessageSchema.entries) });

/** Whom a person blocks, in the order they blocked them. */
export const BlocksRecordSchema = v.strictObject({ kind: v.literal('blocks'), userId: IdSchema, blocked: v.array(IdSchema) });

/** The direct room of two people. */
export const DirectRecordSchema = v.strictObject({ kind: v.literal('direct'), roomId: IdSchema, userIds: v.tuple([IdSchema, IdSchema]) });

/** A feature's record (bans, reports, settings, votes…), by kind, scope and key; its value as stored. */
export const RecordRecordSchema = v.strictObject({ kind: v.literal('record'), record: v.strictObject({ kind: IdSchema, scope: IdSchema, key: IdSchema, value: v.unknown() }) });

/**
 * One line of an export, told apart by `kind`. A file is NDJSON: `meta` first, then users, then
 * each room followed by its messages in sequence order, then blocks, then direct pairs, then
 * records (an export of everything only).
 *
 * @example
 * const line: ExportRecord = { kind: 'blocks', userId: 'ana', blocked: ['bo'] };
 */
export type ExportRecord = v.InferOutput<typeof ExportRecordSchema>;
export const ExportRecordSchema = v.variant('kind', [MetaRecordSchema, UserRecordSchema, RoomRecordSchema, MessageRecordSchema, BlocksRecordSchema, DirectRecordSchema, RecordRecordSchema]);

/**
 * What an import stored.
 *
 * @example
 * const { users, rooms, messages } = await server.importData(lines);
 */
export interface ImportSummary {
  users: number;
  rooms: number;
  messages: number;
  blocks: number;
  directPairs: number;
  records: number;
}
