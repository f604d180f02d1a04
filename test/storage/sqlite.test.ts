import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChatError } from '../../src/protocol';
import { createChatServer, type StorageEngine, type StorageTx, type SyncStorage } from '../../src/server';
import { createSqliteStorage, SQLITE_FILE_NAME } from '../../src/host/storage/sqlite';
import { storageFailure } from '../../src/host/storage/sqlite/errors';
import { createSqlStatements, MIGRATION_TABLE } from '../../src/host/storage/sql';
import { describeStorageContract, message, roomRow, user } from './suite';

/** A temp folder per harness; each `open` a fresh data folder inside it; `reopen` the last one again. */
describeStorageContract('sqlite', () => {
  const root = mkdtempSync(join(tmpdir(), 'confab-sqlite-'));
  let folders = 0;
  let current = '';
  return {
    async open() {
      current = join(root, `data-${++folders}`);
      return createSqliteStorage({ directory: current });
    },
    async reopen(engine: StorageEngine) {
      await engine.close();
      return createSqliteStorage({ directory: current });
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('SQLite storage', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'confab-sqlite-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const openFails = async (options: Parameters<typeof createSqliteStorage>[0]): Promise<ChatError> => {
    const error = await createSqliteStorage(options).then(
      (storage) => {
        storage.close();
        throw new Error('expected the storage not to open');
      },
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('unavailable');
    return error as ChatError;
  };

  it('keeps its database as confab.db in the data folder, making the folder', async () => {
    const directory = join(root, 'nested', 'data');
    const storage = await createSqliteStorage({ directory });
    storage.transaction((tx) => tx.putUser(user('ana')));
    storage.close();
    const raw = new Database(join(directory, SQLITE_FILE_NAME), { readonly: true });
    expect(raw.prepare('select id from users').all()).toEqual([{ id: 'ana' }]);
    raw.close();
  });

  it('refuses a file that is not SQLite, and leaves it as it was', async () => {
    const file = join(root, SQLITE_FILE_NAME);
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const error = await openFails({ directory: root });
    expect(error.message).toBe(
      `The file at ${file} is not a confab database (file is not a database); point --data at a confab data folder, or move the file away.`,
    );
  });

  it('refuses a database written by a newer confab-server, changing nothing', async () => {
    const storage = await createSqliteStorage({ directory: root });
    storage.transaction((tx) => tx.putUser(user('ana')));
    storage.close();
    const file = join(root, SQLITE_FILE_NAME);
    const raw = new Database(file);
    raw.prepare(`insert into ${MIGRATION_TABLE} (name, timestamp) values (?, ?)`).run('0999_from_the_future', new Date().toISOString());
    raw.close();

    const error = await openFails({ directory: root });
    expect(error.message).toBe(
      `The database at ${file} was written by a newer confab-server (schema 0999_from_the_future); upgrade confab-server or restore a backup.`,
    );
    const after = new Database(file, { readonly: true });
    expect(after.prepare('select id from users').all()).toEqual([{ id: 'ana' }]);
    after.close();
  });

  it('refuses an SQLite database of another program, leaving its tables and rows as they were', async () => {
    const file = join(root, SQLITE_FILE_NAME);
    const raw = new Database(file);
    raw.exec("create table users (id integer primary key, email text); insert into users (email) values ('a@example.com')");
    raw.close();
    const error = await openFails({ directory: root });
    expect(error.message).toBe(
      `The database at ${file} is not a confab database: it already has tables named users that confab-server did not make; give confab-server a database of its own.`,
    );
    const after = new Database(file, { readonly: true });
    expect(after.prepare('select email from users').all()).toEqual([{ email: 'a@example.com' }]);
    expect(after.prepare("select name from sqlite_master where type = 'table' order by name").all()).toEqual([{ name: 'users' }]);
    after.close();
  });

  it('says so when the database cannot be opened', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'in the way');
    const error = await openFails({ directory: join(blocker, 'data') });
    expect(error.message).toMatch(/^The database at .*a-file\/data\/confab\.db cannot be opened \(.+\); check that its folder exists and that this process may write there\.$/);
  });

  it('refuses options naming both a file and a folder, or neither', async () => {
    await expect(createSqliteStorage({})).rejects.toMatchObject({ code: 'invalid' });
    await expect(createSqliteStorage({ file: join(root, 'x.db'), directory: root })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses a second host on the same data folder while the first is open', async () => {
    const first = await createSqliteStorage({ directory: root });
    try {
      const error = await openFails({ directory: root, busyTimeoutMs: 50 });
      expect(error.message).toBe(
        `The database at ${join(root, SQLITE_FILE_NAME)} is in use by another confab-server process; stop that one first, or give this one its own --data folder.`,
      );
      // …and from another process, where the lock is the operating system's.
      const output = await runChild(`
        import { createSqliteStorage } from ${JSON.stringify(new URL('../../src/host/storage/sqlite/index.ts', import.meta.url).pathname)};
        createSqliteStorage({ directory: ${JSON.stringify(root)}, busyTimeoutMs: 50 }).then(
          () => console.log('opened'),
          (error) => console.log(error.code + ': ' + error.message),
        );
      `);
      expect(output.trim()).toMatch(/^unavailable: The database at .* is in use by another confab-server process/);
    } finally {
      first.close();
    }
    // Once the first host is gone, the folder opens again.
    (await createSqliteStorage({ directory: root })).close();
  }, 60_000);

  it('fails a transaction on a full disk with ChatError unavailable, keeping nothing of it, and goes on', async () => {
    const storage = await createSqliteStorage({ directory: root, maxSizeBytes: 256 * 1024 });
    try {
      storage.transaction((tx) => {
        tx.insertRoom(roomRow('r'));
        tx.insertMessage(message('r', 1));
        tx.updateRoom('r', { lastSequence: 1 });
      });
      const delivered: unknown[] = [];
      storage.subscribe((deliveries) => delivered.push(deliveries));
      let failure: unknown;
      try {
        storage.transaction((tx) => {
          const room = tx.getRoom('r')!;
          tx.publish([{ userIds: ['ana'], event: { type: 'typing.started', roomId: 'r', userId: 'ana', ttlMs: 1 } }]);
          for (let sequence = room.lastSequence + 1; sequence < 200; sequence++) {
            tx.insertMessage(message('r', sequence, { text: 'x'.repeat(5000) }));
            tx.updateRoom('r', { lastSequence: sequence });
          }
        });
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(ChatError);
      expect((failure as ChatError).code).toBe('unavailable');
      expect((failure as ChatError).message).toMatch(/is full: the disk or its size limit has no room left .*nothing of this change was stored, retry later\.$/);
      expect(delivered).toEqual([]);
      expect(storage.transaction((tx) => tx.getRoom('r'))!.lastSequence).toBe(1);
      expect(storage.transaction((tx) => tx.messagesBetween('r', 1, 1000)).map((m) => m.sequence)).toEqual([1]);
      // Something that fits still goes in.
      storage.transaction((tx) => tx.putUser(user('ana')));
      expect(storage.transaction((tx) => tx.getUser('ana'))?.user.id).toBe('ana');
    } finally {
      storage.close();
    }
  });

  it('tells the host of a subscriber that throws, and still delivers to the others', async () => {
    const errors: unknown[] = [];
    const storage = await createSqliteStorage({ directory: root, onListenerError: (error) => errors.push(error) });
    const received: unknown[] = [];
    storage.subscribe(() => {
      throw new Error('subscriber bug');
    });
    storage.subscribe((deliveries) => received.push(deliveries));
    const answer = storage.transaction((tx) => {
      tx.publish([{ userIds: ['ana'], event: { type: 'typing.stopped', roomId: 'r', userId: 'bo' } }]);
      return 'committed';
    });
    storage.close();
    expect(answer).toBe('committed');
    expect(received).toHaveLength(1);
    expect(errors).toEqual([new Error('subscriber bug')]);
  });

  it('refuses a tx kept past its transaction, rather than writing outside one', async () => {
    const storage = await createSqliteStorage({ directory: root });
    let kept: StorageTx | undefined;
    storage.transaction((tx) => {
      kept = tx;
    });
    expect(() => kept!.putUser(user('ana'))).toThrow(/used after it ended/);
    expect(() => kept!.getUser('ana')).toThrow(ChatError);
    expect(storage.transaction((tx) => tx.getUser('ana'))).toBeUndefined();
    storage.close();
  });

  it('delivers in commit order when a subscriber runs a transaction of its own', async () => {
    const storage: SyncStorage = await createSqliteStorage({ directory: root });
    const order: string[] = [];
    storage.subscribe((deliveries) => {
      const event = deliveries[0]!.event;
      if (event.type !== 'typing.stopped') return;
      order.push(`first saw ${event.userId}`);
      if (event.userId === 'a') storage.transaction((tx) => tx.publish([{ userIds: ['x'], event: { type: 'typing.stopped', roomId: 'r', userId: 'b' } }]));
    });
    storage.subscribe((deliveries) => {
      const event = deliveries[0]!.event;
      if (event.type === 'typing.stopped') order.push(`second saw ${event.userId}`);
    });
    storage.transaction((tx) => tx.publish([{ userIds: ['x'], event: { type: 'typing.stopped', roomId: 'r', userId: 'a' } }]));
    storage.close();
    expect(order).toEqual(['first saw a', 'second saw a', 'first saw b', 'second saw b']);
  });

  it('serves the rules: five sends are there after a restart, in order, under the same epoch', async () => {
    let storage = await createSqliteStorage({ directory: root });
    let server = createChatServer({ storage });
    await server.upsertUser({ id: 'ana', name: 'Ana' });
    await server.upsertUser({ id: 'bo', name: 'Bo' });
    await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const seen: string[] = [];
    await server.connect('bo', (event) => seen.push(event.type));
    for (let index = 1; index <= 5; index++) {
      expect((await server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `hello ${index}` })).ok).toBe(true);
    }
    expect(seen.filter((type) => type === 'message.created')).toHaveLength(5);
    const epoch = server.epoch;
    storage.close();

    storage = await createSqliteStorage({ directory: root });
    server = createChatServer({ storage });
    const bo = await server.connect('bo', () => undefined);
    const snapshot = await bo.snapshot();
    expect(snapshot.epoch).toBe(epoch);
    expect(snapshot.rooms.map((room) => [room.id, room.lastSequence])).toEqual([['general', 5]]);
    const history = await bo.handle({ type: 'message.history', roomId: 'general' });
    expect(history.ok && history.value.messages.map((message) => `${message.sequence} ${message.text}`)).toEqual(['1 hello 1', '2 hello 2', '3 hello 3', '4 hello 4', '5 hello 5']);
    // A retry of an acknowledged send answers the stored message: idempotency survives the restart.
    const retry = await server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'c3', text: 'hello 3' });
    expect(retry.ok && retry.value.sequence).toBe(3);
    storage.close();
  });

  it('keeps every acknowledged send when its process is killed with SIGKILL mid-burst', async () => {
    // The child acknowledges each message (prints its sequence) only after its transaction returned.
    const child = spawnChild(`
      import { createSqliteStorage } from ${JSON.stringify(new URL('../../src/host/storage/sqlite/index.ts', import.meta.url).pathname)};
      const storage = await createSqliteStorage({ directory: ${JSON.stringify(root)} });
      storage.transaction((tx) => tx.insertRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', createdAt: 1, lastActivityAt: 1, lastSequence: 0 }));
      for (let i = 0; ; i++) {
        const sequence = storage.transaction((tx) => {
          const room = tx.getRoom('r');
          const sequence = room.lastSequence + 1;
          tx.insertMessage({ id: 'm' + sequence, clientId: 'c' + sequence, roomId: 'r', sequence, authorId: 'ana', text: 'burst ' + sequence,
            attachments: [], mentions: [], reactions: [], replyCount: 0, createdAt: Date.now() });
          tx.updateRoom('r', { lastSequence: sequence, lastActivityAt: Date.now() });
          return sequence;
        });
        process.stdout.write(sequence + '\\n');
      }
    `);
    let acknowledged = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n');
        acknowledged = Math.max(acknowledged, Number(lines.at(-1)));
        if (acknowledged >= 300) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => (code === null ? resolve() : reject(new Error(`child exited with ${code}`))));
    });
    await new Promise((resolve) => child.on('close', resolve));

    const storage = await createSqliteStorage({ directory: root });
    try {
      const last = storage.transaction((tx) => tx.getRoom('r'))!.lastSequence;
      expect(last).toBeGreaterThanOrEqual(acknowledged);
      const stored = storage.transaction((tx) => tx.messagesBetween('r', 1, last));
      expect(stored.map((m) => m.sequence)).toEqual(Array.from({ length: last }, (_, index) => index + 1));
      expect(stored.every((m) => m.text === `burst ${m.sequence}`)).toBe(true);
    } finally {
      storage.close();
    }
  }, 60_000);
});

