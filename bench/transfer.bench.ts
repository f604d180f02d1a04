/**
 * `npm run bench:transfer`: export and import through the server's NDJSON records, on SQLite.
 *
 * Seeds ROOMS rooms of MESSAGES messages each (written straight through storage, a batch per
 * transaction), then exports everything to a file (serialized as the admin route does, waiting on
 * the file stream as the route waits on its socket) and imports that file, read with the route's
 * line reader, into an empty SQLite folder. Prints records and bytes per second,
 * and, in a second export, the most live heap it added over its start (garbage collected every
 * 5,000 records, so run with --expose-gc): it stays flat as MESSAGES grows, since the export holds
 * one page at a time.
 *
 * Environment: ROOMS (20), MESSAGES (5000).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ndjsonLines } from '../src/host/admin/ndjson';
import { createSqliteStorage } from '../src/host/storage/sqlite';
import { createChatServer, type StorageEngine } from '../src/server';

const ROOMS = Number(process.env.ROOMS ?? 20);
const MESSAGES = Number(process.env.MESSAGES ?? 5000);
const folder = mkdtempSync(join(tmpdir(), 'confab-bench-transfer-'));

async function seed(storage: StorageEngine): Promise<void> {
  await storage.transaction((tx) => {
    for (let index = 0; index < 50; index++) tx.putUser({ id: `user${index}`, name: `User ${index}`, presence: { state: 'offline' } });
  });
  for (let room = 0; room < ROOMS; room++) {
    const roomId = `room${String(room).padStart(3, '0')}`;
    await storage.transaction((tx) => {
      tx.insertRoom({ id: roomId, name: roomId, kind: 'public', createdBy: 'user0', createdAt: 1, lastActivityAt: 1, lastSequence: MESSAGES });
      for (let index = 0; index < 10; index++) tx.putMember(roomId, { userId: `user${index}`, role: index === 0 ? 'admin' : 'member', joinedAt: 1 });
    });
    for (let from = 1; from <= MESSAGES; from += 1000) {
      await storage.transaction((tx) => {
        for (let sequence = from; sequence < Math.min(from + 1000, MESSAGES + 1); sequence++) {
          tx.insertMessage({
            id: `m${sequence}`,
            clientId: `c${sequence}`,
            roomId,
            sequence,
            authorId: `user${sequence % 10}`,
            text: `Message ${sequence} of ${roomId}: a line of ordinary chat text, about this long.`,
            attachments: [],
            mentions: [],
            reactions: sequence % 7 === 0 ? [{ emoji: '👍', userIds: ['user1', 'user2'] }] : [],
            replyCount: 0,
            createdAt: 1_700_000_000_000 + sequence,
          });
        }
      });
    }
  }
}

async function main(): Promise<void> {
  const source = await createSqliteStorage({ directory: join(folder, 'source') });
  await seed(source);
  const server = createChatServer({ storage: source, floodLimit: false });

  globalThis.gc?.();
  const heapAtStart = process.memoryUsage().heapUsed;
  let peak = 0;
  let records = 0;
  let bytes = 0;
  const file = join(folder, 'dump.ndjson');
  const out = createWriteStream(file);
  const exportStart = performance.now();
  for await (const record of server.exportData({ all: true })) {
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    records++;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  const exportMs = performance.now() - exportStart;

  // A second pass for memory alone: collect garbage every 5,000 records, then read the live heap.
  let seen = 0;
  for await (const record of server.exportData({ all: true })) {
    JSON.stringify(record);
    if (++seen % 5000 === 0) {
      globalThis.gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed - heapAtStart);
    }
  }

  const target = await createSqliteStorage({ directory: join(folder, 'target') });
  const imported = createChatServer({ storage: target, floodLimit: false });
  const importStart = performance.now();
  const summary = await imported.importData(ndjsonLines(createReadStream(file)));
  const importMs = performance.now() - importStart;

  const mb = bytes / 1024 / 1024;
  console.log(`transfer on SQLite: ${ROOMS} rooms × ${MESSAGES} messages = ${records} records, ${mb.toFixed(1)} MB of NDJSON`);
  console.log(`  export: ${exportMs.toFixed(0)} ms, ${Math.round(records / (exportMs / 1000))} records/s, ${(mb / (exportMs / 1000)).toFixed(1)} MB/s`);
  console.log(`  import: ${importMs.toFixed(0)} ms, ${Math.round(records / (importMs / 1000))} records/s (${summary.messages} messages)`);
  console.log(`  most live heap the export added over its start: ${(peak / 1024 / 1024).toFixed(1)} MB (the file is ${mb.toFixed(1)} MB)`);
  await source.close();
  await target.close();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(folder, { recursive: true, force: true }));
