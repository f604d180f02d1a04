import { WebSocket } from 'ws';
import { createChatClient, selectGaps, type ChatClient } from '../../src/core';
import type { Message } from '../../src/protocol';
import { createHost } from '../../src/host';
import { createChatServer, createMemoryStorage, type ChatServerOptions } from '../../src/server';
import { createWebSocketTransport } from '../../src/transports/websocket';
import { mulberry32, withChaos, type ChaosTransport } from '../helpers/chaos';
import { openTestStorage, type TestStorageKind } from '../support/storage';
import { PEOPLE, pendingOf, SECRET, sleep, timelineOf, until } from './wsHelpers';

/** ana, bo and chen in `general`, on a server over the given storage, behind a host on a random port. */
async function startHost(engine: TestStorageKind, options: Omit<ChatServerOptions, 'storage'>) {
  const storage = engine === 'memory' ? createMemoryStorage() : await openTestStorage(engine);
  const server = createChatServer({ ...options, storage });
  for (const id of PEOPLE) await server.upsertUser({ id, name: id.toUpperCase() });
  await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: [...PEOPLE] });
  const host = createHost({ port: 0, secret: SECRET, heartbeatIntervalMs: 60_000, onError: () => {}, server });
  const { url } = await host.listen();
  return { host, server, url };
}

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: ChatClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await running?.host.close();
  running = null;
});

const ROOMS = ['general', 'random'] as const;

