import { setup } from './helpers';

/** A server whose invitations wait for an answer, with Ana (who invites), Bo and Cy. */
async function inviting() {
  const env = await setup({ invitations: 'accept' });
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  const cy = await env.person('cy');
  return { ...env, ana, bo, cy };
}

describe('invitations that need accepting', () => {
  it('room.addMembers invites instead of adding: the invitee gets invitation.added, the members see invitedUserIds', async () => {
    const { ana, bo, cy, server } = await inviting();
    const room = await ana.ok({ type: 'room.create', name: 'plans', kind: 'private', memberIds: ['cy'] });
    // room.create with memberIds invites too: only the creator is in.
    expect(room.members.map((member) => member.userId)).toEqual(['ana']);
    expect(room.invitedUserIds).toEqual(['cy']);
    expect(cy.received('room.joined')).toEqual([]);
    expect(cy.received('invitation.added')).toEqual([
      { type: 'invitation.added', invitation: { roomId: room.id, roomName: 'plans', roomKind: 'private', invitedBy: 'ana', invitedByName: 'ANA', invitedAt: expect.any(Number) } },
    ]);
    ana.clear();
    const after = await ana.ok({ type: 'room.addMembers', roomId: room.id, userIds: ['bo'] });
    expect(after.members.map((member) => member.userId)).toEqual(['ana']);
    expect(after.invitedUserIds).toEqual(['cy', 'bo']);
    expect(ana.received('room.updated').at(-1)?.room.invitedUserIds).toEqual(['cy', 'bo']);
    expect(bo.received('invitation.added')).toHaveLength(1);
    // An invitee cannot read the room before accepting.
    expect((await bo.fail({ type: 'message.history', roomId: room.id })).code).toBe('not_found');
    expect((await server.getRoom(room.id))?.members).toHaveLength(1);
    // Inviting again changes nothing and sends nothing.
    bo.clear();
    await ana.ok({ type: 'room.addMembers', roomId: room.id, userIds: ['bo'] });
    expect(bo.events).toEqual([]);
  });

  it('accept joins the room (room.joined, invitation.removed) and the members hear of it; decline drops it', async () => {
    const { ana, bo, cy } = await inviting();
    const room = await ana.ok({ type: 'room.create', name: 'plans', kind: 'private', memberIds: ['bo', 'cy'] });
    ana.clear();
    const joined = await bo.ok({ type: 'invitation.accept', roomId: room.id });
    expect(joined.members.map((member) => [member.userId, member.role])).toEqual([
      ['ana', 'admin'],
      ['bo', 'member'],
    ]);
    expect(joined.invitedUserIds).toEqual(['cy']);
    expect(bo.received('room.joined').map((event) => event.room.id)).toEqual([room.id]);
    expect(bo.received('invitation.removed')).toEqual([{ type: 'invitation.removed', roomId: room.id, reason: 'accepted' }]);
    expect(ana.received('room.updated').at(-1)?.room.members).toHaveLength(2);
    expect((await bo.ok({ type: 'message.send', roomId: room.id, clientId: 'c', text: 'in' })).sequence).toBe(1);
    // Once answered, the invitation is gone.
    expect((await bo.fail({ type: 'invitation.accept', roomId: room.id })).code).toBe('not_found');

    await cy.ok({ type: 'invitation.decline', roomId: room.id });
    expect(cy.received('invitation.removed')).toEqual([{ type: 'invitation.removed', roomId: room.id, reason: 'declined' }]);
    expect(ana.received('room.updated').at(-1)?.room.invitedUserIds).toBeUndefined();
    expect((await cy.fail({ type: 'invitation.accept', roomId: room.id })).code).toBe('not_found');
    expect((await cy.fail({ type: 'message.history', roomId: room.id })).code).toBe('not_found');
  });

  it('the snapshot carries pending invitations, so a reload shows them; answered ones are gone from it', async () => {
    const { ana, server, clock } = await inviting();
    const first = await ana.ok({ type: 'room.create', name: 'plans', kind: 'private', memberIds: ['bo'] });
    clock.now += 1000;
    const second = await ana.ok({ type: 'room.create', name: 'trip', kind: 'public', memberIds: ['bo'] });
    const reload = await server.connect('bo', () => {});
    const snapshot = await reload.snapshot();
    expect(snapshot.invitations?.map((invitation) => [invitation.roomId, invitation.roomName, invitation.roomKind, invitation.invitedBy])).toEqual([
      [first.id, 'plans', 'private', 'ana'],
      [second.id, 'trip', 'public', 'ana'],
    ]);
    expect(snapshot.rooms).toEqual([]);
    await reload.handle({ type: 'invitation.accept', roomId: second.id });
    const again = await (await server.connect('bo', () => {})).snapshot();
    expect(again.invitations?.map((invitation) => invitation.roomId)).toEqual([first.id]);
    expect(again.rooms.map((room) => room.id)).toEqual([second.id]);
  });

  it('invitations vanish when the room is deleted, when the inviter withdraws them, and when the invitee blocks the inviter', async () => {
    const { ana, bo, cy, server } = await inviting();
    const doomed = await ana.ok({ type: 'room.create', name: 'doomed', kind: 'private', memberIds: ['bo'] });
    await ana.ok({ type: 'room.delete', roomId: doomed.id });
    expect(bo.received('invitation.removed')).toEqual([{ type: 'invitation.removed', roomId: doomed.id, reason: 'deleted' }]);
    expect((await (await server.connect('bo', () => {})).snapshot()).invitations).toEqual([]);

    const room = await ana.ok({ type: 'room.create', name: 'plans', kind: 'public', memberIds: ['bo', 'cy'] });
    await cy.ok({ type: 'invitation.accept', roomId: room.id });
    // A plain member who did not invite bo may not withdraw it; the inviter may.
    expect((await cy.fail({ type: 'invitation.withdraw', roomId: room.id, userId: 'bo' })).code).toBe('forbidden');
    bo.clear();
    const withdrawn = await ana.ok({ type: 'invitation.withdraw', roomId: room.id, userId: 'bo' });
    expect(withdrawn.invitedUserIds).toBeUndefined();
    expect(bo.received('invitation.removed')).toEqual([{ type: 'invitation.removed', roomId: room.id, reason: 'withdrawn' }]);
    expect((await ana.fail({ type: 'invitation.withdraw', roomId: room.id, userId: 'bo' })).code).toBe('not_found');

    await ana.ok({ type: 'room.addMembers', roomId: room.id, userIds: ['bo'] });
    bo.clear();
    await bo.ok({ type: 'user.block', userId: 'ana' });
    expect(bo.received('invitation.removed')).toEqual([{ type: 'invitation.removed', roomId: room.id, reason: 'withdrawn' }]);
    expect((await server.getRoom(room.id))?.invitedUserIds).toBeUndefined();
  });

  it('keeps the rules of adding: blocks, permissions, the room limit counting invitations', async () => {
    const env = await setup({ invitations: 'accept', limits: { maxMembersPerRoom: 3 } });
    const ana = await env.person('ana');
    const bo = await env.person('bo');
    const cy = await env.person('cy');
    await env.person('dee');
    await bo.ok({ type: 'user.block', userId: 'ana' });
    expect((await ana.fail({ type: 'room.create', name: 'x', kind: 'private', memberIds: ['bo'] })).code).toBe('forbidden');
    const room = await ana.ok({ type: 'room.create', name: 'plans', kind: 'private', memberIds: ['cy'] });
    expect((await ana.fail({ type: 'room.addMembers', roomId: room.id, userIds: ['bo'] })).code).toBe('forbidden');
    expect(bo.received('invitation.added')).toEqual([]);
    // Ana + cy invited + dee invited = 3, the limit; one more does not fit even before anyone accepts.
    await ana.ok({ type: 'room.addMembers', roomId: room.id, userIds: ['dee'] });
    await bo.ok({ type: 'user.unblock', userId: 'ana' });
    expect((await ana.fail({ type: 'room.addMembers', roomId: room.id, userIds: ['bo'] })).code).toBe('too_large');
    // Someone who is not in a private room cannot invite to it, nor accept what they were not offered.
    expect((await bo.fail({ type: 'room.addMembers', roomId: room.id, userIds: ['bo'] })).code).toBe('not_found');
    expect((await bo.fail({ type: 'invitation.accept', roomId: room.id })).code).toBe('not_found');
    // An invitee who accepts takes their seat.
    expect((await cy.ok({ type: 'invitation.accept', roomId: room.id })).members).toHaveLength(2);
  });

  it('the host app’s backend still adds directly, and the default server adds directly too', async () => {
    const { server, bo } = await inviting();
    const seeded = await server.createRoom({ name: 'seeded', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    expect(seeded.members.map((member) => member.userId)).toEqual(['ana', 'bo']);
    const added = await server.actAsSystem({ type: 'room.addMembers', roomId: seeded.id, userIds: ['cy'] });
    expect(added.ok && added.value.members.map((member) => member.userId)).toEqual(['ana', 'bo', 'cy']);
    expect(bo.received('invitation.added')).toEqual([]);

    const plain = await setup();
    const ana = await plain.person('ana');
    await plain.person('bo');
    const room = await ana.ok({ type: 'room.create', name: 'now', kind: 'private', memberIds: ['bo'] });
    expect(room.members).toHaveLength(2);
    expect(room.invitedUserIds).toBeUndefined();
    expect((await (await plain.server.connect('bo', () => {})).snapshot()).invitations).toEqual([]);
  });

  it('a deleted person’s pending invitations leave the rooms that listed them', async () => {
    const { ana, server } = await inviting();
    const room = await ana.ok({ type: 'room.create', name: 'plans', kind: 'public', memberIds: ['bo'] });
    await server.deleteUser('bo');
    expect((await server.getRoom(room.id))?.invitedUserIds).toBeUndefined();
  });
});
