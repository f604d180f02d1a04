/**
 * `node --import tsx bench/webhooks.bench.ts`: what webhooks cost the chat, on SQLite (durable).
 *
 * Two runs of SENDS sends (`server.actAs`, one after another, each answered after COMMIT) in a
 * room of 3: without webhooks, and with one endpoint (a local receiver answering 204) whose queue
 * is in the same database. Prints send p50/p99 for each (the chat must not wait on webhooks: the
 * events are queued after the answer) and, with webhooks, how long until every event was
 * delivered (the queue's throughput). Printed, not asserted.
 *
 * Environment: SENDS (2000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSqlWebhookStore, createWebhookDispatcher, sqlAccessOf } from '../src/host';
import { createSqliteStorage } from '../src/host/storage/sqlite';
import { createChatServer } from '../src/server';

const SENDS = Number(process.env.SENDS ?? 2000);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function run(withWebhooks: boolean): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'confab-bench-webhooks-'));
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  const storage = await createSqliteStorage({ directory });
  const server = createChatServer({ storage, floodLimit: false });
  const webhooks = withWebhooks ? createWebhookDispatcher({ server, store: createSqlWebhookStore(sqlAccessOf(storage)!), configured: [url], configuredSecret: 'bench-secret-0123456789', pollIntervalMs: 50, onError: console.error }) : undefined;
  webhooks?.start();
  for (const id of ['ana', 'bo', 'chen']) await server.upsertUser({ id, name: id });
  await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
  await webhooks?.idle();
  const baseline = received;

  const latencies: number[] = [];
  const started = performance.now();
  for (let index = 0; index < SENDS; index++) {
    const before = performance.now();
    const outcome = await server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `message ${index}` });
    latencies.push(performance.now() - before);
    if (!outcome.ok) throw outcome.error;
  }
  const sent = performance.now() - started;
  latencies.sort((a, b) => a - b);
  let line = `${withWebhooks ? 'with webhooks   ' : 'without webhooks'}  send p50 ${quantile(latencies, 0.5).toFixed(3)} ms  p99 ${quantile(latencies, 0.99).toFixed(3)} ms  (${SENDS} sends in ${sent.toFixed(0)} ms)`;
  if (webhooks) {
    while (received - baseline < SENDS) await new Promise((resolve) => setTimeout(resolve, 10));
    const drained = performance.now() - started;
    line += `  all ${SENDS} delivered after ${drained.toFixed(0)} ms (${((SENDS / drained) * 1000).toFixed(0)}/s)`;
    await webhooks.stop();
  }
  console.log(line);
  storage.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
}

await run(false);
await run(true);
