import { createChatClient, type ChatClient } from '../../src/core';
import { createReferenceServer } from '../../src/server';
import { ScriptedTransport } from '../helpers/scriptedTransport';

const clients: ChatClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));

/** Ana's client over a transport whose answers and events wait until the test delivers them. */
async function world() {
  const server = createReferenceServer({ floodLimit: false });
  server.upsertUser({ id: 'ana', name: 'Ana' });
  server.upsertUser({ id: 'bo', name: 'Bo' });
  server.upsertUser({ id: 'chen', name: 'Chen' });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  const transport = new ScriptedTransport(server, 'ana');
  const client = createChatClient({ transport });
  clients.push(client);
  await client.connect();
  return { server, transport, client };
}

/** Runs a command whose answer the transport holds back, delivering it. */
async function answered<T>(transport: ScriptedTransport, start: () => Promise<T>): Promise<T> {
  const running = start();
  transport.deliverAnswer(0);
  return running;
}

describe('people actions', () => {
  it('refuses profile custom data over the limit before sending it', async () => {
    const { transport, client } = await world();
    const { maxCustomDataBytes } = client.store.getState().limits;
    await expect(client.updateProfile({ customData: { bio: 'x'.repeat(maxCustomDataBytes) } })).rejects.toMatchObject({ code: 'too_large' });
    expect(transport.answers).toHaveLength(0);
  });

  it('keeps one’s own new profile and the profiles asked for at once, without waiting for events', async () => {
    const { server, transport, client } = await world();
    await answered(transport, () => client.updateProfile({ name: 'Ana Lima' }));
    expect(client.store.getState().users['ana']?.name).toBe('Ana Lima');
    server.upsertUser({ id: 'chen', name: 'Chen Wei' });
    const users = await answered(transport, () => client.getUsers(['bo', 'chen']));
    expect(users.map((user) => user.name)).toEqual(['Bo', 'Chen Wei']);
    expect(client.store.getState().users['chen']?.name).toBe('Chen Wei');
    expect(transport.delivered).toHaveLength(0);
  });

  it('keeps the blocked list the server answers for a block and an unblock', async () => {
    const { transport, client } = await world();
    await answered(transport, () => client.blockUser('bo'));
    expect(client.store.getState().blockedUserIds).toEqual(['bo']);
    await answered(transport, () => client.unblockUser('bo'));
    expect(client.store.getState().blockedUserIds).toEqual([]);
  });
});
