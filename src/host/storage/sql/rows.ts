import type { Insertable, Selectable } from 'kysely';
import { SYSTEM_USER_ID, type CustomData, type Message, type ReadCursor, type RoomMember, type User } from '../../../protocol';
import type { RoomPatch, RoomRow, StoredRoom } from '../../../server';
import type { BigIntColumn, CursorsTable, MembersTable, MessagesTable, RecordsTable, RoomsTable, UsersTable } from './schema';

/**
 * Row ↔ entity mapping for the SQL engines, in one place: both engines read and write through
 * these, so a column means the same thing in SQLite and PostgreSQL.
 */

/**
 * A BIGINT column as a number: SQLite answers numbers, PostgreSQL's driver strings.
 *
 * @example
 * toNumber('1767225600000'); // 1767225600000
 */
export function toNumber(value: BigIntColumn): number {
  return typeof value === 'number' ? value : Number(value);
}

function optionalNumber(value: BigIntColumn | null): number | undefined {
  return value === null ? undefined : toNumber(value);
}

function customDataFrom(text: string | null): CustomData | undefined {
  return text === null ? undefined : (JSON.parse(text) as CustomData);
}

function customDataText(data: CustomData | undefined): string | null {
  return data === undefined ? null : JSON.stringify(data);
}

/** The fields of each entity that have columns of their own; every other field goes to `extra`. */
const USER_COLUMNS = new Set(['id', 'name', 'avatarUrl', 'customData', 'presence']);
const ROOM_COLUMNS = new Set(['id', 'name', 'kind', 'createdBy', 'createdAt', 'customData', 'lastActivityAt', 'lastSequence', 'members', 'cursors']);
const MEMBER_COLUMNS = new Set(['userId', 'role', 'joinedAt']);
const MESSAGE_COLUMNS = new Set([
  'id',
  'clientId',
  'roomId',
  'sequence',
  'authorId',
  'text',
  'attachments',
  'mentions',
  'reactions',
  'replyCount',
  'lastReplyAt',
  'parentId',
  'quotedId',
  'customData',
  'createdAt',
  'editedAt',
  'deletedAt',
  'system',
]);

/**
 * The JSON text of an entity's fields that have no column (undefined ones left out), or null
 * when there are none: how a feature's new optional field is stored without a migration.
 *
 * @example
 * extraText({ id: 'm1', text: 'hi', pinnedAt: 5 }, new Set(['id', 'text'])); // '{"pinnedAt":5}'
 */
export function extraText(entity: object, columns: ReadonlySet<string>): string | null {
  const extra: Record<string, unknown> = {};
  let any = false;
  for (const [field, value] of Object.entries(entity)) {
    if (columns.has(field) || value === undefined) continue;
    extra[field] = value;
    any = true;
  }
  return any ? JSON.stringify(extra) : null;
}

/** Puts an `extra` column's fields back on the entity read from its row. */
function withExtra<T extends object>(entity: T, extra: string | null | undefined): T {
  if (extra === null || extra === undefined) return entity;
  return Object.assign(entity, JSON.parse(extra) as Partial<T>);
}

/**
 * The fields of a room patch without a column of their own, over the room's stored `extra`:
 * what its `extra` column becomes, or undefined when the patch changes none of them.
 *
 * @example
 * roomExtraAfter('{"topic":"old"}', { topic: 'new', lastSequence: 4 }); // '{"topic":"new"}'
 */
export function roomExtraAfter(storedExtra: string | null, patch: RoomPatch): string | null | undefined {
  const changed = Object.entries(patch).filter(([field, value]) => !ROOM_COLUMNS.has(field) && value !== undefined);
  if (changed.length === 0) return undefined;
  const extra = { ...(storedExtra === null ? {} : (JSON.parse(storedExtra) as Record<string, unknown>)), ...Object.fromEntries(changed) };
  return JSON.stringify(extra);
}

/**
 * The `extra` column of a room as it stands (its row fields without a column).
 *
 * @example
 * roomExtraText(storedRoom); // '{"topic":"Plans"}' or null
 */
export function roomExtraText(room: RoomRow): string | null {
  return extraText(room, ROOM_COLUMNS);
}

