/**
 * `npm run bench:crowds`: what a big room costs the host (issue #11, Crowds). Prints numbers;
 * passes or fails nothing. The clients run in child processes (bench/crowds/clients.ts), so the
 * host under test, here in the main process, is measured alone (its event loop, its memory).
 *
 * Parts (PART=snapshot,connect,join,memory,flood; all by default):
 * - snapshot: bytes of the session frame of one member of a CLIENTS-member room, with crowdSize
 *   CROWD_SIZE against crowdSize Infinity (every member and profile, as before crowds).
 * - connect: CLIENTS members of one room connect at once, until every one has its snapshot: the
 *   host with crowdSize CROWD_SIZE, with Infinity, and a bare `ws` server sending a hello.
 * - join: CLIENTS people connect and each joins the room (its other members are told); the host,
 *   and a bare `ws` server answering each join and broadcasting a frame of the same size to all.
 * - memory: IDLE (1000,5000) members of one room connected and idle: the host's RSS and heap
 *   growth over the connections, divided by them (after a forced GC: run with --expose-gc).
 * - flood: FLOOD_CLIENTS members, 5 of them sending paced messages; delivery latency p50/p99 at
 *   the others, alone and while one member floods (sends and history reads as fast as its socket
 *   drains) against the host's default flood and read limits.
 *
 * Bounded: every step has a deadline and the whole run stops after TIMEOUT_S (600).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ReferenceServer } from '../../src/server';
import type { ClientCommand, ClientReport } from './clients';

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const CROWD_SIZE = Number(process.env.CROWD_SIZE ?? 100);
const IDLE = (process.env.IDLE ?? '1000,5000').split(',').map(Number);
const FLOOD_CLIENTS = Number(process.env.FLOOD_CLIENTS ?? 200);
const PARTS = new Set((process.env.PART ?? 'snapshot,connect,join,memory,flood').split(','));
const TOTAL_TIMEOUT_MS = Number(process.env.TIMEOUT_S ?? 600) * 1000;
const STEP_TIMEOUT_MS = 180_000;
const ROOM = 'crowd';
const SECRET = 'bench-secret-bench-secret-bench-secret';

/** A child process of clients, and one answer per command. */
class Clients {
  private readonly child: ChildProcess;
  private waiting: ((report: ClientReport) => void) | null = null;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (report: ClientReport) => {
      if (report.type === 'error') {
        console.error(`clients: ${report.message}`);
        return;
      }
      const resolve = this.waiting;
      this.waiting = null;
      resolve?.(report);
    });
  }

  ask<T extends ClientReport['type']>(command: ClientCommand, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<Extract<ClientReport, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiting = (report) => {
        clearTimeout(timer);
        resolve(report as Extract<ClientReport, { type: T }>);
      };
      this.child.send(command);
    });
  }

  async close(): Promise<void> {
    await this.ask({ type: 'close' }, 'close', 30_000).catch(() => {});
    this.child.kill();
  }
}

interface Crowd {
  server: ReferenceServer;
  /** Client URLs (with tokens) of the first `count` people. */
  urls(count: number, from?: number): Promise<string[]>;
  stop(): Promise<void>;
}

/** A host over a reference server with `people` people, the first `members` of them in one room. */
async function crowdHost(people: number, members: number, options: { crowdSize: number; floodLimit?: false }): Promise<Crowd> {
  const { createHost } = await import('../../src/host');
  const { createReferenceServer } = await import('../../src/server');
  const server = createReferenceServer({
    limits: { maxMembersPerRoom: people + 10 },
    crowdSize: options.crowdSize,
    ...(options.floodLimit === false ? { floodLimit: false, readLimit: false } : {}),
  });
  let stopping = false;
  const host = createHost({
    port: 0,
    secret: SECRET,
    server,
    uploads: false,
    heartbeatIntervalMs: 120_000,
    onError: (error) => {
      const code = (error as { code?: string }).code;
      if (!stopping && code !== 'EPIPE' && code !== 'ECONNRESET') console.error(error);
    },
  });
  const ids = Array.from({ length: people }, (_, index) => `u${index}`);
  for (const id of ids) server.upsertUser({ id, name: `Person ${id}` });
  server.createRoom({ id: ROOM, name: 'Town hall', kind: 'public', createdBy: ids[0]! });
  for (const id of ids.slice(1, members)) {
    const joined = server.actAs(id, { type: 'room.join', roomId: ROOM });
    if (!joined.ok) throw joined.error;
  }
  const { url } = await host.listen();
  return {
    server,
    urls: (count, from = 0) => Promise.all(ids.slice(from, from + count).map(async (id) => `${url}?token=${await host.signToken(id, 3600)}`)),
    stop: () => {
      stopping = true;
      return host.close();
    },
  };
}

