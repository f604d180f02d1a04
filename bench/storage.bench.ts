/**
 * `npm run bench:storage`: what the storage engines cost the server, per engine.
 *
 * For each engine: build a store whose room "big" holds MESSAGES messages (one in ten a thread
 * reply) and 50 members, with a fast bulk path (not through transactions: setup, not the thing
 * measured). Then, in a fresh process that holds nothing but the open engine (so its memory is
 * what a host with that store would hold):
 *
 * - page: a 100-message history page, `topLevelBefore` in a read-only transaction, from the newest
 *   end and from PAGES random places in the room (p50, p99);
 * - send: SENDS durable sends, one transaction each doing what a send does: read the room (with its
 *   members), the idempotency lookup, insert the message, update the room, publish the event;
 *   answered only after COMMIT (p50, p99);
 * - rss: the process's resident memory after both, with MESSAGES + SENDS messages stored.
 * - the disk's own floor: 4 kB write + fdatasync, p50 and p99, measured just before the sends, so
 *   a send's latency can be read against what the disk allowed at that moment.
 *
 * Goals (issue 9): send p99 ≤ 5 ms (SQLite, durable), page ≤ 2 ms, memory ≤ 150 MB. Printed, not
 * asserted.
 *
 * Environment: MESSAGES (1000000), SENDS (2000), PAGES (1000), ONLY (an engine name).
 * PostgreSQL also runs one host against three (bench/postgres-hosts.ts; HOSTS=0 skips it,
 * SENDS_PER_CLIENT sets its size).
 */
import { spawn } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { Message } from '../src/protocol';
import type { StorageEngine } from '../src/server';
import { createSqlStatements, messageToRow } from '../src/host/storage/sql';
import { createSqliteStorage, SQLITE_FILE_NAME } from '../src/host/storage/sqlite';
import { createPostgresStorage } from '../src/host/storage/postgres';
import { createTestDatabase, startPostgres, type TestPostgres } from '../test/support/postgres';
import pg from 'pg';
import { benchHosts, runHost } from './postgres-hosts';

const MESSAGES = Number(process.env.MESSAGES ?? 1_000_000);
const SENDS = Number(process.env.SENDS ?? 2000);
const PAGES = Number(process.env.PAGES ?? 1000);
const FSYNCS = 500;
const MEMBERS = 50;
const ROOM = 'big';
const GOALS = { sendP99Ms: 5, pageMs: 2, rssMb: 150 };

/** One engine under benchmark. `location` is whatever finds its store again (a folder, a URL). */
interface BenchEngine {
  name: string;
  /** Makes a store with room "big" holding `count` messages; answers its location. */
  build(count: number): Promise<string>;
  open(location: string): Promise<StorageEngine>;
  /** Size on disk, when the engine can tell. */
  size?(location: string): number;
  dispose(location: string): Promise<void> | void;
}

/** Message `sequence` of the big room: every tenth a reply to the one before it. */
function benchMessage(sequence: number, createdAt: number): Message {
  const message: Message = {
    id: `m${sequence}`,
    clientId: `c${sequence}`,
    roomId: ROOM,
    sequence,
    authorId: `u${sequence % MEMBERS}`,
    text: `Message ${sequence}: the quick brown fox jumps over the lazy dog, and then some more words.`,
    attachments: [],
    mentions: [],
    reactions: [],
    replyCount: 0,
    createdAt,
  };
  if (sequence % 10 === 0) message.parentId = `m${sequence - 1}`;
  return message;
}

