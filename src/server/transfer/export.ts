import { ChatError, RESERVED_USER_IDS, type Message, type User } from '../../protocol';
import type { RecordAddress, StorageEngine, StorageTx, StoredRoom } from '../storage';
import { EXPORT_FORMAT_VERSION, type ExportRecord, type ExportScope } from './format';

/** How many rows one read transaction takes: the export holds one page at a time, never the whole. */
export const EXPORT_PAGE_SIZE = 500;

type Read = <T>(work: (tx: StorageTx) => T) => Promise<T>;

function readerOf(storage: StorageEngine): Read {
  return async (work) => storage.transaction(work, { readOnly: true });
}

function userRecord(user: User): ExportRecord {
  const { presence: _presence, ...fields } = user;
  const profile = ordered(fields, USER_KEYS) as Extract<ExportRecord, { kind: 'user' }>['user'];
  const record: Extract<ExportRecord, { kind: 'user' }> = { kind: 'user', user: profile };
  if (user.presence.state === 'offline' && user.presence.lastSeenAt !== undefined) record.lastSeenAt = user.presence.lastSeenAt;
  return record;
}

const USER_KEYS = ['id', 'name', 'avatarUrl', 'customData'] as const;
const ROOM_KEYS = ['id', 'name', 'kind', 'createdBy', 'createdAt', 'customData', 'lastActivityAt', 'lastSequence', 'members', 'cursors'] as const;
const MESSAGE_KEYS = [
  'id', 'clientId', 'roomId', 'sequence', 'authorId', 'text', 'attachments', 'mentions', 'parentId', 'quotedId',
  'reactions', 'replyCount', 'lastReplyAt', 'customData', 'createdAt', 'editedAt', 'deletedAt', 'system',
] as const;

/**
 * The same fields in one order whatever engine read them, so two exports of the same data are the
 * same bytes: the known ones in their order, then any a feature added, by name.
 */
function ordered<T extends object>(value: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  const fields = value as Record<string, unknown>;
  const added = Object.keys(fields)
    .filter((key) => !keys.includes(key))
    .sort();
  for (const key of [...keys, ...added]) {
    const field = fields[key];
    if (field !== undefined) out[key] = field;
  }
  return out as T;
}

function roomRecord(room: StoredRoom): ExportRecord {
  return { kind: 'room', room: ordered(room, ROOM_KEYS) as Extract<ExportRecord, { kind: 'room' }>['room'] };
}

function messageRecord(message: Message): ExportRecord {
  return { kind: 'message', message: ordered(message, MESSAGE_KEYS) };
}

/** A room's messages, 1 to the lastSequence its row had when read, a page per transaction. */
async function* roomMessages(read: Read, room: StoredRoom, only?: (message: Message) => boolean): AsyncGenerator<Message> {
  for (let from = 1; from <= room.lastSequence; from += EXPORT_PAGE_SIZE) {
    const to = Math.min(room.lastSequence, from + EXPORT_PAGE_SIZE - 1);
    for (const message of await read((tx) => tx.messagesBetween(room.id, from, to))) if (!only || only(message)) yield message;
  }
}

async function* everyUser(read: Read): AsyncGenerator<User> {
  for (let afterId: string | undefined; ; ) {
    const page = await read((tx) => tx.listUsers({ ...(afterId !== undefined ? { afterId } : {}), limit: EXPORT_PAGE_SIZE }));
    yield* page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    afterId = page.at(-1)?.id;
  }
}

async function* everything(read: Read): AsyncGenerator<ExportRecord> {
  for await (const user of everyUser(read)) yield userRecord(user);
  for (let afterId: string | undefined; ; ) {
    const page = await read((tx) => tx.listRooms({ ...(afterId !== undefined ? { afterId } : {}), limit: EXPORT_PAGE_SIZE }));
    for (const room of page) {
      yield roomRecord(room);
      for await (const message of roomMessages(read, room)) yield messageRecord(message);
    }
    if (page.length < EXPORT_PAGE_SIZE) break;
    afterId = page.at(-1)?.id;
  }
  for (let afterId: string | undefined; ; ) {
    const ids = await read((tx) => tx.listUsers({ ...(afterId !== undefined ? { afterId } : {}), limit: EXPORT_PAGE_SIZE }).map((user) => user.id));
    const blocks = await read((tx) => ids.map((userId) => ({ userId, blocked: tx.getUser(userId)?.blocked ?? [] })));
    for (const { userId, blocked } of blocks) if (blocked.length > 0) yield { kind: 'blocks', userId, blocked };
    if (ids.length < EXPORT_PAGE_SIZE) break;
    afterId = ids.at(-1);
  }
  for (let afterRoomId: string | undefined; ; ) {
    const page = await read((tx) => tx.listDirectPairs({ ...(afterRoomId !== undefined ? { afterRoomId } : {}), limit: EXPORT_PAGE_SIZE }));
    for (const pair of page) yield { kind: 'direct', roomId: pair.roomId, userIds: pair.userIds };
    if (page.length < EXPORT_PAGE_SIZE) break;
    afterRoomId = page.at(-1)?.roomId;
  }
  for (let after: RecordAddress | undefined; ; ) {
    const page = await read((tx) => tx.listAllRecords({ ...(after !== undefined ? { after } : {}), limit: EXPORT_PAGE_SIZE }));
    for (const { kind, scope, key, value } of page) yield { kind: 'record', record: { kind, scope, key, value } };
    if (page.length < EXPORT_PAGE_SIZE) break;
    after = page.at(-1);
  }
}