/**
 * A person's row.
 *
 * @example
 * db.insertInto('users').values(userToRow({ id: 'ana', name: 'Ana', presence: { state: 'offline' } }));
 */
export function userToRow(user: User): Insertable<UsersTable> {
  return {
    id: user.id,
    name: user.name,
    avatar_url: user.avatarUrl ?? null,
    custom_data: customDataText(user.customData),
    presence_state: user.presence.state,
    presence_last_seen_at: user.presence.lastSeenAt ?? null,
    extra: extraText(user, USER_COLUMNS),
  };
}

/**
 * A person from their row: a fresh object, fields absent rather than null.
 *
 * @example
 * const ana = userFromRow(row);
 */
export function userFromRow(row: Selectable<UsersTable>): User {
  const user: User = { id: row.id, name: row.name, presence: { state: row.presence_state } };
  if (row.avatar_url !== null) user.avatarUrl = row.avatar_url;
  const customData = customDataFrom(row.custom_data);
  if (customData !== undefined) user.customData = customData;
  const lastSeenAt = optionalNumber(row.presence_last_seen_at);
  if (lastSeenAt !== undefined) user.presence.lastSeenAt = lastSeenAt;
  return withExtra(user, row.extra);
}

/**
 * A room's own row.
 *
 * @example
 * db.insertInto('rooms').values(roomToRow(room));
 */
export function roomToRow(room: RoomRow): Insertable<RoomsTable> {
  return {
    id: room.id,
    name: room.name,
    kind: room.kind,
    created_by: room.createdBy,
    created_at: room.createdAt,
    custom_data: customDataText(room.customData),
    last_activity_at: room.lastActivityAt,
    last_sequence: room.lastSequence,
    extra: roomExtraText(room),
  };
}

/**
 * The columns an `updateRoom` patch changes; keys left out (or undefined) stay as stored. Fields
 * without a column are not here: the engine merges them into `extra` with {@link roomExtraAfter}.
 *
 * @example
 * roomPatchToRow({ lastSequence: 8, lastActivityAt: 99 }); // { last_sequence: 8, last_activity_at: 99 }
 */
export function roomPatchToRow(patch: RoomPatch): Partial<Insertable<RoomsTable>> {
  const row: Partial<Insertable<RoomsTable>> = {};
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.customData !== undefined) row.custom_data = customDataText(patch.customData);
  if (patch.lastActivityAt !== undefined) row.last_activity_at = patch.lastActivityAt;
  if (patch.lastSequence !== undefined) row.last_sequence = patch.lastSequence;
  return row;
}

/**
 * A room from its row, its members' rows (in join order) and its cursors' rows.
 *
 * @example
 * const room = roomFromRows(row, memberRows, cursorRows);
 */
export function roomFromRows(
  row: Selectable<RoomsTable>,
  members: readonly Parameters<typeof memberFromRow>[0][],
  cursors: readonly Parameters<typeof cursorFromRow>[0][],
): StoredRoom {
  const room: StoredRoom = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdBy: row.created_by,
    createdAt: toNumber(row.created_at),
    lastActivityAt: toNumber(row.last_activity_at),
    lastSequence: toNumber(row.last_sequence),
    members: members.map(memberFromRow),
    cursors: cursors.map(cursorFromRow),
  };
  const customData = customDataFrom(row.custom_data);
  if (customData !== undefined) room.customData = customData;
  return withExtra(room, row.extra);
}

/**
 * A member from their row.
 *
 * @example
 * const member = memberFromRow(row); // { userId: 'ana', role: 'admin', joinedAt: 0 }
 */
export function memberFromRow(row: Pick<Selectable<MembersTable>, 'user_id' | 'role' | 'joined_at'> & { extra?: string | null }): RoomMember {
  return withExtra<RoomMember>({ userId: row.user_id, role: row.role, joinedAt: toNumber(row.joined_at) }, row.extra);
}

/**
 * A member's row in a room (its join order is the database's to give).
 *
 * @example
 * db.insertInto('members').values({ ...memberToRow('general', member), join_order: 1 });
 */
export function memberToRow(roomId: string, member: RoomMember): Omit<Insertable<MembersTable>, 'join_order'> {
  return { room_id: roomId, user_id: member.userId, role: member.role, joined_at: member.joinedAt, extra: extraText(member, MEMBER_COLUMNS) };
}

