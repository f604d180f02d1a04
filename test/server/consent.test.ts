import { setup } from './helpers';

/** Ana blocks Bo; Cy is a bystander who shares a room with both. */
async function blocked(options: Parameters<typeof setup>[0] = {}) {
  const env = await setup(options);
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  const cy = await env.person('cy');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'cy', memberIds: ['ana', 'bo'] });
  await ana.ok({ type: 'user.block', userId: 'bo' });
  for (const who of [ana, bo, cy]) who.clear();
  return { ...env, ana, bo, cy };
}

describe('consent: a person you block cannot reach you', () => {
  it('cannot create a room with you in it, nor add you to one', async () => {
    const { ana, bo, cy, server } = await blocked();
    const created = await bo.fail({ type: 'room.create', name: 'surprise', kind: 'private', memberIds: ['cy', 'ana'] });
    expect(created.code).toBe('forbidden');
    expect(created.message).toBe('"ana" does not accept being added to rooms by you.');
    const mine = await bo.ok({ type: 'room.create', name: 'mine', kind: 'public', memberIds: ['cy'] });
    expect((await bo.fail({ type: 'room.addMembers', roomId: mine.id, userIds: ['ana'] })).code).toBe('forbidden');
    expect((await server.getRoom(mine.id))?.members.map((member) => member.userId)).toEqual(['bo', 'cy']);
    expect(ana.received('room.joined')).toEqual([]);
    // Someone else may still add Ana to that room.
    expect((await cy.ok({ type: 'room.addMembers', roomId: mine.id, userIds: ['ana'] })).members).toHaveLength(3);
  });

  it('cannot invite you either, when invitations need accepting', async () => {
    const { ana, bo } = await blocked({ invitations: 'accept' });
    expect((await bo.fail({ type: 'room.create', name: 'surprise', kind: 'private', memberIds: ['ana'] })).code).toBe('forbidden');
    const mine = await bo.ok({ type: 'room.create', name: 'mine', kind: 'public' });
    expect((await bo.fail({ type: 'room.addMembers', roomId: mine.id, userIds: ['ana'] })).code).toBe('forbidden');
    expect(ana.received('invitation.added')).toEqual([]);
  });

  it('cannot open a direct room with you, nor write in the one you already have', async () => {
    const { ana, bo } = await blocked();
    expect((await bo.fail({ type: 'direct.open', userId: 'ana' })).code).toBe('forbidden');
    await ana.ok({ type: 'user.unblock', userId: 'bo' });
    const direct = await bo.ok({ type: 'direct.open', userId: 'ana' });
    await ana.ok({ type: 'user.block', userId: 'bo' });
    const refused = await bo.fail({ type: 'message.send', roomId: direct.id, clientId: 'x', text: 'hello?' });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toBe('This person does not accept direct messages from you.');
    expect((await bo.fail({ type: 'direct.open', userId: 'ana' })).code).toBe('forbidden');
    // The blocker still may.
    expect((await ana.ok({ type: 'message.send', roomId: direct.id, clientId: 'y', text: 'bye' })).sequence).toBe(1);
    await ana.ok({ type: 'user.unblock', userId: 'bo' });
    expect((await bo.ok({ type: 'message.send', roomId: direct.id, clientId: 'x', text: 'hello?' })).sequence).toBe(2);
  });
});

describe('consent: direct messages only between people who share a room', () => {
  it('with directMessages "shared-room", direct.open needs a shared room; one already open stays open', async () => {
    const env = await setup({ directMessages: 'shared-room' });
    const ana = await env.person('ana');
    const bo = await env.person('bo');
    const stranger = await env.person('stranger');
    await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
    const refused = await stranger.fail({ type: 'direct.open', userId: 'ana' });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/share a room/);
    expect((await ana.fail({ type: 'direct.open', userId: 'stranger' })).code).toBe('forbidden');
    await bo.ok({ type: 'room.leave', roomId: 'r' });
    expect((await bo.ok({ type: 'direct.open', userId: 'ana' })).id).toBe(direct.id);
    // Joining a room with Ana lets the stranger write to her.
    await stranger.ok({ type: 'room.join', roomId: 'r' });
    expect((await stranger.ok({ type: 'direct.open', userId: 'ana' })).kind).toBe('direct');
  });

  it('by default anyone may open one', async () => {
    const env = await setup();
    await env.person('ana');
    expect((await (await env.person('stranger')).ok({ type: 'direct.open', userId: 'ana' })).kind).toBe('direct');
  });
});
