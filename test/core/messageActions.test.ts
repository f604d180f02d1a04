import { createChatClient, selectMessages, type ChatClient } from '../../src/core';
import { createReferenceServer } from '../../src/server';
import { ScriptedTransport } from '../helpers/scriptedTransport';

const clients: ChatClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));

/** Ana's client over a transport whose answers and events wait until the test delivers them; the room holds one message of hers. */
async function world() {
  const server = createReferenceServer({ floodLimit: false });
  server.upsertUser({ id: 'ana', name: 'Ana' });
  server.upsertUser({ id: 'bo', name: 'Bo' });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hello' });
  const transport = new ScriptedTransport(server, 'ana');
  const client = createChatClient({ transport });
  clients.push(client);
  await client.connect();
  const loading = client.loadOlder('general');
  transport.deliverAnswer(0);
  await loading;
  const [message] = selectMessages(client.store.getState(), 'general');
  if (!message) throw new Error('The first page should hold Ana’s message.');
  return { transport, client, message };
}

/** Runs a command whose answer the transport holds back, delivering it. */
async function answered<T>(transport: ScriptedTransport, start: () => Promise<T>): Promise<T> {
  const running = start();
  transport.deliverAnswer(0);
  return running;
}

describe('message actions', () => {
  it('rejects a send before the session opens, never throws, and keeps nothing pending', async () => {
    const server = createReferenceServer({ floodLimit: false });
    const client = createChatClient({ transport: new ScriptedTransport(server, 'ana') });
    clients.push(client);
    let sending: Promise<unknown> | undefined;
    expect(() => (sending = client.sendMessage('general', { text: 'Hi' }))).not.toThrow();
    await expect(sending).rejects.toMatchObject({ code: 'unavailable' });
    expect(client.store.getState().timelines).toEqual({});
  });

  it('refuses an edit over the text limit before sending it', async () => {
    const { transport, client, message } = await world();
    const { maxTextBytes } = client.store.getState().limits;
    await expect(client.editMessage('general', message.id, { text: 'x'.repeat(maxTextBytes + 1) })).rejects.toMatchObject({ code: 'too_large' });
    expect(transport.answers).toHaveLength(0);
  });

  it('folds an edit, a reaction and a pin into the store at once, without waiting for their events', async () => {
    const { transport, client, message } = await world();
    const held = () => selectMessages(client.store.getState(), 'general')[0];
    await answered(transport, () => client.editMessage('general', message.id, { text: 'Hello again' }));
    expect(held()).toMatchObject({ text: 'Hello again', editedAt: expect.any(Number) });
    await answered(transport, () => client.toggleReaction('general', message.id, '👍'));
    expect(held()?.reactions).toEqual([{ emoji: '👍', userIds: ['ana'] }]);
    await answered(transport, () => client.pinMessage('general', message.id));
    expect(held()?.pinnedBy).toBe('ana');
    expect(await answered(transport, () => client.listPinnedMessages('general'))).toEqual([held()]);
    await answered(transport, () => client.deleteMessage('general', message.id));
    expect(held()?.deletedAt).toEqual(expect.any(Number));
    expect(transport.delivered).toHaveLength(0);
  });
});