/** A bare `ws` server: a hello on connection; a join answered with `answer` and `broadcast` sent to everyone who joined before. */
async function bareServer(answer: string, broadcast: string): Promise<{ urls(count: number): string[]; stop(): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  // Who joined so far: each join is told to them, as the host tells a room's members.
  const joined = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    socket.send('{"kind":"hello"}');
    socket.on('message', (data: RawData) => {
      // Parsed as the host parses a request, so the comparison is the host's rules, not JSON.
      const frame = JSON.parse(data.toString()) as { id: string };
      for (const member of joined) if (member.readyState === WebSocket.OPEN) member.send(broadcast);
      joined.add(socket);
      socket.send(answer.replace('"id":"join"', `"id":${JSON.stringify(frame.id)}`));
    });
    socket.on('close', () => joined.delete(socket));
  });
  const { port } = wss.address() as { port: number };
  return {
    urls: (count) => Array.from({ length: count }, () => `ws://127.0.0.1:${port}/`),
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function snapshotBytes(server: ReferenceServer, userId: string): { bytes: number; members: number; users: number } {
  const session = server.connect(userId, () => {});
  const snapshot = session.snapshot();
  session.close();
  const room = snapshot.rooms.find((item) => item.id === ROOM);
  return { bytes: Buffer.byteLength(JSON.stringify({ kind: 'session', snapshot })), members: room?.members.length ?? 0, users: snapshot.users.length };
}

async function partSnapshot(): Promise<void> {
  console.log(`\n## snapshot: one member of a ${CLIENTS}-member room`);
  const rows = [];
  for (const crowdSize of [CROWD_SIZE, Infinity]) {
    const crowd = await crowdHost(CLIENTS, CLIENTS, { crowdSize });
    const size = snapshotBytes(crowd.server, 'u1');
    rows.push({ crowdSize: String(crowdSize), 'session frame': kb(size.bytes), 'members listed': size.members, 'profiles sent': size.users });
    await crowd.stop();
  }
  console.table(rows);
}

async function timed(urls: string[], joinRoom: string | undefined, what: string): Promise<Extract<ClientReport, { type: 'connected' }>> {
  const clients = new Clients();
  try {
    return await clients.ask<'connected'>({ type: 'connect', urls, ...(joinRoom !== undefined ? { joinRoom } : {}) }, what);
  } finally {
    await clients.close();
  }
}

async function partConnect(): Promise<void> {
  console.log(`\n## connect: ${CLIENTS} members of one room connect at once (until every snapshot arrived)`);
  const rows = [];
  for (const crowdSize of [CROWD_SIZE, Infinity]) {
    const crowd = await crowdHost(CLIENTS, CLIENTS, { crowdSize });
    const done = await timed(await crowd.urls(CLIENTS), undefined, `connect crowdSize ${crowdSize}`);
    rows.push({ server: `host, crowdSize ${crowdSize}`, time: seconds(done.ms), 'first frame': kb(done.firstFrameBytes), 'received in all': kb(done.bytes) });
    await crowd.stop();
  }
  const bare = await bareServer('', '');
  const done = await timed(bare.urls(CLIENTS), undefined, 'connect bare');
  rows.push({ server: 'bare ws (hello)', time: seconds(done.ms), 'first frame': kb(done.firstFrameBytes), 'received in all': kb(done.bytes) });
  await bare.stop();
  console.table(rows);
}

async function partJoin(): Promise<void> {
  console.log(`\n## join: ${CLIENTS} people connect and each joins one room (its members are told of each)`);
  const crowd = await crowdHost(CLIENTS + 1, 1, { crowdSize: CROWD_SIZE, floodLimit: false });
  // The bare server answers and broadcasts frames of the sizes the host sends for a crowd.
  const joined = crowd.server.actAs('u1', { type: 'room.join', roomId: ROOM });
  if (!joined.ok) throw joined.error;
  crowd.server.actAs('u1', { type: 'room.leave', roomId: ROOM });
  const answer = JSON.stringify({ kind: 'result', id: 'join', ok: true, value: joined.value });
  const broadcast = JSON.stringify({ kind: 'event', event: { type: 'room.updated', room: joined.value } });
  const rows = [];
  const host = await timed(await crowd.urls(CLIENTS, 1), ROOM, 'join host');
  rows.push({ server: `host, crowdSize ${CROWD_SIZE}`, time: seconds(host.ms), frames: host.frames, 'received in all': kb(host.bytes) });
  await crowd.stop();
  const bare = await bareServer(answer, broadcast);
  const done = await timed(bare.urls(CLIENTS), ROOM, 'join bare');
  rows.push({ server: 'bare ws (same answer and broadcast)', time: seconds(done.ms), frames: done.frames, 'received in all': kb(done.bytes) });
  await bare.stop();
  console.table(rows);
}

function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function measuredMemory(): Promise<{ rss: number; heap: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await settle(100);
  }
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed + usage.external + usage.arrayBuffers };
}

