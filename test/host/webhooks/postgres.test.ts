import { createAdminClient } from '../../../src/admin';
import { createHost, type Host } from '../../../src/host';
import { createPostgresStorage, type PostgresStorage } from '../../../src/host/storage/postgres';
import { createTestDatabase, testPostgresServer } from '../../support/postgres';
import { eventually, startReceiver } from './receiver';

const ADMIN_KEY = 'admin-key-for-webhook-tests';

// Two hosts on one PostgreSQL database share one webhook queue: each hears every change, and the
// endpoint still gets each event once.
describe('webhooks and stats on PostgreSQL', () => {
  let postgres: Awaited<ReturnType<typeof testPostgresServer>>;
  const storages: PostgresStorage[] = [];
  const hosts: Host[] = [];
  beforeAll(async () => {
    postgres = await testPostgresServer();
  });
  afterAll(async () => {
    for (const host of hosts) await host.close();
    for (const storage of storages) await storage.close();
    await postgres?.release();
  });

  it('delivers an event once although both hosts queue it, and counts by SQL', async () => {
    const hooks = await startReceiver();
    try {
      const url = await createTestDatabase(postgres.url);
      const ports: number[] = [];
      for (const hostId of ['a', 'b']) {
        const storage = await createPostgresStorage({ url, hostId });
        storages.push(storage);
        const host = createHost({
          port: 0,
          secret: 'test-secret-for-webhooks',
          adminKey: ADMIN_KEY,
          storage,
          floodLimit: false,
          onError: () => undefined,
          webhooks: { urls: [hooks.url], secret: 'configured-webhook-secret-0123', retryBaseMs: 50, pollIntervalMs: 20 },
        });
        hosts.push(host);
        ports.push((await host.listen()).port);
      }
      const [a, b] = hosts as [Host, Host];
      await a.server.upsertUser({ id: 'ana', name: 'Ana' });
      await a.server.upsertUser({ id: 'bo', name: 'Bo' });
      await a.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
      for (let index = 0; index < 5; index++) {
        const outcome = await (index % 2 === 0 ? a : b).server.actAs(index % 2 === 0 ? 'ana' : 'bo', { type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `message ${index}` });
        expect(outcome.ok).toBe(true);
      }
      await eventually(() => hooks.ofType('message.created').length >= 5, 10_000, 'five messages');
      await a.webhooks!.idle();
      await b.webhooks!.idle();
      await eventually(async () => (await a.webhooks!.depth()) === 0, 10_000, 'an empty queue');
      expect(hooks.ofType('message.created').map((request) => (request.event.data as { message: { text: string } }).message.text).sort()).toEqual([0, 1, 2, 3, 4].map((n) => `message ${n}`));
      expect(new Set(hooks.received.map((request) => request.event.id)).size).toBe(hooks.received.length);

      const stats = await createAdminClient({ url: `http://127.0.0.1:${ports[1]}`, adminKey: ADMIN_KEY }).getStats({ days: 1 });
      expect(stats).toEqual({ days: [{ date: new Date().toISOString().slice(0, 10), messages: 5, activeUsers: 2 }], users: 2, rooms: { total: 1, public: 1, private: 0, direct: 0 } });
    } finally {
      await hooks.close();
    }
  });
});
