/**
 * Part of `npm run bench:storage`: several hosts on one PostgreSQL against one host.
 *
 * 300 clients (people) in 30 rooms of 10, spread over the hosts by index. Every client sends
 * SENDS_PER_CLIENT messages one after the other, all clients at once; each send is the rules' send
 * (lock the room, idempotency lookup, insert, update the room, publish to the members). Each host
 * is its own process with its own engine, and counts the events that reach its own clients
 * through the bus. Printed per setup: sends per second, events delivered per second (to the
 * clients of every host), send p50/p99, and whether every host saw every room's messages in
 * sequence order with no gap and nothing twice (identical results).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Message } from '../src/protocol';
import { createPostgresStorage } from '../src/host/storage/postgres';
import { createTestDatabase, type TestPostgres } from '../test/support/postgres';

const CLIENTS = 300;
const ROOM_SIZE = 10;
const ROOMS = CLIENTS / ROOM_SIZE;
const SENDS_PER_CLIENT = Number(process.env.SENDS_PER_CLIENT ?? 10);

const clientId = (index: number) => `p${index}`;
const roomOf = (index: number) => `room${Math.floor(index / ROOM_SIZE)}`;

interface HostReport {
  host: number;
  sends: number[];
  elapsedMs: number;
  /** Events that reached this host's clients. */
  events: number;
  /** Per room, the sequences this host received, in arrival order. */
  sequences: Record<string, number[]>;
}