const sqlite: BenchEngine = {
  name: 'sqlite',
  async build(count) {
    const directory = mkdtempSync(join(tmpdir(), 'confab-bench-sqlite-'));
    // The engine makes the schema; the rows go in through the same statements and mapping, in
    // large transactions on a raw connection without fsync (setup only).
    (await createSqliteStorage({ directory })).close();
    const database = new Database(join(directory, SQLITE_FILE_NAME));
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = OFF');
    const statements = createSqlStatements('sqlite');
    const run = (query: { sql: string; parameters: readonly unknown[] }) => database.prepare(query.sql).run(query.parameters as unknown[]);
    const now = Date.now() - count;
    database.transaction(() => {
      run(statements.insertRoom({ id: ROOM, name: ROOM, kind: 'public', created_by: 'u0', created_at: now, custom_data: null, last_activity_at: now + count, last_sequence: count }));
      for (let member = 0; member < MEMBERS; member++) {
        run(statements.putMember({ room_id: ROOM, user_id: `u${member}`, role: member === 0 ? 'admin' : 'member', joined_at: now }));
      }
    })();
    const insert = database.prepare(statements.insertMessage(messageToRow(benchMessage(1, now))).sql);
    const batch = 50_000;
    for (let start = 1; start <= count; start += batch) {
      database.transaction(() => {
        for (let sequence = start; sequence < start + batch && sequence <= count; sequence++) {
          insert.run(Object.values(messageToRow(benchMessage(sequence, now + sequence))));
        }
      })();
    }
    database.pragma('wal_checkpoint(TRUNCATE)');
    database.close();
    return directory;
  },
  open: (directory) => createSqliteStorage({ directory }),
  size: (directory) => statSync(join(directory, SQLITE_FILE_NAME)).size + (statSync(join(directory, `${SQLITE_FILE_NAME}-wal`), { throwIfNoEntry: false })?.size ?? 0),
  dispose: (directory) => rmSync(directory, { recursive: true, force: true }),
};

/**
 * PostgreSQL: a throwaway server from test/support/postgres (fsync on, so sends are durable as
 * in production), one database; the engine makes the schema, a generate_series INSERT the rows
 * (the same columns messageToRow writes for benchMessage), then ANALYZE. The child connects by URL.
 */