describe('chaos over the WebSocket transport', () => {
  it('mulberry32 is deterministic', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(first[0]);
  });

  // Every seed on memory; one seed each on a host that keeps its data in SQLite and in PostgreSQL.
  const runs = [...[1, 2, 3].map((seed) => ({ seed, engine: 'memory' as const })), { seed: 4, engine: 'sqlite' as const }, { seed: 5, engine: 'postgres' as const }];
  for (const { seed, engine } of runs) {
    it(`loses nothing, duplicates nothing and keeps each room's order (seed ${seed}, ${engine} storage)`, async () => {
      // The flood limit is on (tight, so it refuses often): limits and faults together must not reorder anyone's sends.
      running = await startHost(engine, { floodLimit: { capacity: 5, refillPerSecond: 50 } });
      const { url, host, server } = running;
      await server.createRoom({ id: 'random', name: 'random', kind: 'public', createdBy: 'bo', memberIds: [...PEOPLE] });
      for (const roomId of ROOMS) await server.actAs('ana', { type: 'message.send', roomId, clientId: `seed-${roomId}`, text: 'first' });

      const people = PEOPLE.map((userId, index) => {
        const socket = createWebSocketTransport({
          url,
          WebSocket,
          tokenProvider: () => host.signToken(userId),
          backoff: { baseMs: 10, maxMs: 50 },
          requestTimeoutMs: 3000,
          random: mulberry32(seed * 100 + index + 50),
          onError: () => {},
        });
        const chaos: ChaosTransport = withChaos(socket, {
          seed: seed * 100 + index,
          disconnect: () => socket.reconnectNow(),
          dropBefore: 0.06,
          dropAfter: 0.06,
          duplicate: 0.25,
          reorderWindow: 4,
          reorderMs: 3,
          disconnectRate: 0.01,
        });
        void chaos.setEnabled(false);
        const client = createChatClient({ transport: chaos, onError: () => {} });
        clients.push(client);
        return { userId, client, chaos, random: mulberry32(seed * 1000 + index) };
      });

      await Promise.all(people.map((p) => p.client.connect()));
      for (const p of people) for (const roomId of ROOMS) await p.client.loadOlder(roomId);
      for (const p of people) void p.chaos.setEnabled(true);

      // Everyone sends 20 messages into the two rooms, interleaved, with seeded pauses.
      const PER_PERSON = 20;
      const sends: Promise<Message>[] = [];
      const sentTexts: Record<string, string[]> = { general: [], random: [] };
      await Promise.all(
        people.map(async (p, index) => {
          for (let k = 0; k < PER_PERSON; k++) {
            const roomId = ROOMS[Math.floor(p.random() * 2)] as string;
            const text = `${p.userId}-${k}`;
            sentTexts[roomId]!.push(text);
            sends.push(p.client.sendMessage(roomId, { text }));
            await sleep(Math.floor(p.random() * 4) + index);
          }
        }),
      );

      // Zero lost: every send is confirmed.
      const confirmed = await Promise.all(sends);
      expect(confirmed).toHaveLength(PER_PERSON * PEOPLE.length);
      await Promise.all(people.map((p) => p.chaos.setEnabled(false)));
      // A last cut may still be reconnecting.
      for (const p of people) await until(() => p.client.store.getState().connection.state === 'online', 5000, `${p.userId} online`);

      // The server holds each exactly once (idempotent retries).
      for (const roomId of ROOMS) expect((await server.getRoom(roomId))?.lastSequence).toBe(sentTexts[roomId]!.length + 1);

      // Every client converges on the server's timeline of every room.
      for (const p of people) {
        for (const roomId of ROOMS) {
          const expected = (await server.getRoom(roomId))!.lastSequence;
          await until(() => timelineOf(p.client, roomId).length >= expected || selectGaps(p.client.store.getState(), roomId).length > 0, 5000, `${p.userId} ${roomId}`);
          for (let i = 0; i < 5 && selectGaps(p.client.store.getState(), roomId).length > 0; i++) await p.client.fillGap(roomId);
          await until(() => timelineOf(p.client, roomId).length === expected, 5000, `${p.userId} ${roomId} converged`);
        }
      }

      const serverOrder = Object.fromEntries(
        await Promise.all(
          ROOMS.map(async (roomId) => {
            const page = await server.actAs('ana', { type: 'message.history', roomId, after: 0, limit: 100 });
            if (!page.ok) throw page.error;
            return [roomId, page.value.messages.map((m) => m.id)] as const;
          }),
        ),
      );
      for (const p of people) {
        for (const roomId of ROOMS) {
          const messages = timelineOf(p.client, roomId);
          // Per-room order is the server's order, sequences without holes, no duplicates.
          expect(messages.map((m) => m.id), `${p.userId} ${roomId}`).toEqual(serverOrder[roomId]);
          expect(messages.map((m) => m.sequence)).toEqual(messages.map((_, i) => i + 1));
          expect(new Set(messages.map((m) => m.clientId)).size).toBe(messages.length);
          expect(messages.slice(1).map((m) => m.text).sort()).toEqual([...sentTexts[roomId]!].sort());
          // Nothing left sending or failed.
          expect(pendingOf(p.client, roomId)).toEqual([]);
        }
        // Each person's own messages in a room keep the order they were written in.
        for (const roomId of ROOMS) {
          const mine = timelineOf(p.client, roomId).filter((m) => m.authorId === p.userId).map((m) => Number(m.text.split('-')[1]));
          expect(mine).toEqual([...mine].sort((a, b) => a - b));
        }
      }

      // The chaos really happened.
      const total = people.reduce(
        (sum, p) => ({
          dropped: sum.dropped + p.chaos.stats.droppedBefore + p.chaos.stats.droppedAfter,
          duplicated: sum.duplicated + p.chaos.stats.duplicated,
          reordered: sum.reordered + p.chaos.stats.reorderedBatches,
          disconnects: sum.disconnects + p.chaos.stats.disconnects,
        }),
        { dropped: 0, duplicated: 0, reordered: 0, disconnects: 0 },
      );
      expect(total.dropped).toBeGreaterThan(0);
      expect(total.duplicated).toBeGreaterThan(0);
      expect(total.reordered).toBeGreaterThan(0);
      expect(total.disconnects).toBeGreaterThan(0);
    }, 30_000);
  }
});
