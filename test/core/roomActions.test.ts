import { createChatClient, selectInvitations, selectRoom, type ChatClient } from '../../src/core';
import { createReferenceServer } from '../../src/server';
import { ScriptedTransport } from '../helpers/scriptedTransport';

const clients: ChatClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));

/** A client whose answers and events wait until the test delivers them (see ScriptedTransport). */
async function world(userId = 'ana') {
  const server = createReferenceServer({ floodLimit: false, invitations: 'accept' });
  server.upsertUser({ id: 'ana', name: 'Ana' });
  server.upsertUser({ id: 'bo', name: 'Bo' });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  server.createRoom({ id: 'plans', name: 'plans', kind: 'private', createdBy: 'ana', memberIds: [] });
  server.createRoom({ id: 'trip', name: 'trip', kind: 'private', createdBy: 'ana', memberIds: [] });
  // Invited before Bo connects: his snapshot carries both invitations.
  for (const roomId of ['plans', 'trip']) server.actAs('ana', { type: 'room.addMembers', roomId, userIds: ['bo'] });
  const transport = new ScriptedTransport(server, userId);
  const client = createChatClient({ transport });
  clients.push(client);
  await client.connect();
  return { server, transport, client };
}

describe('room actions', () => {
  it('refuses a room name or custom data over the limits before anything is sent', async () => {
    const { transport, client } = await world();
    const { maxRoomNameLength, maxCustomDataBytes } = client.store.getState().limits;
    await expect(client.createRoom({ name: 'x'.repeat(maxRoomNameLength + 1), kind: 'public' })).rejects.toMatchObject({ code: 'too_large' });
    await expect(client.updateRoom('general', { name: '   ' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(client.updateRoom('general', { customData: { note: 'x'.repeat(maxCustomDataBytes) } })).rejects.toMatchObject({ code: 'too_large' });
    expect(transport.answers).toHaveLength(0);
  });

  it('keeps the room the server answers at once, without waiting for its event, and forgets a room it leaves', async () => {
    const { transport, client } = await world();
    const creating = client.createRoom({ name: 'design', kind: 'public' });
    transport.deliverAnswer(0);
    const room = await creating;
    expect(transport.delivered).toHaveLength(0);
    expect(selectRoom(client.store.getState(), room.id)?.name).toBe('design');

    const renaming = client.updateRoom(room.id, { name: 'design crit', topic: 'Fridays' });
    transport.deliverAnswer(0);
    await renaming;
    expect(selectRoom(client.store.getState(), room.id)).toMatchObject({ name: 'design crit', topic: 'Fridays' });

    const leaving = client.leaveRoom('general');
    transport.deliverAnswer(0);
    await leaving;
    expect(selectRoom(client.store.getState(), 'general')).toBeUndefined();
  });

  it('accepting an invitation drops it and keeps the room; declining drops it', async () => {
    const { transport, client } = await world('bo');
    expect(selectInvitations(client.store.getState()).map((invitation) => invitation.roomId)).toEqual(['plans', 'trip']);

    const accepting = client.acceptInvitation('plans');
    transport.deliverAnswer(0);
    await accepting;
    expect(selectInvitations(client.store.getState()).map((invitation) => invitation.roomId)).toEqual(['trip']);
    expect(selectRoom(client.store.getState(), 'plans')?.members.map((member) => member.userId)).toContain('bo');

    const declining = client.declineInvitation('trip');
    transport.deliverAnswer(0);
    await declining;
    expect(selectInvitations(client.store.getState())).toEqual([]);
    expect(selectRoom(client.store.getState(), 'trip')).toBeUndefined();
  });
});