describe('SQLite failures', () => {
  it('turn a database that became read-only, or a disk error, into ChatError unavailable; other errors pass unchanged', () => {
    const root = mkdtempSync(join(tmpdir(), 'confab-sqlite-'));
    const raw = new Database(join(root, 'x.db'));
    try {
      raw.exec('create table t (x integer)');
      raw.pragma('query_only = 1');
      let readOnly: unknown;
      try {
        raw.prepare('insert into t (x) values (1)').run();
      } catch (error) {
        readOnly = error;
      }
      expect((readOnly as { code: string }).code).toBe('SQLITE_READONLY');
      const failure = storageFailure('/data/confab.db', readOnly) as ChatError;
      expect(failure).toBeInstanceOf(ChatError);
      expect(failure.code).toBe('unavailable');
      expect(failure.message).toBe('The database at /data/confab.db has become read-only (attempt to write a readonly database); nothing of this change was stored, retry later.');
      expect(failure.cause).toBe(readOnly);

      const diskError = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
      expect((storageFailure('/d', diskError) as ChatError).message).toBe('The database at /d could not be written: the disk reported an error (disk I/O error); nothing of this change was stored, retry later.');

      const rule = new ChatError('forbidden', 'No.');
      expect(storageFailure('/d', rule)).toBe(rule);
      const constraint = Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(storageFailure('/d', constraint)).toBe(constraint);
    } finally {
      raw.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('SQL statements on SQLite', () => {
  it('page history and threads as one range of one index each, and find by client id through its unique index', async () => {
    const root = mkdtempSync(join(tmpdir(), 'confab-sqlite-'));
    try {
      (await createSqliteStorage({ directory: root })).close();
      const raw = new Database(join(root, SQLITE_FILE_NAME), { readonly: true });
      const statements = createSqlStatements('sqlite');
      const plan = (query: { sql: string; parameters: readonly unknown[] }) =>
        (raw.prepare(`explain query plan ${query.sql}`).all(query.parameters as unknown[]) as { detail: string }[]).map((row) => row.detail).join('; ');
      // One range of one index, in index order: no scan, no sort.
      expect(plan(statements.topLevelBefore('r', 100, 10))).toBe('SEARCH messages USING INDEX messages_parent_sequence (room_id=? AND parent_id=? AND sequence<?)');
      expect(plan(statements.topLevelAfter('r', 100, 10))).toBe('SEARCH messages USING INDEX messages_parent_sequence (room_id=? AND parent_id=? AND sequence>?)');
      expect(plan(statements.repliesBefore('r', 'p', 100, 10))).toBe('SEARCH messages USING INDEX messages_parent_sequence (room_id=? AND parent_id=? AND sequence<?)');
      expect(plan(statements.getMessageByClientId('r', 'ana', 'c1'))).toMatch(/USING INDEX sqlite_autoindex_messages_/);
      expect(plan(statements.roomIdsOf('ana'))).toMatch(/USING (COVERING )?INDEX members_user/);
      raw.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** Runs an ES module under tsx in a child process; answers its stdout. */
function runChild(source: string): Promise<string> {
  const child = spawnChild(source);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(errors)))));
}

function spawnChild(source: string) {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
}
