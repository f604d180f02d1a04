import { createAdminClient, verifyWebhookSignature, type AdminClient } from '../../../src/admin';
import { createHost, type Host, type HostOptions } from '../../../src/host';
import { eventually, startReceiver } from './receiver';

const SECRET = 'test-secret-for-webhooks';
const ADMIN_KEY = 'admin-key-for-webhook-tests';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startWorld(options: Partial<HostOptions> = {}): Promise<{ host: Host; admin: AdminClient; errors: unknown[] }> {
  const errors: unknown[] = [];
  const host = createHost({ port: 0, secret: SECRET, adminKey: ADMIN_KEY, floodLimit: false, onError: (error) => errors.push(error), ...options, webhooks: { retryBaseMs: 50, pollIntervalMs: 20, ...options.webhooks } });
  const { port } = await host.listen();
  cleanups.push(() => host.close());
  for (const id of ['ana', 'bo', 'chen']) await host.server.upsertUser({ id, name: id.toUpperCase() });
  await host.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
  return { host, admin: createAdminClient({ url: `http://127.0.0.1:${port}`, adminKey: ADMIN_KEY }), errors };
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const started = await startReceiver(...args);
  cleanups.push(() => started.close());
  return started;
}

async function send(host: Host, userId: string, command: Record<string, unknown>) {
  const outcome = await host.server.actAs(userId, command as never);
  if (!outcome.ok) throw outcome.error;
  return outcome.value as { id: string; sequence: number };
}

