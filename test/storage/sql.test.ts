import { DummyDriver, Kysely, PostgresAdapter, type LogEvent, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import {
  createSqlStatements,
  FTS5_ROOM_FILTER_MAX,
  fts5Expression,
  fts5Match,
  tsQuery,
  cursorFromRow,
  directPairOf,
  memberFromRow,
  messageFromRow,
  messageToRow,
  roomExtraAfter,
  roomFromRows,
  roomPatchToRow,
  roomToRow,
  sqlMigrations,
  userFromRow,
  userToRow,
} from '../../src/host/storage/sql';
import { message, roomRow, user } from './suite';

describe('SQL rows', () => {
  it('round-trips a message with every optional field, and leaves absent ones out', () => {
    const full = message('r', 7, {
      attachments: [{ id: 'f', name: 'a.png', type: 'image/png', size: 3, url: 'https://x/f', width: 1, height: 2 }],
      mentions: ['bo'],
      parentId: 'r-1',
      quotedId: 'r-2',
      reactions: [{ emoji: '👍', userIds: ['ana'] }],
      replyCount: 3,
      lastReplyAt: 9,
      customData: { k: [1, { v: null }] },
      editedAt: 10,
      deletedAt: 11,
    });
    expect(messageFromRow(messageToRow(full) as never)).toStrictEqual(full);
    const plain = message('r', 8);
    const row = messageToRow(plain);
    expect(row).toMatchObject({ parent_id: null, quoted_id: null, last_reply_at: null, custom_data: null, edited_at: null, deleted_at: null, attachments: '[]' });
    expect(messageFromRow(row as never)).toStrictEqual(plain);
  });

  it('reads BIGINT columns that PostgreSQL answers as strings as numbers', () => {
    const row = { ...messageToRow(message('r', 1, { editedAt: 5 })), sequence: '1', created_at: '1767225600000', edited_at: '5' };
    expect(messageFromRow(row as never)).toMatchObject({ sequence: 1, createdAt: 1767225600000, editedAt: 5 });
    const members = [{ room_id: 'r', user_id: 'ana', role: 'admin' as const, joined_at: '4', join_order: '1' }];
    const cursors = [{ room_id: 'r', user_id: 'ana', sequence: '3', updated_at: '5', set_order: '7' }];
    const room = roomFromRows({ ...roomToRow(roomRow('r')), created_at: '1', last_activity_at: '2', last_sequence: '3' } as never, members, cursors);
    expect(room).toStrictEqual({
      ...roomRow('r', { createdAt: 1, lastActivityAt: 2, lastSequence: 3 }),
      members: [{ userId: 'ana', role: 'admin', joinedAt: 4 }],
      cursors: [{ roomId: 'r', userId: 'ana', sequence: 3, updatedAt: 5 }],
    });
    expect(memberFromRow({ user_id: 'bo', role: 'member', joined_at: '8' })).toStrictEqual({ userId: 'bo', role: 'member', joinedAt: 8 });
    expect(cursorFromRow({ room_id: 'r', user_id: 'bo', sequence: 0, updated_at: 1 })).toStrictEqual({ roomId: 'r', userId: 'bo', sequence: 0, updatedAt: 1 });
  });

  it('flattens presence into columns and back', () => {
    const ana = user('ana', { avatarUrl: 'https://a', customData: { x: 1 }, presence: { state: 'offline', lastSeenAt: 3 } });
    expect(userToRow(ana)).toStrictEqual({ id: 'ana', name: 'ANA', avatar_url: 'https://a', custom_data: '{"x":1}', presence_state: 'offline', presence_last_seen_at: 3, extra: null });
    expect(userFromRow({ ...userToRow(ana), presence_last_seen_at: '3' } as never)).toStrictEqual(ana);
    expect(userFromRow(userToRow(user('bo')) as never)).toStrictEqual(user('bo'));
  });

  it('patches only the room fields given', () => {
    expect(roomPatchToRow({ lastSequence: 2, lastActivityAt: undefined })).toStrictEqual({ last_sequence: 2 });
    expect(roomPatchToRow({ name: 'n', customData: { a: 1 } })).toStrictEqual({ name: 'n', custom_data: '{"a":1}' });
    expect(roomPatchToRow({})).toStrictEqual({});
  });

  it("puts the fields an entity has no column for in its extra column, and merges a room patch's over the stored ones", () => {
    expect(userToRow({ ...user('ana'), siteRole: 'moderator', gone: undefined } as never).extra).toBe('{"siteRole":"moderator"}');
    expect(userFromRow(userToRow({ ...user('ana'), siteRole: 'moderator' } as never) as never)).toStrictEqual({ ...user('ana'), siteRole: 'moderator' });
    expect(roomExtraAfter('{"topic":"old","pins":["m1"]}', { topic: 'new', lastSequence: 4 } as never)).toBe('{"topic":"new","pins":["m1"]}');
    expect(roomExtraAfter(null, { topic: 'new' } as never)).toBe('{"topic":"new"}');
    expect(roomExtraAfter('{"topic":"old"}', { lastSequence: 4 })).toBeUndefined();
  });

  it('keeps a direct pair in byte order', () => {
    expect(directPairOf('bo', 'ana')).toEqual(['ana', 'bo']);
    expect(directPairOf('ana', 'Bo')).toEqual(['Bo', 'ana']);
  });
});

describe('SQL statements', () => {
  it('compile the same queries for both dialects, with each one’s placeholders', () => {
    const sqlite = createSqlStatements('sqlite').topLevelBefore('r', 10, 100);
    const postgres = createSqlStatements('postgres').topLevelBefore('r', 10, 100);
    expect(sqlite.sql).toBe('select * from "messages" where "room_id" = ? and "parent_id" is null and "sequence" < ? order by "sequence" desc limit ?');
    expect(postgres.sql).toBe('select * from "messages" where "room_id" = $1 and "parent_id" is null and "sequence" < $2 order by "sequence" desc limit $3');
    expect(postgres.parameters).toEqual(['r', 10, 100]);
  });

  it('put a new member after everyone, and leave a returning member’s place to the caller', () => {
    const query = createSqlStatements('postgres').putMember({ room_id: 'r', user_id: 'ana', role: 'admin', joined_at: 1 });
    expect(query.sql).toContain('(select coalesce(max(join_order), 0) + 1 from members)');
    expect(query.sql).toContain('on conflict ("room_id", "user_id") do update set "role" = "excluded"."role"');
  });

  it('skip an update that changes nothing', () => {
    expect(createSqlStatements('sqlite').updateRoom('r', {})).toEqual([]);
  });
});

describe('SQL migrations', () => {
  it('make PostgreSQL ids compare byte by byte, and make the epoch once', async () => {
    const statements: string[] = [];
    const db = new Kysely<unknown>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (kysely) => new PostgresIntrospector(kysely),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
      log: (event: LogEvent) => {
        statements.push(event.query.sql);
      },
    });
    await sqlMigrations('postgres')['0001_initial']!.up(db);
    expect(statements.find((sql) => sql.startsWith('create table "messages"'))).toContain('"room_id" text collate "C" not null references "rooms" ("id") on delete cascade');
    expect(statements.filter((sql) => sql.startsWith('insert into "meta"'))).toEqual(['insert into "meta" ("key", "value") values ($1, $2)']);
    expect(Object.keys(sqlMigrations('sqlite'))).toEqual(['0001_initial', '0002_webhooks', '0003_messages_author', '0004_extensions', '0005_search', '0006_search_newest']);
  });
});

describe('search statements', () => {
  it('quote every term for FTS5 and tsquery, and pass the expression as a parameter, never in the SQL', () => {
    expect(fts5Match(['lun', 'a"b'])).toBe('"lun"* "a""b"*');
    expect(tsQuery(['lun', "it's", 'a\\b'])).toBe("'lun':* & 'it''s':* & 'a\\\\b':*");
    expect(fts5Expression(['lunch'], ['general'])).toBe('text : ("lunch"*) AND room_id : ("general")');
    expect(fts5Expression(['lunch'], Array.from({ length: FTS5_ROOM_FILTER_MAX + 1 }, (_, index) => `r${index}`))).toBe('text : ("lunch"*)');
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const query = createSqlStatements(dialect).searchMessages({ roomIds: ['general'], terms: ['near', 'or'], excludeAuthorIds: ['bo'], before: 10, limit: 21 });
      expect(query.sql).not.toContain('near');
      expect(query.sql).not.toContain('general');
      expect(query.parameters).toContain('bo');
    }
  });
});
