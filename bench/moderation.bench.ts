/**
 * `node --import tsx bench/moderation.bench.ts`: what moderation costs the server (issue #13), on
 * memory and SQLite (not durable: the numbers are the rules and the reads, not the disk).
 *
 * - send: a send in a room where a member is muted (the mute check reads the member list the send
 *   already holds), p50 and p99 over SENDS sends, beside a room with nobody muted;
 * - queue: `report.list` for a site moderator with REPORTS open reports, each answered with its
 *   message and up to six neighbours (seven page reads per report), p50 and p99 over LISTS lists.
 *
 * Printed, not asserted. Environment: SENDS (2000), REPORTS (200, the most one list answers), LISTS (50).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createChatServer, createMemoryStorage, type StorageEngine } from '../src/server';
import { createSqliteStorage } from '../src/host/storage/sqlite';

const SENDS = Number(process.env.SENDS ?? 2000);
const REPORTS = Number(process.env.REPORTS ?? 200);
const LISTS = Number(process.env.LISTS ?? 50);

function percentile(samples: number[], p: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(3);
}

async function timed(count: number, work: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await work(index);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function bench(name: string, storage: StorageEngine): Promise<void> {
  const server = createChatServer({ storage, floodLimit: false });
  const people = ['ana', 'bo', 'chen', 'mo', ...Array.from({ length: 20 }, (_, index) => `p${index}`)];
  for (const id of people) await server.upsertUser({ id, name: id });
  await server.createRoom({ id: 'calm', name: 'calm', kind: 'public', createdBy: 'ana', memberIds: people.slice(1, 10) });
  await server.createRoom({ id: 'loud', name: 'loud', kind: 'public', createdBy: 'ana', memberIds: people.slice(1, 10) });
  await server.actAs('ana', { type: 'member.mute', roomId: 'loud', userId: 'chen' });
  await server.actAsSystem({ type: 'user.setRole', userId: 'mo', role: 'moderator' });

  const calm = await timed(SENDS, (index) => server.actAs('bo', { type: 'message.send', roomId: 'calm', clientId: `c${index}`, text: `hello ${index}` }));
  const loud = await timed(SENDS, (index) => server.actAs('bo', { type: 'message.send', roomId: 'loud', clientId: `l${index}`, text: `hello ${index}` }));

  const history = await server.actAsSystem({ type: 'message.history', roomId: 'calm', limit: 100 });
  const messages = history.ok ? history.value.messages : [];
  for (let index = 0; index < REPORTS; index++) {
    // Six members report, each a different message: no report repeats an open one.
    const reporter = people[4 + (index % 6)] as string;
    const message = messages[Math.floor(index / 6) % messages.length];
    if (message) await server.actAs(reporter, { type: 'report.create', roomId: 'calm', messageId: message.id, reason: 'spam' });
  }
  const moderator = await server.connect('mo', () => {});
  let answered = 0;
  const lists = await timed(LISTS, async () => {
    const outcome = await moderator.handle({ type: 'report.list' });
    if (outcome.ok) answered = outcome.value.length;
  });
  console.log(
    `${name.padEnd(7)} send p50 ${percentile(calm, 50)} ms p99 ${percentile(calm, 99)} ms | with a member muted p50 ${percentile(loud, 50)} ms p99 ${percentile(loud, 99)} ms | report.list of ${answered} p50 ${percentile(lists, 50)} ms p99 ${percentile(lists, 99)} ms`,
  );
  await storage.close();
}

await bench('memory', createMemoryStorage());
const folder = mkdtempSync(join(tmpdir(), 'confab-moderation-bench-'));
try {
  await bench('sqlite', await createSqliteStorage({ directory: folder, durable: false }));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
