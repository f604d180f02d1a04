import { setup } from './helpers';

async function room() {
  const env = await setup();
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  const cy = await env.person('cy');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'cy', memberIds: ['ana', 'bo'] });
  for (const who of [ana, bo, cy]) who.clear();
  return { ...env, ana, bo, cy };
}

describe('blocking', () => {
  it('block and unblock answer the list and push blocks.updated to the blocker’s sessions', async () => {
    const { ana, bo, connect } = await room();
    const ana2 = await connect('ana');
    expect(await ana.ok({ type: 'user.block', userId: 'bo' })).toEqual({ blockedUserIds: ['bo'] });
    expect(await ana.ok({ type: 'user.block', userId: 'cy' })).toEqual({ blockedUserIds: ['bo', 'cy'] });
    expect(ana2.received('blocks.updated')).toEqual([
      { type: 'blocks.updated', blockedUserIds: ['bo'] },
      { type: 'blocks.updated', blockedUserIds: ['bo', 'cy'] },
    ]);
    expect(bo.received('blocks.updated')).toEqual([]);
    expect(await ana.ok({ type: 'user.unblock', userId: 'bo' })).toEqual({ blockedUserIds: ['cy'] });
    expect((await ana.fail({ type: 'user.block', userId: 'ana' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'user.block', userId: 'ghost' })).code).toBe('not_found');
  });

  it('the blocker gets message.hidden instead of the blocked person’s messages and updates', async () => {
    const { ana, bo, cy } = await room();
    await ana.ok({ type: 'user.block', userId: 'bo' });
    ana.clear();
    const sent = await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'hi' });
    expect(ana.received('message.created')).toEqual([]);
    expect(ana.received('message.hidden')).toEqual([{ type: 'message.hidden', roomId: 'r', sequence: sent.sequence }]);
    expect(cy.received('message.created')).toHaveLength(1);
    await bo.ok({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'edited' });
    expect(ana.received('message.updated')).toEqual([]);
    expect(ana.received('message.hidden')).toHaveLength(2);
    // Nor does the blocker see them typing.
    await bo.ok({ type: 'typing.start', roomId: 'r' });
    expect(ana.received('typing.started')).toEqual([]);
    expect(cy.received('typing.started')).toHaveLength(1);
  });

  it('history and resume omit blocked authors but cover their sequences', async () => {
    const { ana, bo, cy } = await room();
    await cy.ok({ type: 'message.send', roomId: 'r', clientId: '1', text: '1' });
    await bo.ok({ type: 'message.send', roomId: 'r', clientId: '2', text: '2' });
    await cy.ok({ type: 'message.send', roomId: 'r', clientId: '3', text: '3' });
    await bo.ok({ type: 'message.send', roomId: 'r', clientId: '4', text: '4' });
    await ana.ok({ type: 'user.block', userId: 'bo' });
    const page = await ana.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages.map((m) => m.sequence)).toEqual([1, 3]);
    expect(page.range).toEqual({ from: 1, to: 4 });
    const after = await ana.ok({ type: 'message.history', roomId: 'r', after: 1 });
    expect(after.messages.map((m) => m.sequence)).toEqual([3]);
    expect(after.range).toEqual({ from: 2, to: 4 });
    const resumed = await ana.ok({ type: 'room.resume', roomId: 'r', afterSequence: 1 });
    expect(resumed.messages.map((m) => m.sequence)).toEqual([3]);
    expect(resumed.range).toEqual({ from: 2, to: 4 });
    // Others still see everything.
    expect((await cy.ok({ type: 'message.history', roomId: 'r' })).messages).toHaveLength(4);
    await ana.ok({ type: 'user.unblock', userId: 'bo' });
    expect((await ana.ok({ type: 'message.history', roomId: 'r' })).messages).toHaveLength(4);
  });

  it('thread history omits blocked authors, and a hidden parent update arrives as message.hidden', async () => {
    const { ana, bo, cy } = await room();
    const parent = await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'p', text: 'p' });
    await ana.ok({ type: 'user.block', userId: 'bo' });
    ana.clear();
    await cy.ok({ type: 'message.send', roomId: 'r', clientId: 'r1', text: 'r1', parentId: parent.id });
    await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'r2', text: 'r2', parentId: parent.id });
    expect(ana.received('message.created').map((e) => e.message.text)).toEqual(['r1']);
    expect(ana.received('message.updated')).toEqual([]);
    expect((await ana.ok({ type: 'thread.history', roomId: 'r', parentId: parent.id })).messages.map((m) => m.text)).toEqual(['r1']);
  });

  it('refuses direct messages from a blocked person, and direct.open with someone who blocked you', async () => {
    const { ana, bo } = await room();
    const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
    await bo.ok({ type: 'message.send', roomId: direct.id, clientId: 'before', text: 'hi' });
    await ana.ok({ type: 'user.block', userId: 'bo' });
    const refused = await bo.fail({ type: 'message.send', roomId: direct.id, clientId: 'after', text: 'hello?' });
    expect(refused.code).toBe('forbidden');
    expect((await bo.fail({ type: 'direct.open', userId: 'ana' })).code).toBe('forbidden');
    // The blocker may still open the room and write.
    expect((await ana.ok({ type: 'direct.open', userId: 'bo' })).id).toBe(direct.id);
    expect((await ana.ok({ type: 'message.send', roomId: direct.id, clientId: 'x', text: 'bye' })).sequence).toBe(2);
    // A retry of a send that happened before the block still answers idempotently.
    expect((await bo.ok({ type: 'message.send', roomId: direct.id, clientId: 'before', text: 'hi' })).sequence).toBe(1);
    await ana.ok({ type: 'user.unblock', userId: 'bo' });
    expect((await bo.ok({ type: 'message.send', roomId: direct.id, clientId: 'after', text: 'hello?' })).sequence).toBe(3);
  });

  it('refuses adding someone who blocks you to a room, by room.create or room.addMembers; others are added', async () => {
    const { ana, bo, cy, server } = await room();
    await ana.ok({ type: 'user.block', userId: 'bo' });
    ana.clear();
    const created = await bo.fail({ type: 'room.create', name: 'surprise', kind: 'private', memberIds: ['cy', 'ana'] });
    expect(created.code).toBe('forbidden');
    expect(created.message).toBe('"ana" does not accept being added to rooms by you.');
    const mine = await bo.ok({ type: 'room.create', name: 'mine', kind: 'public', memberIds: ['cy'] });
    expect((await bo.fail({ type: 'room.addMembers', roomId: mine.id, userIds: ['ana'] })).code).toBe('forbidden');
    expect((await server.getRoom(mine.id))?.members.map((member) => member.userId)).toEqual(['bo', 'cy']);
    expect(ana.received('room.joined')).toEqual([]);
    // Someone else may add ana to the same room; and ana, the blocker, may add bo.
    await cy.ok({ type: 'room.addMembers', roomId: mine.id, userIds: ['ana'] });
    const ours = await ana.ok({ type: 'room.create', name: 'ours', kind: 'private', memberIds: ['bo'] });
    expect(ours.members.map((member) => member.userId)).toEqual(['ana', 'bo']);
    // After unblocking, bo may add ana again.
    await ana.ok({ type: 'user.unblock', userId: 'bo' });
    expect((await bo.ok({ type: 'room.create', name: 'again', kind: 'private', memberIds: ['ana'] })).members).toHaveLength(2);
  });
});

describe('direct messages between people who share a room', () => {
  it('with directMessages "shared-room", direct.open needs a shared room; existing direct rooms stay open', async () => {
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
    // bo leaves the only shared room: the direct room they already have still opens.
    await bo.ok({ type: 'room.leave', roomId: 'r' });
    expect((await bo.ok({ type: 'direct.open', userId: 'ana' })).id).toBe(direct.id);
    // Anyone may open one by default.
    const open = await setup();
    await open.person('ana');
    expect((await (await open.person('stranger')).ok({ type: 'direct.open', userId: 'ana' })).kind).toBe('direct');
  });
});
