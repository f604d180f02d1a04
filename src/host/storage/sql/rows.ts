import type { Insertable, Selectable } from 'kysely';
import { SYSTEM_USER_ID, type CustomData, type Message, type ReadCursor, type RoomMember, type User } from '../../../protocol';
import type { RoomRow, StoredRoom } from '../../../server';
import type { BigIntColumn, CursorsTable, MembersTable, MessagesTable, RoomsTable, UsersTable } from './schema';

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
  return user;
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
  };
}

/**
 * The columns an `updateRoom` patch changes; keys left out (or undefined) stay as stored.
 *
 * @example
 * roomPatchToRow({ lastSequence: 8, lastActivityAt: 99 }); // { last_sequence: 8, last_activity_at: 99 }
 */
export function roomPatchToRow(patch: Partial<Pick<RoomRow, 'name' | 'customData' | 'lastActivityAt' | 'lastSequence'>>): Partial<Insertable<RoomsTable>> {
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
  return room;
}

/**
 * A member from their row.
 *
 * @example
 * const member = memberFromRow(row); // { userId: 'ana', role: 'admin', joinedAt: 0 }
 */
export function memberFromRow(row: Pick<Selectable<MembersTable>, 'user_id' | 'role' | 'joined_at'>): RoomMember {
  return { userId: row.user_id, role: row.role, joinedAt: toNumber(row.joined_at) };
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
  return message;
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