let postgresServer: TestPostgres | undefined;
const postgres: BenchEngine = {
  name: 'postgres',
  async build(count) {
    postgresServer ??= await startPostgres({ durable: true });
    const url = await createTestDatabase(postgresServer.url, 'confab_bench');
    await (await createPostgresStorage({ url })).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const statements = createSqlStatements('postgres');
      const run = (query: { sql: string; parameters: readonly unknown[] }) => client.query(query.sql, [...query.parameters]);
      const now = Date.now() - count;
      await run(statements.insertRoom({ id: ROOM, name: ROOM, kind: 'public', created_by: 'u0', created_at: now, custom_data: null, last_activity_at: now + count, last_sequence: count }));
      for (let member = 0; member < MEMBERS; member++) {
        await run(statements.putMember({ room_id: ROOM, user_id: `u${member}`, role: member === 0 ? 'admin' : 'member', joined_at: now }));
      }
      await client.query(
        `INSERT INTO messages (room_id, sequence, id, client_id, author_id, text, attachments, mentions, parent_id, quoted_id, reactions, reply_count, last_reply_at, custom_data, created_at, edited_at, deleted_at)
         SELECT $1, s, 'm' || s, 'c' || s, 'u' || (s % ${MEMBERS}),
                'Message ' || s || ': the quick brown fox jumps over the lazy dog, and then some more words.',
                '[]', '[]', CASE WHEN s % 10 = 0 THEN 'm' || (s - 1) END, NULL, '[]', 0, NULL, NULL, $2::bigint + s, NULL, NULL
         FROM generate_series(1, $3::bigint) AS s`,
        [ROOM, now, count],
      );
      await client.query('VACUUM ANALYZE messages');
    } finally {
      await client.end();
    }
    return url;
  },
  open: (url) => createPostgresStorage({ url }),
  async dispose(url) {
    const client = new pg.Client({ connectionString: postgresServer!.url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`).finally(() => client.end());
  },
};

/** Every engine measured, in order. */
const ENGINES: BenchEngine[] = [sqlite, postgres];

interface Measured {
  engine: string;
  messages: number;
  openMs: number;
  pageNewestMs: number;
  pageP50Ms: number;
  pageP99Ms: number;
  sendP50Ms: number;
  sendP99Ms: number;
  sendMaxMs: number;
  /** Average CPU time of the process per page and per send: steadier than wall time on a busy machine. */
  pageCpuMs: number;
  sendCpuMs: number;
  /** The floor under any durable send on this disk now: a 4 kB write and fdatasync, p50 and p99. */
  fsyncP50Ms: number;
  fsyncP99Ms: number;
  /** Resident memory after loading the code, before opening the store (Node, tsx, modules). */
  rssBeforeOpenMb: number;
  rssMb: number;
  heapMb: number;
}

/** Times `count` 4 kB appends each followed by fdatasync, in a temp file: what the disk allows a durable commit. */
function diskFloor(count: number): { p50: number; p99: number } {
  const directory = mkdtempSync(join(tmpdir(), 'confab-bench-fsync-'));
  const fd = openSync(join(directory, 'floor'), 'w');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const started = performance.now();
      writeSync(fd, block);
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(directory, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** The child: opens the built store and measures pages, sends and memory. */
async function measure(engineName: string, location: string): Promise<Measured> {
  const engine = ENGINES.find((candidate) => candidate.name === engineName)!;
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeOpen = process.memoryUsage().rss;
  const opening = performance.now();
  const storage = await engine.open(location);
  const openMs = performance.now() - opening;
  let delivered = 0;
  storage.subscribe((deliveries) => (delivered += deliveries.length));

  const page = async (before: number) => {
    const started = performance.now();
    const messages = await storage.transaction((tx) => tx.topLevelBefore(ROOM, before, 100), { readOnly: true });
    const elapsed = performance.now() - started;
    if (messages.length !== 100) throw new Error(`a page held ${messages.length} messages`);
    return elapsed;
  };
  for (let warm = 0; warm < 20; warm++) await page(MESSAGES + 1);
  const pageNewestMs = await page(MESSAGES + 1);
  const pages: number[] = [];
  const pageCpu = process.cpuUsage();
  for (let index = 0; index < PAGES; index++) pages.push(await page(200 + Math.floor(Math.random() * (MESSAGES - 200))));
  const pageCpuMs = cpuMs(process.cpuUsage(pageCpu)) / PAGES;
  pages.sort((a, b) => a - b);

  const { p50: fsyncP50Ms, p99: fsyncP99Ms } = diskFloor(FSYNCS);

  const sends: number[] = [];
  const sendCpu = process.cpuUsage();
  for (let index = 0; index < SENDS; index++) {
    const clientId = `bench-${index}`;
    const started = performance.now();
    await storage.transaction((tx) => {
      const room = tx.getRoom(ROOM);
      if (room === undefined) throw new Error('no room');
      const existing = tx.getMessageByClientId(ROOM, 'u1', clientId);
      if (existing !== undefined) return existing;
      const now = Date.now();
      const message: Message = { ...benchMessage(room.lastSequence + 1, now), authorId: 'u1', clientId, id: `s${index}` };
      delete message.parentId;
      tx.insertMessage(message);
      tx.updateRoom(ROOM, { lastSequence: message.sequence, lastActivityAt: now });
      tx.publish([{ userIds: room.members.map((member) => member.userId), event: { type: 'message.created', message } }]);
      return message;
    });
    sends.push(performance.now() - started);
  }
  const sendCpuMs = cpuMs(process.cpuUsage(sendCpu)) / SENDS;
  sends.sort((a, b) => a - b);
  if (delivered !== SENDS) throw new Error(`${delivered} deliveries for ${SENDS} sends`);

  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  await storage.close();
  return {
    engine: engineName,
    messages: MESSAGES,
    openMs,
    pageNewestMs,
    pageP50Ms: percentile(pages, 50),
    pageP99Ms: percentile(pages, 99),
    sendP50Ms: percentile(sends, 50),
    sendP99Ms: percentile(sends, 99),
    sendMaxMs: sends.at(-1)!,
    pageCpuMs,
    sendCpuMs,
    fsyncP50Ms,
    fsyncP99Ms,
    rssBeforeOpenMb: rssBeforeOpen / 2 ** 20,
    rssMb: memory.rss / 2 ** 20,
    heapMb: memory.heapUsed / 2 ** 20,
  };
}

function runChild(engine: string, location: string): Promise<Measured> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--measure', engine, location], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').at(-1)!) as Measured) : reject(new Error(`${engine}: measuring exited with ${code}`)))),
  );
}

const verdict = (value: number, goal: number) => (value <= goal ? 'ok' : 'OVER');

async function main() {
  const hostAt = process.argv.indexOf('--host');
  if (hostAt >= 0) {
    await runHost(process.argv[hostAt + 1]!, Number(process.argv[hostAt + 2]), Number(process.argv[hostAt + 3]));
    return;
  }
  const measureAt = process.argv.indexOf('--measure');
  if (measureAt >= 0) {
    console.log(JSON.stringify(await measure(process.argv[measureAt + 1]!, process.argv[measureAt + 2]!)));
    return;
  }
  const only = process.env.ONLY;
  for (const engine of ENGINES.filter((candidate) => only === undefined || candidate.name === only)) {
    const building = performance.now();
    const location = await engine.build(MESSAGES);
    const buildS = (performance.now() - building) / 1000;
    try {
      const m = await runChild(engine.name, location);
      const size = engine.size?.(location);
      console.log(`\n${engine.name}: room of ${m.messages.toLocaleString('en')} messages (built in ${buildS.toFixed(1)} s${size === undefined ? '' : `, ${(size / 2 ** 20).toFixed(0)} MB on disk`}), opened in ${m.openMs.toFixed(0)} ms`);
      console.log(
        `  durable send     p50 ${m.sendP50Ms.toFixed(2)} ms   p99 ${m.sendP99Ms.toFixed(2)} ms   max ${m.sendMaxMs.toFixed(2)} ms   cpu ${m.sendCpuMs.toFixed(3)} ms/send   (goal p99 ≤ ${GOALS.sendP99Ms} ms: ${verdict(m.sendP99Ms, GOALS.sendP99Ms)})`,
      );
      console.log(`  (this disk now: 4 kB write + fdatasync p50 ${m.fsyncP50Ms.toFixed(2)} ms   p99 ${m.fsyncP99Ms.toFixed(2)} ms: the floor under any durable send)`);
      console.log(
        `  100-message page newest ${m.pageNewestMs.toFixed(2)} ms   p50 ${m.pageP50Ms.toFixed(2)} ms   p99 ${m.pageP99Ms.toFixed(2)} ms   cpu ${m.pageCpuMs.toFixed(3)} ms/page   (goal ≤ ${GOALS.pageMs} ms: ${verdict(m.pageP99Ms, GOALS.pageMs)})`,
      );
      console.log(
        `  process memory   rss ${m.rssMb.toFixed(0)} MB (${m.rssBeforeOpenMb.toFixed(0)} MB before opening the store: Node, tsx and the code)   heap ${m.heapMb.toFixed(0)} MB   (goal ≤ ${GOALS.rssMb} MB: ${verdict(m.rssMb, GOALS.rssMb)})`,
      );
      const load = loadavg()[0]!;
      if (load > cpus().length) console.log(`  (load average ${load.toFixed(1)} on ${cpus().length} cores while measuring: wall times include waiting for a core)`);
    } finally {
      await engine.dispose(location);
    }
  }
  if (postgresServer) {
    try {
      if (process.env.HOSTS !== '0') await benchHosts(postgresServer, new URL(import.meta.url).pathname);
    } finally {
      await postgresServer.stop();
    }
  }
}

await main();