/** One host process: its share of the clients send, it counts what reaches them. */
export async function runHost(url: string, host: number, hosts: number): Promise<void> {
  const storage = await createPostgresStorage({ url, hostId: `bench-host-${host}`, poolSize: 10 });
  const local = new Set(Array.from({ length: CLIENTS }, (_, index) => index).filter((index) => index % hosts === host).map(clientId));
  const expected = CLIENTS * SENDS_PER_CLIENT * (ROOM_SIZE / hosts);
  let events = 0;
  const sequences: Record<string, number[]> = {};
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (allArrived = resolve));
  storage.subscribe((deliveries) => {
    for (const { userIds, event } of deliveries) {
      if (event.type !== 'message.created') continue;
      (sequences[event.message.roomId] ??= []).push(event.message.sequence);
      events += userIds.filter((userId) => local.has(userId)).length;
    }
    if (events >= expected) allArrived();
  });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));

  const started = performance.now();
  const sends: number[] = [];
  await Promise.all(
    [...local].map(async (authorId) => {
      const roomId = roomOf(Number(authorId.slice(1)));
      for (let n = 0; n < SENDS_PER_CLIENT; n++) {
        const sendStarted = performance.now();
        await storage.transaction((tx) => {
          const room = tx.getRoom(roomId);
          if (!room) throw new Error(`no room ${roomId}`);
          const existing = tx.getMessageByClientId(roomId, authorId, `${authorId}-${n}`);
          if (existing) return existing;
          const sequence = room.lastSequence + 1;
          const message: Message = {
            id: `${roomId}-${sequence}`,
            clientId: `${authorId}-${n}`,
            roomId,
            sequence,
            authorId,
            text: `message ${n} from ${authorId}`,
            attachments: [],
            mentions: [],
            reactions: [],
            replyCount: 0,
            createdAt: Date.now(),
          };
          tx.insertMessage(message);
          tx.updateRoom(roomId, { lastSequence: sequence, lastActivityAt: message.createdAt });
          tx.publish([{ userIds: room.members.map((member) => member.userId), event: { type: 'message.created', message } }]);
          return message;
        });
        sends.push(performance.now() - sendStarted);
      }
    }),
  );
  await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  const report: HostReport = { host, sends, elapsedMs: performance.now() - started, events, sequences };
  await storage.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function seed(url: string): Promise<void> {
  const storage = await createPostgresStorage({ url });
  await storage.transaction((tx) => {
    for (let index = 0; index < CLIENTS; index++) tx.putUser({ id: clientId(index), name: clientId(index), presence: { state: 'offline' } });
    for (let room = 0; room < ROOMS; room++) {
      const id = `room${room}`;
      tx.insertRoom({ id, name: id, kind: 'public', createdBy: clientId(room * ROOM_SIZE), createdAt: 0, lastActivityAt: 0, lastSequence: 0 });
      for (let member = 0; member < ROOM_SIZE; member++) tx.putMember(id, { userId: clientId(room * ROOM_SIZE + member), role: 'member', joinedAt: member });
    }
  });
  await storage.close();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function runSetup(server: TestPostgres, hosts: number, benchFile: string) {
  const url = await createTestDatabase(server.url, 'confab_hosts');
  await seed(url);
  const children = Array.from({ length: hosts }, (_, host) =>
    spawn(process.execPath, ['--import', 'tsx', benchFile, '--host', url, String(host), String(hosts)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const lines = children.map((child) => createInterface({ input: child.stdout! }));
  const ready = lines.map((line) => new Promise<void>((resolve) => line.once('line', () => resolve())));
  const reports = lines.map((line) => new Promise<HostReport>((resolve) => line.on('line', (text) => text.startsWith('{') && resolve(JSON.parse(text) as HostReport))));
  await Promise.all(ready);
  for (const child of children) child.stdin!.write('go\n');
  const all = await Promise.all(reports);
  const elapsedS = Math.max(...all.map((report) => report.elapsedMs)) / 1000;
  const sends = all.flatMap((report) => report.sends).sort((a, b) => a - b);
  const events = all.reduce((sum, report) => sum + report.events, 0);
  const inOrder = Array.from({ length: SENDS_PER_CLIENT * ROOM_SIZE }, (_, index) => index + 1).join(',');
  const identical = all.every((report) => Array.from({ length: ROOMS }, (_, room) => report.sequences[`room${room}`]?.join(',') === inOrder).every(Boolean));
  return { hosts, sendsPerS: sends.length / elapsedS, eventsPerS: events / elapsedS, events, p50: percentile(sends, 50), p99: percentile(sends, 99), identical };
}

/**
 * The bus alone: host A publishes (a read-only transaction, as typing does), host B's subscriber
 * notes when it arrives. Small payloads ride in the NOTIFY; large ones (over 7,000 bytes) in a
 * row the notification names.
 */
async function benchBus(server: TestPostgres): Promise<void> {
  const url = await createTestDatabase(server.url, 'confab_bus');
  const hostA = await createPostgresStorage({ url, hostId: 'bus-a' });
  const hostB = await createPostgresStorage({ url, hostId: 'bus-b' });
  try {
    for (const [label, bytes] of [
      ['200 B', 200],
      ['20 KB', 20_000],
    ] as const) {
      const latencies: number[] = [];
      let arrived: () => void = () => undefined;
      const stop = hostB.subscribe((deliveries) => {
        const event = deliveries[0]?.event;
        if (event?.type === 'typing.started') latencies.push(performance.now() - Number(event.roomId.split('-')[1]));
        arrived();
      });
      const filler = 'x'.repeat(bytes);
      for (let index = 0; index < 300; index++) {
        const received = new Promise<void>((resolve) => (arrived = resolve));
        const sentAt = performance.now();
        await hostA.transaction((tx) => tx.publish([{ userIds: [filler], event: { type: 'typing.started', roomId: `t-${sentAt}`, userId: 'ana', ttlMs: 1 } }]), { readOnly: true });
        await received;
      }
      stop();
      latencies.sort((a, b) => a - b);
      console.log(`  bus host A → host B, ${label} payload: p50 ${percentile(latencies, 50).toFixed(2)} ms   p99 ${percentile(latencies, 99).toFixed(2)} ms`);
    }
  } finally {
    await hostA.close();
    await hostB.close();
  }
}

/** Runs one host and three hosts on the same server; prints both and their ratio. */
export async function benchHosts(server: TestPostgres, benchFile: string): Promise<void> {
  console.log('\npostgres LISTEN/NOTIFY');
  await benchBus(server);
  const one = await runSetup(server, 1, benchFile);
  const three = await runSetup(server, 3, benchFile);
  console.log(`\npostgres hosts: ${CLIENTS} clients in ${ROOMS} rooms of ${ROOM_SIZE}, ${SENDS_PER_CLIENT} sends each, all at once`);
  for (const result of [one, three]) {
    console.log(
      `  ${result.hosts} host${result.hosts === 1 ? ' ' : 's'}  ${result.sendsPerS.toFixed(0)} sends/s   ${result.eventsPerS.toFixed(0)} events delivered/s   send p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   every host saw every room in order, once: ${result.identical ? 'yes' : 'NO'}`,
    );
  }
  const ratio = three.eventsPerS / one.eventsPerS;
  console.log(`  three hosts / one host: ${ratio.toFixed(2)}× (goal ≥ 0.8×: ${ratio >= 0.8 ? 'ok' : 'UNDER'})`);
}
