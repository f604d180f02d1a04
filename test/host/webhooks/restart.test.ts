import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminClient, verifyWebhookSignature } from '../../../src/admin';
import { createHost } from '../../../src/host';
import { createSqliteStorage } from '../../../src/host/storage/sqlite';
import { eventually, startReceiver } from './receiver';

const SECRET = 'test-secret-for-webhooks';
const ADMIN_KEY = 'admin-key-for-webhook-tests';
const WEBHOOK_SECRET = 'configured-webhook-secret-0123';

describe('the webhook queue on SQLite', () => {
  let directory = '';
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'confab-webhooks-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps an undelivered event across a host restart and delivers it after, with its log', async () => {
    let accepting = false;
    const hooks = await startReceiver(() => (accepting ? 204 : 503));
    try {
      const hostOf = async () => {
        const storage = await createSqliteStorage({ directory, durable: false });
        const host = createHost({
          port: 0,
          secret: SECRET,
          adminKey: ADMIN_KEY,
          storage,
          onError: () => undefined,
          webhooks: { urls: [hooks.url], secret: WEBHOOK_SECRET, retryBaseMs: 100, pollIntervalMs: 20 },
        });
        const { port } = await host.listen();
        return { host, storage, admin: createAdminClient({ url: `http://127.0.0.1:${port}`, adminKey: ADMIN_KEY }) };
      };

      const first = await hostOf();
      await first.host.server.upsertUser({ id: 'ana', name: 'Ana' });
      await first.host.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana' });
      const sent = await first.host.server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'kept for later' });
      expect(sent.ok).toBe(true);
      await eventually(() => hooks.ofType('message.created').length >= 1, 5000, 'a refused attempt');
      await eventually(async () => (await first.admin.listWebhookAttempts()).attempts.some((attempt) => attempt.eventType === 'message.created'), 5000, 'the log');
      expect(await first.host.webhooks!.depth()).toBeGreaterThan(0);
      await first.host.close();
      first.storage.close();

      accepting = true;
      const refused = hooks.ofType('message.created').length;
      const second = await hostOf();
      try {
        await eventually(() => hooks.ofType('message.created').length > refused, 5000, 'the delivery after the restart');
        const delivered = hooks.ofType('message.created').at(-1)!;
        expect(delivered.event.data).toMatchObject({ message: { text: 'kept for later' } });
        expect(verifyWebhookSignature({ body: delivered.body, header: delivered.headers['confab-signature'], secret: WEBHOOK_SECRET })).toBe(true);
        // The same event as before the restart: a receiver can drop a duplicate by its id.
        expect(new Set(hooks.ofType('message.created').map((request) => request.event.id)).size).toBe(1);
        await eventually(async () => (await second.host.webhooks!.depth()) === 0, 5000, 'an empty queue');
        const { attempts } = await second.admin.listWebhookAttempts();
        const forMessage = attempts.filter((attempt) => attempt.eventType === 'message.created');
        expect(forMessage[0]).toMatchObject({ status: 204, outcome: 'delivered' });
        expect(forMessage.slice(1).every((attempt) => attempt.status === 503 && attempt.outcome === 'retrying')).toBe(true);
        expect(forMessage.length).toBe(refused + 1);
      } finally {
        await second.host.close();
        second.storage.close();
      }
    } finally {
      await hooks.close();
    }
  });
});
