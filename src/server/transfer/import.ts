import * as v from 'valibot';
import { ChatError, describeIssues, RESERVED_USER_IDS, SYSTEM_USER_ID, type User } from '../../protocol';
import type { StorageEngine, StorageTx } from '../storage';
import { ExportRecordSchema, type ExportRecord, type ImportSummary } from './format';

/** How many records one write transaction stores. */
export const IMPORT_BATCH_SIZE = 500;

/** Where the file is: sections come in this order, each at most once (rooms with their messages). */
const SECTIONS = ['meta', 'users', 'rooms', 'blocks', 'direct', 'records'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_OF: Record<ExportRecord['kind'], Section> = { meta: 'meta', user: 'users', room: 'rooms', message: 'rooms', blocks: 'blocks', direct: 'direct', record: 'records' };

/** What the import has seen so far: ids only, to check that every reference points at something imported. */
interface Seen {
  section: Section | null;
  users: Set<string>;
  /** Room id → its kind and members. */
  rooms: Map<string, { kind: string; members: Set<string> }>;
  /** The room whose messages may follow, and the sequence the next one must have. */
  room: { id: string; lastSequence: number; next: number } | null;
  summary: ImportSummary;
}

function fail(line: number, sentence: string): never {
  throw new ChatError('invalid', `Line ${line}: ${sentence}`);
}

function closeRoom(seen: Seen, line: number): void {
  const room = seen.room;
  if (room && room.next !== room.lastSequence + 1) {
    fail(line, `room "${room.id}" has lastSequence ${room.lastSequence} but ${room.next - 1} messages came before this line; an export has every message of a room.`);
  }
  seen.room = null;
}

/** Checks one record against what came before it (order, references, sequences) and notes it. */
function admit(seen: Seen, record: ExportRecord, line: number): void {
  const section = SECTION_OF[record.kind];
  if (seen.section === null && section !== 'meta') fail(line, 'the first line must be the meta line of a confab export.');
  if (seen.section !== null && SECTIONS.indexOf(section) < SECTIONS.indexOf(seen.section)) fail(line, `a ${record.kind} line cannot come after the ${seen.section} section.`);
  if (section === 'meta' && seen.section !== null) fail(line, 'only the first line may be a meta line.');
  if (record.kind !== 'message') closeRoom(seen, line);
  seen.section = section;
  const person = (userId: string, what: string) => {
    if (!seen.users.has(userId)) fail(line, `${what} "${userId}" is not a user of this file (users come first).`);
  };
  switch (record.kind) {
    case 'meta':
      if ('userId' in record.scope) fail(line, "this is one person's data export; import takes an export of everything or of a room.");
      return;
    case 'user':
      if (RESERVED_USER_IDS.has(record.user.id)) fail(line, `the id "${record.user.id}" is reserved for the server.`);
      if (seen.users.has(record.user.id)) fail(line, `user "${record.user.id}" appears twice.`);
      seen.users.add(record.user.id);
      seen.summary.users++;
      return;
    case 'room': {
      const { room } = record;
      if (seen.rooms.has(room.id)) fail(line, `room "${room.id}" appears twice.`);
      const members = new Set<string>();
      for (const member of room.members) {
        person(member.userId, 'member');
        if (members.has(member.userId)) fail(line, `"${member.userId}" is a member of room "${room.id}" twice.`);
        members.add(member.userId);
      }
      for (const cursor of room.cursors) {
        if (cursor.roomId !== room.id || !members.has(cursor.userId)) fail(line, `a cursor of room "${room.id}" belongs to another room or to someone who is not a member.`);
        if (cursor.sequence > room.lastSequence) fail(line, `a cursor of room "${room.id}" is past its lastSequence.`);
      }
      seen.rooms.set(room.id, { kind: room.kind, members });
      seen.room = { id: room.id, lastSequence: room.lastSequence, next: 1 };
      seen.summary.rooms++;
      return;
    }
    case 'message': {
      const { message } = record;
      const room = seen.room;
      if (!room || room.id !== message.roomId) fail(line, `message "${message.id}" must follow the line of its room "${message.roomId}".`);
      if (message.sequence !== room.next) fail(line, `message "${message.id}" has sequence ${message.sequence}; room "${room.id}" needs ${room.next} here (sequences rise by one with no holes).`);
      if ((message.system === true) !== (message.authorId === SYSTEM_USER_ID)) fail(line, `message "${message.id}": only the system's messages (author "system") are system messages.`);
      if (!RESERVED_USER_IDS.has(message.authorId)) person(message.authorId, 'author');
      room.next++;
      seen.summary.messages++;
      return;
    }
    case 'blocks':
      person(record.userId, 'blocker');
      for (const blockedId of record.blocked) person(blockedId, 'blocked person');
      seen.summary.blocks++;
      return;
    case 'direct': {
      const room = seen.rooms.get(record.roomId);
      if (!room || room.kind !== 'direct') fail(line, `"${record.roomId}" is not a direct room of this file.`);
      const [low, high] = record.userIds;
      if (!(low < high) || !room.members.has(low) || !room.members.has(high)) fail(line, `the direct pair of "${record.roomId}" must name its two members, in byte order.`);
      seen.summary.directPairs++;
      return;
    }
    case 'record':
      // A record's scope and key name what its feature chose (a room, a person, a message): the
      // feature's rules check them when they read it, so an import keeps them as they are.
      seen.summary.records++;
      return;
  }
}

/** Stores one checked record. */
function store(tx: StorageTx, record: ExportRecord): void {
  switch (record.kind) {
    case 'meta':
      return;
    case 'user': {
      const user: User = { ...record.user, presence: record.lastSeenAt === undefined ? { state: 'offline' } : { state: 'offline', lastSeenAt: record.lastSeenAt } };
      tx.putUser(user);
      return;
    }
    case 'room': {
      const { members, cursors, ...row } = record.room;
      tx.insertRoom(row);
      for (const member of members) tx.putMember(row.id, member);
      for (const cursor of cursors) tx.putCursor(cursor);
      return;
    }
    case 'message':
      tx.insertMessage(record.message);
      return;
    case 'blocks':
      tx.setBlocked(record.userId, record.blocked);
      return;
    case 'direct':
      tx.setDirectRoom(record.userIds[0], record.userIds[1], record.roomId);
      return;
    case 'record':
      tx.putRecord(record.record.kind as never, record.record.scope, record.record.key, record.record.value as never);
      return;
  }
}

/** Deletes every room and person: an import that failed leaves the server as empty as it found it. */
async function wipe(storage: StorageEngine): Promise<void> {
  for (;;) {
    const more = await storage.transaction((tx) => {
      const rooms = tx.listRooms({ limit: IMPORT_BATCH_SIZE });
      for (const room of rooms) tx.deleteRoom(room.id);
      const users = tx.listUsers({ limit: IMPORT_BATCH_SIZE });
      for (const user of users) tx.deleteUser(user.id);
      const records = tx.listAllRecords({ limit: IMPORT_BATCH_SIZE });
      for (const { kind, scope, key } of records) tx.deleteRecord(kind as never, scope, key);
      return rooms.length + users.length + records.length > 0;
    });
    if (!more) return;
  }
}

/**
 * True when storage has no people and no rooms.
 *
 * @example
 * if (!(await isEmpty(storage))) throw new ChatError('conflict', 'Not empty.');
 */
export async function isEmpty(storage: StorageEngine): Promise<boolean> {
  return storage.transaction((tx) => tx.listUsers({ limit: 1 }).length === 0 && tx.listRooms({ limit: 1 }).length === 0, { readOnly: true });
}

/**
 * Imports an export (NDJSON text, a line at a time) into an empty storage, keeping ids, sequences,
 * times, reactions, replies and cursors. Each line is parsed and checked (its shape, its place in
 * the file, every id it names) before it is stored; records are stored in batches of
 * {@link IMPORT_BATCH_SIZE}, one transaction each. A line that fails stops the import with a
 * ChatError `invalid` naming its line number, and everything stored so far is deleted again: the
 * storage is left as empty as it was (the staging is the empty server itself). Blank lines are
 * skipped. A non-empty storage is refused with `conflict` before anything is read.
 *
 * @example
 * const summary = await importRecords(storage, readLines(request));
 */
export async function importRecords(storage: StorageEngine, lines: AsyncIterable<string> | Iterable<string>): Promise<ImportSummary> {
  if (!(await isEmpty(storage))) {
    throw new ChatError('conflict', 'Import needs an empty server: this one already has people or rooms. Start confab-server on an empty data folder or database and import there.');
  }
  const seen: Seen = { section: null, users: new Set(), rooms: new Map(), room: null, summary: { users: 0, rooms: 0, messages: 0, blocks: 0, directPairs: 0, records: 0 } };
  let batch: ExportRecord[] = [];
  const flush = async () => {
    const records = batch;
    batch = [];
    if (records.length > 0) await storage.transaction((tx) => records.forEach((record) => store(tx, record)));
  };
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        fail(line, 'not JSON.');
      }
      const parsed = v.safeParse(ExportRecordSchema, json);
      if (!parsed.success) fail(line, `not a record of the export format: ${describeIssues(parsed.issues, 'line')}`);
      admit(seen, parsed.output, line);
      batch.push(parsed.output);
      if (batch.length >= IMPORT_BATCH_SIZE) await flush();
    }
    if (seen.section === null) fail(line + 1, 'the file is empty; an export starts with its meta line.');
    closeRoom(seen, line + 1);
    await flush();
  } catch (error) {
    await wipe(storage);
    throw error;
  }
  return seen.summary;
}
