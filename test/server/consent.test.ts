// Consent beyond blocking's own rules (test/server/blocking.test.ts has those: no adding, no direct
// room, no direct message from someone you block, and directMessages "shared-room"): the same
// refusal for invitations, and what changes a "shared-room" refusal.
import { setup } from './helpers';

describe('consent', () => {
  it('someone you block cannot invite you either, when invitations need accepting', async () => {
    const env = await setup({ invitations: 'accept' });
    const ana = await env.person('ana');
    const bo = await env.person('bo');
    await ana.ok({ type: 'user.block', userId: 'bo' });
    const refused = await bo.fail({ type: 'room.create', name: 'surprise', kind: 'private', memberIds: ['ana'] });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toBe('"ana" does not accept being added to rooms by you.');
    const mine = await bo.ok({ type: 'room.create', name: 'mine', kind: 'public' });
    expect((await bo.fail({ type: 'room.addMembers', roomId: mine.id, userIds: ['ana'] })).code).toBe('forbidden');
    expect(ana.received('invitation.added')).toEqual([]);
    expect((await env.server.getRoom(mine.id))?.invitedUserIds).toBeUndefined();
  });

  it('with directMessages "shared-room", joining a room with someone lets you start a direct conversation', async () => {
    const env = await setup({ directMessages: 'shared-room' });
    const ana = await env.person('ana');
    const stranger = await env.person('stranger');
    await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    expect((await stranger.fail({ type: 'direct.open', userId: 'ana' })).code).toBe('forbidden');
    await stranger.ok({ type: 'room.join', roomId: 'r' });
    const direct = await stranger.ok({ type: 'direct.open', userId: 'ana' });
    expect(direct.members.map((member) => member.userId).sort()).toEqual(['ana', 'stranger']);
    expect(ana.received('room.joined').map((event) => event.room.id)).toContain(direct.id);
  });
});
