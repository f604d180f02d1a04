import pg from 'pg';
import { ChatError } from '../../../../src/protocol';
import type { AsyncStorage, Delivery } from '../../../../src/server';
import { createPostgresStorage } from '../../../../src/host/storage/postgres';
import { MIGRATION_TABLE } from '../../../../src/host/storage/sql';
import { createTestDatabase, startPostgres, type TestPostgres } from '../../../support/postgres';
import { seedRoom, send } from './fixtures';

// This file stops and starts its PostgreSQL, so it runs one of its own rather than the shared one.
let postgres: TestPostgres;
let url: string;
let hostA: AsyncStorage;
let hostB: AsyncStorage;

beforeAll(async () => {
  postgres = await startPostgres();
  url = await createTestDatabase(postgres.url);
  hostA = await createPostgresStorage({ url, hostId: 'host-a' });
  hostB = await createPostgresStorage({ url, hostId: 'host-b' });
  await seedRoom(hostA, 'general', ['ana', 'bo']);
});

afterAll(async () => {
  await hostA?.close();
  await hostB?.close();
  await postgres?.stop();
});

async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('PostgreSQL storage when the database goes away', () => {
  it('rejects with unavailable while PostgreSQL is down, stores nothing, and recovers (pool and listener) when it is back', async () => {
    const first = await hostA.transaction((tx) => send(tx, 'general', 'ana', 'c-1', 'before'));
    expect(first.sequence).toBe(1);

    await postgres.pause();
    const failed = hostA.transaction((tx) => send(tx, 'general', 'ana', 'c-2', 'while down'));
    await expect(failed).rejects.toBeInstanceOf(ChatError);
    await expect(failed).rejects.toMatchObject({ code: 'unavailable', message: 'The database is not reachable; nothing was stored.' });
    await expect(hostB.transaction((tx) => tx.getRoom('general'), { readOnly: true })).rejects.toMatchObject({ code: 'unavailable' });

    await postgres.start();
    // The client resends by client id once the host answers again: stored once, right after the first.
    const resent = await eventually(() => hostA.transaction((tx) => send(tx, 'general', 'ana', 'c-2', 'while down')));
    expect(resent.sequence).toBe(2);

    // The listener of host B reconnects (with backoff): typing from host A reaches it again.
    const typing: Delivery = { userIds: ['bo'], event: { type: 'typing.started', roomId: 'general', userId: 'ana', ttlMs: 1000 } };
    const seenOnB: Delivery[][] = [];
    const stop = hostB.subscribe((deliveries) => seenOnB.push([...deliveries]));
    await eventually(async () => {
      await hostA.transaction((tx) => tx.publish([typing]), { readOnly: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (seenOnB.length === 0) throw new Error('host B does not listen yet');
    });
    const third = await hostA.transaction((tx) => send(tx, 'general', 'ana', 'c-3', 'after'));
    expect(third.sequence).toBe(3);
    await eventually(async () => {
      if (!seenOnB.flat().some(({ event }) => event.type === 'message.created' && event.message.sequence === 3)) throw new Error('not on host B yet');
    });
    stop();
    const stored = await hostB.transaction((tx) => tx.messagesBetween('general', 1, 10), { readOnly: true });
    expect(stored.map((message) => message.text)).toEqual(['before', 'while down', 'after']);
  });

  it('refuses, with a clear error, a database written by a newer confab-server', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES ('9999_from_the_future', now())`);
    } finally {
      await client.end();
    }
    await expect(createPostgresStorage({ url })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('was written by a newer confab-server (schema 9999_from_the_future)'),
    });
  });

  it('says which database it cannot reach when it starts', async () => {
    const nowhere = new URL(url);
    nowhere.port = '1';
    nowhere.password = 'secret';
    const error = await createPostgresStorage({ url: nowhere.toString() }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('secret');
  });
});