async function partMemory(): Promise<void> {
  console.log(`\n## memory: idle members of one room connected (crowdSize ${CROWD_SIZE})`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(no --expose-gc: numbers include garbage)');
  const rows = [];
  for (const count of IDLE) {
    const crowd = await crowdHost(count, count, { crowdSize: CROWD_SIZE });
    const urls = await crowd.urls(count);
    const before = await measuredMemory();
    const clients = new Clients();
    const done = await clients.ask<'connected'>({ type: 'connect', urls }, `memory ${count}`);
    await settle(1000);
    const after = await measuredMemory();
    rows.push({
      clients: count,
      'connected in': seconds(done.ms),
      'RSS growth': `${((after.rss - before.rss) / 1024 / 1024).toFixed(1)} MB`,
      'RSS per connection': kb((after.rss - before.rss) / count),
      'heap+buffers per connection': kb((after.heap - before.heap) / count),
    });
    await clients.close();
    await crowd.stop();
    await settle(500);
  }
  console.table(rows);
}

async function partFlood(): Promise<void> {
  console.log(`\n## flood: ${FLOOD_CLIENTS} members, 5 paced senders (50 messages, one every 100 ms); latency at the others, default flood and read limits`);
  const crowd = await crowdHost(FLOOD_CLIENTS + 1, FLOOD_CLIENTS + 1, { crowdSize: CROWD_SIZE });
  const listeners = new Clients();
  const flooder = new Clients();
  await listeners.ask<'connected'>({ type: 'connect', urls: await crowd.urls(FLOOD_CLIENTS, 1) }, 'flood listeners');
  await flooder.ask<'connected'>({ type: 'connect', urls: await crowd.urls(1, 0) }, 'flooder');
  const listen = (tag: string) =>
    listeners.ask<'listened'>({ type: 'listen', tag, senders: 5, perSender: 10, paceMs: 100, expected: 50 * FLOOD_CLIENTS }, `listen ${tag}`);
  const rows = [];
  const row = (phase: string, report: Extract<ClientReport, { type: 'listened' }>, extra: Record<string, unknown> = {}) => {
    const sorted = [...report.latencies].sort((a, b) => a - b);
    return { phase, deliveries: `${report.received} / ${50 * FLOOD_CLIENTS}`, 'p50 ms': percentile(sorted, 50).toFixed(1), 'p99 ms': percentile(sorted, 99).toFixed(1), 'max ms': (sorted[sorted.length - 1] ?? NaN).toFixed(1), ...extra };
  };
  await listen('warm');
  rows.push(row('alone', await listen('alone')));
  const flood = flooder.ask<'flooded'>({ type: 'flood', roomId: ROOM, ms: 6000 }, 'flood');
  const during = await listen('flooded');
  const flooded = await flood;
  rows.push(row('one member flooding', during, { 'flooder sent': flooded.sent, accepted: flooded.accepted, refused: flooded.refused, 'answers lag s': (flooded.lagMs / 1000).toFixed(1) }));
  await flooder.close();
  await listeners.close();
  await crowd.stop();
  console.table(rows);
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench:crowds did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`);
    process.exit(1);
  }, TOTAL_TIMEOUT_MS);
  deadline.unref();
  console.log(`bench:crowds — CLIENTS ${CLIENTS}, CROWD_SIZE ${CROWD_SIZE}, IDLE ${IDLE.join(',')}, FLOOD_CLIENTS ${FLOOD_CLIENTS}, parts ${[...PARTS].join(',')}, Node ${process.version}`);
  if (PARTS.has('snapshot')) await partSnapshot();
  if (PARTS.has('connect')) await partConnect();
  if (PARTS.has('join')) await partJoin();
  if (PARTS.has('memory')) await partMemory();
  if (PARTS.has('flood')) await partFlood();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