async function* oneRoom(read: Read, roomId: string): AsyncGenerator<ExportRecord> {
  const room = await read((tx) => tx.getRoom(roomId));
  if (!room) throw new ChatError('not_found', `There is no room with id "${roomId}".`);
  // People come before rooms in the format: the members, and authors who have since left, found
  // by a first pass over the messages that keeps only their ids.
  const people = new Set(room.members.map((member) => member.userId));
  for await (const message of roomMessages(read, room)) people.add(message.authorId);
  const ids = [...people].filter((id) => !RESERVED_USER_IDS.has(id)).sort();
  for (let start = 0; start < ids.length; start += EXPORT_PAGE_SIZE) {
    const chunk = ids.slice(start, start + EXPORT_PAGE_SIZE);
    for (const user of await read((tx) => tx.getUsers(chunk))) yield userRecord(user);
  }
  yield roomRecord(room);
  for await (const message of roomMessages(read, room)) yield messageRecord(message);
  if (room.kind === 'direct') {
    const pair = room.members.map((member) => member.userId).sort();
    if (pair.length === 2) {
      const [low, high] = pair as [string, string];
      if ((await read((tx) => tx.directRoomId(low, high))) === room.id) yield { kind: 'direct', roomId: room.id, userIds: [low, high] };
    }
  }
}

async function* onePerson(read: Read, userId: string): AsyncGenerator<ExportRecord> {
  const record = await read((tx) => tx.getUser(userId));
  if (!record) throw new ChatError('not_found', `There is no user with id "${userId}".`);
  yield userRecord(record.user);
  const roomIds = await read((tx) => tx.roomIdsOf(userId));
  for (const roomId of roomIds) {
    const room = await read((tx) => tx.getRoom(roomId));
    if (room) yield roomRecord(room);
  }
  for (let after: { roomId: string; sequence: number } | undefined; ; ) {
    const page = await read((tx) => tx.messagesByAuthor(userId, { ...(after !== undefined ? { after } : {}), limit: EXPORT_PAGE_SIZE }));
    for (const message of page) yield messageRecord(message);
    const last = page.at(-1);
    if (page.length < EXPORT_PAGE_SIZE || !last) break;
    after = { roomId: last.roomId, sequence: last.sequence };
  }
  if (record.blocked.length > 0) yield { kind: 'blocks', userId, blocked: record.blocked };
}

/**
 * Streams an export as records, one storage page at a time (see {@link ExportRecord} for the
 * order). Each page is its own read, so an export of a live server is not one instant: a room's
 * messages are those up to its `lastSequence` when its row was read (edits after that included).
 * An unknown room or person fails before the first record.
 *
 * @example
 * for await (const record of exportRecords(storage, { all: true }, { epoch, now: Date.now() })) write(JSON.stringify(record));
 */
export async function* exportRecords(storage: StorageEngine, scope: ExportScope, about: { epoch: string; now: number }): AsyncGenerator<ExportRecord> {
  const read = readerOf(storage);
  const body = 'roomId' in scope ? oneRoom(read, scope.roomId) : 'userId' in scope ? onePerson(read, scope.userId) : everything(read);
  // Pull the first record before the meta line, so "not found" is an error, not a broken file.
  const first = await body.next();
  yield { kind: 'meta', format: 'confab-export', version: EXPORT_FORMAT_VERSION, epoch: about.epoch, scope, exportedAt: about.now };
  if (first.done) return;
  yield first.value;
  yield* body;
}
