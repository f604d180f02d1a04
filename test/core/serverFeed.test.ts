import { createChatClient, selectMessages, type ChatClient } from '../../src/core';
import type { ChatError, ServerEvent } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { ScriptedTransport } from '../helpers/scriptedTransport';

const clients: ChatClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));

describe('the server feed', () => {
  it('gives each subscriber every folded event: one throwing keeps it from neither the others nor the store, and is reported', async () => {
    const server = createReferenceServer({ floodLimit: false });
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.upsertUser({ id: 'bo', name: 'Bo' });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const transport = new ScriptedTransport(server, 'ana');
    const errors: ChatError[] = [];
    const client = createChatClient({ transport, onError: (error) => errors.push(error) });
    clients.push(client);
    await client.connect();

    const seen: Array<{ type: ServerEvent['type']; held: number }> = [];
    const stopThrowing = client.subscribeEvents(() => {
      throw new Error('listener bug');
    });
    const stopSeeing = client.subscribeEvents((event) => seen.push({ type: event.type, held: selectMessages(client.store.getState(), 'general').length }));
    server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hi' });
    transport.deliverEverything();
    // The listener runs after the event is folded: the message is already in the store.
    expect(seen).toEqual([{ type: 'message.created', held: 1 }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('listener bug');

    stopThrowing();
    stopSeeing();
    server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'c2', text: 'Still there?' });
    transport.deliverEverything();
    expect(selectMessages(client.store.getState(), 'general')).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });
});
