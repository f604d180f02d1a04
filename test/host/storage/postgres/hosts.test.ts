import pg from 'pg';
import type { Delivery } from '../../../../src/server';
import type { AsyncStorage } from '../../../../src/server';
import { createPostgresStorage } from '../../../../src/host/storage/postgres';
import { createTestDatabase, testPostgresServer } from '../../../support/postgres';
import { person, seedRoom, send } from './fixtures';

// Two engines on one database stand for two hosts behind one address.
let server: Awaited<ReturnType<typeof testPostgresServer>>;
let url: string;
let hostA: AsyncStorage;
let hostB: AsyncStorage;
const received: Record<'a' | 'b', Delivery[][]> = { a: [], b: [] };

beforeAll(async () => {
  server = await testPostgresServer();
  url = await createTestDatabase(server.url);
  hostA = await createPostgresStorage({ url, hostId: 'host-a' });
  hostB = await createPostgresStorage({ url, hostId: 'host-b' });
  hostA.subscribe((deliveries) => received.a.push([...deliveries]));
  hostB.subscribe((deliveries) => received.b.push([...deliveries]));
});

afterAll(async () => {
  await hostA?.close();
  await hostB?.close();
  await server?.release();
});

function createdSequences(batches: Delivery[][], roomId: string): number[] {
  return batches.flat().flatMap(({ event }) => (event.type === 'message.created' && event.message.roomId === roomId ? [event.message.sequence] : []));
}

describe('PostgreSQL storage on several hosts', () => {
  it('keeps one epoch for every host of a database', () => {
    expect(hostA.epoch).toMatch(/^[0-9a-f-]{36}$/);
    expect(hostB.epoch).toBe(hostA.epoch);
  });

  it('gives 20 concurrent writers per room on two hosts gap-free sequences, each client id stored once, delivered in commit order to both', async () => {
    const writers = Array.from({ length: 20 }, (_, index) => `w${index}`);
    await seedRoom(hostA, 'busy', writers);
    await seedRoom(hostB, 'calm', writers);
    const sends: Promise<unknown>[] = [];
    for (const [index, writer] of writers.entries()) {
      for (let n = 0; n < 5; n++) {
        const clientId = `${writer}-c${n}`;
        for (const roomId of ['busy', 'calm']) {
          // Each send goes to one host and, as a retry would, again to the other.
          const [first, second] = index % 2 === 0 ? [hostA, hostB] : [hostB, hostA];
          sends.push(first.transaction((tx) => send(tx, roomId, writer, clientId, `${writer} says ${n}`)));
          sends.push(second.transaction((tx) => send(tx, roomId, writer, clientId, `${writer} says ${n}`)));
        }
      }
    }
    const results = await Promise.all(sends);
    expect(results).toHaveLength(400);

    for (const roomId of ['busy', 'calm']) {
      const stored = await hostA.transaction((tx) => tx.messagesBetween(roomId, 1, 1000), { readOnly: true });
      expect(stored.map((message) => message.sequence)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
      const clientIds = stored.map((message) => `${message.authorId}/${message.clientId}`);
      expect(new Set(clientIds).size).toBe(100);
      const room = await hostB.transaction((tx) => tx.getRoom(roomId), { readOnly: true });
      expect(room?.lastSequence).toBe(100);
      // Every host saw every message once, in sequence (= commit) order.
      expect(createdSequences(received.a, roomId)).toEqual(stored.map((message) => message.sequence));
      expect(createdSequences(received.b, roomId)).toEqual(stored.map((message) => message.sequence));
    }
  });

  it('delivers a transaction’s events to its own host before the transaction resolves', async () => {
    await seedRoom(hostA, 'order', ['ana', 'bo']);
    const before = received.a.length;
    const message = await hostA.transaction((tx) => send(tx, 'order', 'ana', 'c-1', 'hello'));
    expect(createdSequences(received.a.slice(before), 'order')).toEqual([message.sequence]);
  });

  it('carries deliveries larger than a NOTIFY payload through the payload table', async () => {
    await seedRoom(hostA, 'large', ['ana', 'bo']);
    const text = 'x'.repeat(20_000);
    const arrivedOnB = new Promise<Delivery[]>((resolve) => {
      const stop = hostB.subscribe((deliveries) => {
        if (deliveries.some(({ event }) => event.type === 'message.created' && event.message.roomId === 'large')) {
          stop();
          resolve([...deliveries]);
        }
      });
    });
    await hostA.transaction((tx) => send(tx, 'large', 'ana', 'c-big', text));
    const [delivery] = await arrivedOnB;
    expect(delivery?.event.type === 'message.created' && delivery.event.message.text).toBe(text);
    expect(delivery?.userIds).toEqual(['ana', 'bo']);
  });

  it('carries typing (a read-only transaction that only publishes) to the other host', async () => {
    const arrivedOnB = new Promise<Delivery[]>((resolve) => {
      const stop = hostB.subscribe((deliveries) => {
        stop();
        resolve([...deliveries]);
      });
    });
    const typing: Delivery = { userIds: ['bo'], event: { type: 'typing.started', roomId: 'order', userId: 'ana', ttlMs: 3000 } };
    await hostA.transaction((tx) => tx.publish([typing]), { readOnly: true });
    expect(await arrivedOnB).toEqual([typing]);
  });

  it('counts sessions across hosts, and stops counting a host whose heartbeat lapsed', async () => {
    await hostA.transaction((tx) => tx.putUser(person('cy')));
    expect(await hostA.transaction((tx) => tx.openSession('cy'))).toBe(1);
    expect(await hostB.transaction((tx) => tx.openSession('cy'))).toBe(2);
    expect(await hostB.transaction((tx) => tx.openSession('cy'))).toBe(3);
    expect(await hostA.transaction((tx) => tx.closeSession('cy'))).toBe(2);

    // A host that died without cleaning up: its sessions count while its heartbeat is fresh.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("INSERT INTO confab_hosts (host_id, heartbeat_at) VALUES ('ghost', now() - interval '1 hour')");
      await client.query("INSERT INTO confab_host_sessions (host_id, user_id, sessions) VALUES ('ghost', 'cy', 4)");
      expect(await hostA.transaction((tx) => tx.openSession('cy'))).toBe(3);
      await client.query("UPDATE confab_hosts SET heartbeat_at = now() WHERE host_id = 'ghost'");
      expect(await hostA.transaction((tx) => tx.closeSession('cy'))).toBe(6);
      // A host that is alive but slow to beat still counts its own sessions itself.
      await client.query("UPDATE confab_hosts SET heartbeat_at = now() - interval '30 seconds' WHERE host_id IN ('host-a', 'ghost')");
      expect(await hostB.transaction((tx) => tx.openSession('cy'))).toBe(3);
      expect(await hostA.transaction((tx) => tx.openSession('cy'))).toBe(4);
    } finally {
      await client.end();
    }
  });

  it('stops counting a host’s sessions when it closes, and cleans its rows when it starts again', async () => {
    const hostC = await createPostgresStorage({ url, hostId: 'host-c' });
    await hostC.transaction((tx) => tx.putUser(person('dee')));
    expect(await hostC.transaction((tx) => tx.openSession('dee'))).toBe(1);
    expect(await hostA.transaction((tx) => tx.openSession('dee'))).toBe(2);
    await hostC.close();
    expect(await hostA.transaction((tx) => tx.openSession('dee'))).toBe(2);
    await expect(hostC.transaction((tx) => tx.getUser('dee'))).rejects.toMatchObject({ code: 'unavailable' });
  });
});