describe('webhook deliveries', () => {
  it('are signed with the endpoint secret and retried with backoff until the receiver accepts them, each attempt logged', async () => {
    const hooks = await receiver((_request, index) => (index < 2 ? 500 : 204));
    const { host, admin } = await startWorld();
    const endpoint = await admin.createWebhook(hooks.url);
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await admin.listWebhooks()).endpoints).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

    await send(host, 'ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hello' });
    await eventually(() => hooks.received.length === 3, 8000, 'three attempts');
    const [first, second, third] = hooks.received;
    expect(new Set(hooks.received.map((request) => request.event.id)).size).toBe(1);
    expect(third!.event).toMatchObject({ type: 'message.created', data: { message: { text: 'Hello', authorId: 'ana' }, actorId: 'ana' } });
    for (const request of hooks.received) {
      expect(verifyWebhookSignature({ body: request.body, header: request.headers['confab-signature'], secret: endpoint.secret })).toBe(true);
      expect(verifyWebhookSignature({ body: request.body, header: request.headers['confab-signature'], secret: 'whsec_not_this_one' })).toBe(false);
    }
    // Backoff from 50 ms, doubling: the first retry waited at least 50 ms, the second at least 100.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(45);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(95);

    await eventually(async () => (await admin.listWebhookAttempts({ endpointId: endpoint.id })).attempts.length === 3, 4000, 'the log');
    const { attempts } = await admin.listWebhookAttempts({ endpointId: endpoint.id });
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.outcome])).toEqual([
      [3, 204, 'delivered'],
      [2, 500, 'retrying'],
      [1, 500, 'retrying'],
    ]);
    expect(attempts[1]!.error).toBe('The endpoint answered 500.');
    expect(await host.webhooks!.depth()).toBe(0);
  });

  it('send one event per server event (not per recipient), named by what happened', async () => {
    const hooks = await receiver();
    const { host, admin } = await startWorld();
    await admin.createWebhook(hooks.url);
    const message = await send(host, 'ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'first', mentions: ['bo'] });
    await send(host, 'bo', { type: 'reaction.toggle', roomId: 'general', messageId: message.id, emoji: '👍' });
    await send(host, 'ana', { type: 'message.edit', roomId: 'general', messageId: message.id, text: 'first, edited' });
    await send(host, 'bo', { type: 'message.send', roomId: 'general', clientId: 'r1', text: 'a reply', parentId: message.id });
    await send(host, 'ana', { type: 'message.delete', roomId: 'general', messageId: message.id });
    await host.server.upsertUser({ id: 'dara', name: 'Dara' });
    await host.server.upsertUser({ id: 'dara', name: 'Dara Lee' });
    await send(host, 'ana', { type: 'room.create', name: 'team', kind: 'private', memberIds: ['bo'] });
    await send(host, 'ana', { type: 'room.addMembers', roomId: 'general', userIds: ['dara'] });
    await send(host, 'ana', { type: 'room.setRole', roomId: 'general', userId: 'bo', role: 'admin' });
    await send(host, 'ana', { type: 'room.removeMembers', roomId: 'general', userIds: ['chen', 'dara'] });
    await send(host, 'ana', { type: 'room.update', roomId: 'general', name: 'lobby' });
    await send(host, 'ana', { type: 'room.delete', roomId: 'general' });

    const expected = ['message.created', 'reaction.updated', 'message.edited', 'message.created', 'message.deleted', 'user.updated', 'room.created', 'member.added', 'member.role_changed', 'member.removed', 'room.updated', 'room.deleted', 'notification.offline'];
    await eventually(() => hooks.received.length >= expected.length, 8000, 'every event');
    await host.webhooks!.idle();
    const types = hooks.received.map((request) => request.event.type);
    expect([...types].sort()).toEqual([...expected].sort());
    expect(hooks.ofType('reaction.updated')[0]!.event.data).toMatchObject({ userId: 'bo', message: { reactions: [{ emoji: '👍', userIds: ['bo'] }] } });
    expect(hooks.ofType('room.created')[0]!.event.data).toMatchObject({ room: { name: 'team', kind: 'private' }, actorId: 'ana' });
    expect(hooks.ofType('user.updated')[0]!.event.data).toMatchObject({ user: { id: 'dara', name: 'Dara Lee' } });
    expect(hooks.ofType('member.added')[0]!.event.data).toMatchObject({ room: { id: 'general' }, userIds: ['dara'], actorId: 'ana' });
    expect(hooks.ofType('member.removed')[0]!.event.data).toMatchObject({ roomId: 'general', userIds: ['chen', 'dara'], reason: 'removed' });
    expect(hooks.ofType('room.updated')[0]!.event.data).toMatchObject({ room: { name: 'lobby' } });
    expect(hooks.ofType('room.deleted')[0]!.event.data).toMatchObject({ roomId: 'general', actorId: 'ana' });
    // bo was mentioned while offline: one push notification for them, and none for anyone else.
    expect(hooks.ofType('notification.offline').map((request) => request.event.data)).toEqual([expect.objectContaining({ userId: 'bo', reason: 'mention' })]);
  });

  it('tell the app about an offline member who was mentioned or got a direct message, never about one who is online', async () => {
    const hooks = await receiver();
    const { host, admin } = await startWorld();
    await admin.createWebhook(hooks.url);
    const chen = await host.server.connect('chen', () => undefined);
    await send(host, 'ana', { type: 'message.send', roomId: 'general', clientId: 'm1', text: '@bo @chen look', mentions: ['bo', 'chen'] });
    const direct = (await host.server.actAs('ana', { type: 'direct.open', userId: 'bo' })) as { ok: true; value: { id: string } };
    await send(host, 'ana', { type: 'message.send', roomId: direct.value.id, clientId: 'd1', text: 'just you' });
    const toChen = (await host.server.actAs('ana', { type: 'direct.open', userId: 'chen' })) as { ok: true; value: { id: string } };
    await send(host, 'ana', { type: 'message.send', roomId: toChen.value.id, clientId: 'd2', text: 'chen is here' });
    // A message without mentions in a room of three notifies nobody.
    await send(host, 'bo', { type: 'message.send', roomId: 'general', clientId: 'm2', text: 'plain' });

    await eventually(() => hooks.ofType('message.created').length === 4, 8000, 'four messages');
    await host.webhooks!.idle();
    await eventually(() => hooks.ofType('notification.offline').length >= 2, 4000, 'two notifications');
    const notifications = hooks.ofType('notification.offline').map((request) => request.event.data as { userId: string; reason: string; message: { text: string } });
    expect(notifications.map(({ userId, reason, message }) => [userId, reason, message.text])).toEqual([
      ['bo', 'mention', '@bo @chen look'],
      ['bo', 'direct', 'just you'],
    ]);
    await chen.close();
  });

  it('to a slow endpoint hold up neither another endpoint nor the chat', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    cleanups.push(async () => release());
    const slow = await receiver(async () => {
      await held;
      return 204;
    });
    const fast = await receiver();
    const { host, admin } = await startWorld();
    await admin.createWebhook(slow.url);
    await admin.createWebhook(fast.url);

    const started = Date.now();
    for (let index = 0; index < 8; index++) {
      const before = Date.now();
      await send(host, 'ana', { type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `message ${index}` });
      expect(Date.now() - before).toBeLessThan(1000);
    }
    await eventually(() => fast.ofType('message.created').length === 8, 5000, 'the fast endpoint to have all eight');
    expect(Date.now() - started).toBeLessThan(5000);
    // The slow one has at most its own few deliveries in flight, the others wait their turn.
    expect(slow.received.length).toBeLessThanOrEqual(4);
    // The fast endpoint's last answer may still be on its way back: its queue empties, the slow one holds all eight.
    await eventually(async () => (await host.webhooks!.depth()) === 8, 5000, 'the queue to hold the slow endpoint’s eight');
    release();
    await eventually(() => slow.ofType('message.created').length === 8, 8000, 'the slow endpoint to catch up');
  });

  it('time out an endpoint that does not answer, logging the error', async () => {
    const silent = await receiver(() => new Promise<number>(() => undefined));
    const { host, admin } = await startWorld({ webhooks: { timeoutMs: 200, retryBaseMs: 60_000 } });
    const endpoint = await admin.createWebhook(silent.url);
    await send(host, 'ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'anyone?' });
    await eventually(async () => (await admin.listWebhookAttempts()).attempts.length === 1, 5000, 'the timed out attempt');
    const [attempt] = (await admin.listWebhookAttempts()).attempts;
    expect(attempt).toMatchObject({ endpointId: endpoint.id, outcome: 'retrying', error: 'No answer within 200 ms.' });
    expect(attempt!.status).toBeUndefined();
  });

  it('admin API: endpoints are validated, listed without secrets, deleted with their queue; configured ones cannot be deleted', async () => {
    const hooks = await receiver();
    const { admin } = await startWorld({ webhooks: { urls: [hooks.url], secret: 'configured-secret-0123456789' } });
    await expect(admin.createWebhook('ftp://example.com/hooks')).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('https://') });
    await expect(admin.createWebhook('not a url')).rejects.toMatchObject({ code: 'invalid' });
    await expect(admin.createWebhook('https://user:pw@example.com/hooks')).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('password') });
    const made = await admin.createWebhook('https://example.com/hooks');
    const { endpoints } = await admin.listWebhooks();
    expect(endpoints.map((endpoint) => [endpoint.source, endpoint.url])).toEqual([
      ['config', hooks.url],
      ['api', 'https://example.com/hooks'],
    ]);
    expect(JSON.stringify(endpoints)).not.toContain(made.secret);
    await expect(admin.deleteWebhook(endpoints[0]!.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await admin.deleteWebhook(made.id)).toEqual({ id: made.id });
    await expect(admin.deleteWebhook(made.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(admin.listWebhookAttempts({ limit: 0 })).rejects.toMatchObject({ code: 'invalid' });
  });
});