/**
 * A cursor's row.
 *
 * @example
 * db.insertInto('cursors').values(cursorToRow(cursor));
 */
export function cursorToRow(cursor: ReadCursor): Omit<Insertable<CursorsTable>, 'set_order'> {
  return { room_id: cursor.roomId, user_id: cursor.userId, sequence: cursor.sequence, updated_at: cursor.updatedAt };
}

/**
 * A cursor from its row.
 *
 * @example
 * const cursor = cursorFromRow(row);
 */
export function cursorFromRow(row: Pick<Selectable<CursorsTable>, 'room_id' | 'user_id' | 'sequence' | 'updated_at'>): ReadCursor {
  return { roomId: row.room_id, userId: row.user_id, sequence: toNumber(row.sequence), updatedAt: toNumber(row.updated_at) };
}

/**
 * A message's row: lists and custom data as JSON text, absent fields as NULL.
 *
 * @example
 * db.insertInto('messages').values(messageToRow(message));
 */
export function messageToRow(message: Message): Insertable<MessagesTable> {
  return {
    room_id: message.roomId,
    sequence: message.sequence,
    id: message.id,
    client_id: message.clientId,
    author_id: message.authorId,
    text: message.text,
    attachments: JSON.stringify(message.attachments),
    mentions: JSON.stringify(message.mentions),
    parent_id: message.parentId ?? null,
    quoted_id: message.quotedId ?? null,
    reactions: JSON.stringify(message.reactions),
    reply_count: message.replyCount,
    last_reply_at: message.lastReplyAt ?? null,
    custom_data: customDataText(message.customData),
    created_at: message.createdAt,
    edited_at: message.editedAt ?? null,
    deleted_at: message.deletedAt ?? null,
    extra: extraText(message, MESSAGE_COLUMNS),
  };
}

/**
 * A message from its row: a fresh object, fields absent rather than null.
 *
 * @example
 * const page = rows.map(messageFromRow);
 */
export function messageFromRow(row: Selectable<MessagesTable>): Message {
  const message: Message = {
    id: row.id,
    clientId: row.client_id,
    roomId: row.room_id,
    sequence: toNumber(row.sequence),
    authorId: row.author_id,
    text: row.text,
    attachments: JSON.parse(row.attachments) as Message['attachments'],
    mentions: JSON.parse(row.mentions) as Message['mentions'],
    reactions: JSON.parse(row.reactions) as Message['reactions'],
    replyCount: row.reply_count,
    createdAt: toNumber(row.created_at),
  };
  if (row.parent_id !== null) message.parentId = row.parent_id;
  if (row.quoted_id !== null) message.quotedId = row.quoted_id;
  const lastReplyAt = optionalNumber(row.last_reply_at);
  if (lastReplyAt !== undefined) message.lastReplyAt = lastReplyAt;
  const customData = customDataFrom(row.custom_data);
  if (customData !== undefined) message.customData = customData;
  const editedAt = optionalNumber(row.edited_at);
  if (editedAt !== undefined) message.editedAt = editedAt;
  const deletedAt = optionalNumber(row.deleted_at);
  if (deletedAt !== undefined) message.deletedAt = deletedAt;
  // No column: the system's id is reserved (no person has it), so its author marks a system message.
  if (row.author_id === SYSTEM_USER_ID) message.system = true;
  return withExtra(message, row.extra);
}

/**
 * The two ids of a direct pair in the order the table keeps them (byte order, as SQL compares
 * them with a binary collation).
 *
 * @example
 * directPairOf('bo', 'ana'); // ['ana', 'bo']
 */
export function directPairOf(userId: string, otherUserId: string): [low: string, high: string] {
  return userId < otherUserId ? [userId, otherUserId] : [otherUserId, userId];
}

/**
 * A record's row: its value as JSON text.
 *
 * @example
 * db.insertInto('records').values(recordToRow('roomBan', 'general', 'bo', { by: 'ana', at: 0 }));
 */
export function recordToRow(kind: string, scope: string, key: string, value: unknown): Insertable<RecordsTable> {
  return { kind, scope, key, value: JSON.stringify(value) };
}
