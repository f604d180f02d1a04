import 'fake-indexeddb/auto';
import { createChatClient, selectMessages, selectTimeline, type ChatClient, type PendingMessage } from '../../src/core';
import { ChatError } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';
import { createIndexedDbOutbox } from '../../src/transports/websocket/outbox';

let dbCount = 0;
/** A fresh database per test, so tests never see each other's entries. */
const freshName = () => `confab-outbox-test-${++dbCount}`;

function pending(clientId: string, text: string, extra: Partial<PendingMessage> = {}): PendingMessage {
  return { clientId, roomId: 'general', authorId: 'ana', text, attachments: [], mentions: [], createdAt: 1_700_000_000_000, status: 'sending', ...extra };
}

describe('createIndexedDbOutbox', () => {
  it('keeps entries across a new instance on the same database (a reload), in send order', async () => {
    const name = freshName();
    const first = createIndexedDbOutbox({ name });
    // Same createdAt on purpose and ids that sort the other way: order must come from the counter.
    await first.put(pending('c_z', 'one'));
    await first.put(pending('c_y', 'two'));
    await first.put(pending('c_x', 'three'));

    const reloaded = createIndexedDbOutbox({ name });
    expect((await reloaded.load()).map((entry) => [entry.clientId, entry.text])).toEqual([
      ['c_z', 'one'],
      ['c_y', 'two'],
      ['c_x', 'three'],
    ]);
    // A different database sees none of it.
    expect(await createIndexedDbOutbox({ name: freshName() }).load()).toEqual([]);
  });

  it('updating an entry keeps its place; new entries after a reload go after the old ones', async () => {
    const name = freshName();
    const first = createIndexedDbOutbox({ name });
    await first.put(pending('c_1', 'one'));
    await first.put(pending('c_2', 'two'));
    await first.put(pending('c_1', 'one, failed', { status: 'failed', error: { code: 'forbidden', message: 'No.' } }));
    const second = createIndexedDbOutbox({ name });
    await second.put(pending('c_0', 'three', { createdAt: 1 }));
    const loaded = await createIndexedDbOutbox({ name }).load();
    expect(loaded.map((entry) => entry.clientId)).toEqual(['c_1', 'c_2', 'c_0']);
    expect(loaded[0]).toEqual(pending('c_1', 'one, failed', { status: 'failed', error: { code: 'forbidden', message: 'No.' } }));
  });

  it('remove forgets one entry, for this and later instances', async () => {
    const name = freshName();
    const outbox = createIndexedDbOutbox({ name });
    for (const id of ['c_a', 'c_b', 'c_c']) await outbox.put(pending(id, id));
    await outbox.remove('c_b');
    await outbox.remove('c_unknown');
    expect((await outbox.load()).map((entry) => entry.clientId)).toEqual(['c_a', 'c_c']);
    expect((await createIndexedDbOutbox({ name }).load()).map((entry) => entry.clientId)).toEqual(['c_a', 'c_c']);
  });

  it('with userId, loads only that person’s entries and leaves the others stored', async () => {
    const name = freshName();
    const outbox = createIndexedDbOutbox({ name });
    await outbox.put(pending('c_a', 'from ana'));
    await outbox.put(pending('c_b', 'from bo', { authorId: 'bo' }));
    expect((await createIndexedDbOutbox({ name, userId: 'bo' }).load()).map((entry) => entry.text)).toEqual(['from bo']);
    expect((await createIndexedDbOutbox({ name, userId: 'ana' }).load()).map((entry) => entry.text)).toEqual(['from ana']);
  });

  it('load reports and returns nothing when IndexedDB cannot be opened', async () => {
    const saved = globalThis.indexedDB;
    const errors: unknown[] = [];
    try {
      // @ts-expect-error simulating a browser without IndexedDB
      delete globalThis.indexedDB;
      expect(await createIndexedDbOutbox({ name: freshName(), onError: (error) => errors.push(error) }).load()).toEqual([]);
    } finally {
      globalThis.indexedDB = saved;
    }
    expect(errors).toHaveLength(1);
  });
});

describe('IndexedDB outbox with a ChatClient', () => {
  const clients: ChatClient[] = [];
  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  it('messages sent offline survive a reload and arrive exactly once each, in order, with their client ids', async () => {
    const name = freshName();
    const server = createReferenceServer({ floodLimit: false });
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.upsertUser({ id: 'bo', name: 'Bo' });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const seen: string[] = [];
    server.connect('bo', (event) => {
      if (event.type === 'message.created') seen.push(`${event.message.clientId}:${event.message.text}`);
    });

    // Page one: signed in, then the network goes away and Ana writes three messages.
    const transport1 = createMemoryTransport(server, { userId: 'ana' });
    const page1 = createChatClient({ transport: transport1, outbox: createIndexedDbOutbox({ name, userId: 'ana' }) });
    clients.push(page1);
    await page1.connect();
    transport1.setOnline(false);
    const sends = ['one', 'two', 'three'].map((text) => page1.sendMessage('general', { text }));
    sends.forEach((send) => send.catch(() => {})); // never settle: the page goes away
    const clientIds = selectTimeline(page1.store.getState(), 'general').pending.map((entry) => entry.clientId);
    expect(clientIds).toHaveLength(3);
    // The writes are asynchronous; a real page would have had them done long before a reload.
    await vi.waitFor(async () => expect(await createIndexedDbOutbox({ name }).load()).toHaveLength(3));
    page1.close(); // the reload
    expect(seen).toEqual([]);

    // Page two: starts offline, shows the three as sending, then the network comes back.
    const transport2 = createMemoryTransport(server, { userId: 'ana', startOffline: true });
    const page2 = createChatClient({ transport: transport2, outbox: createIndexedDbOutbox({ name, userId: 'ana' }) });
    clients.push(page2);
    await expect(page2.connect()).rejects.toBeInstanceOf(ChatError); // offline: no session yet
    expect(selectTimeline(page2.store.getState(), 'general').pending.map((entry) => [entry.clientId, entry.text, entry.status])).toEqual([
      [clientIds[0], 'one', 'sending'],
      [clientIds[1], 'two', 'sending'],
      [clientIds[2], 'three', 'sending'],
    ]);
    transport2.setOnline(true);
    await vi.waitFor(() => expect(selectMessages(page2.store.getState(), 'general')).toHaveLength(3));
    await vi.waitFor(async () => expect(await createIndexedDbOutbox({ name }).load()).toEqual([]));

    expect(seen).toEqual([`${clientIds[0]}:one`, `${clientIds[1]}:two`, `${clientIds[2]}:three`]);
    const stored = server.actAs('bo', { type: 'message.history', roomId: 'general', limit: 100 });
    expect(stored.ok && stored.value.messages.map((message) => [message.sequence, message.clientId, message.text])).toEqual([
      [1, clientIds[0], 'one'],
      [2, clientIds[1], 'two'],
      [3, clientIds[2], 'three'],
    ]);
    expect(selectTimeline(page2.store.getState(), 'general').pending).toEqual([]);
  });
});
