import { room } from './world';

describe('banning', () => {
  it('removes the person, who cannot rejoin or be re-added until the ban ends', async () => {
    const { ana, bo, chen, clock } = await room();
    const ban = await ana.ok({ type: 'member.ban', roomId: 'general', userId: 'bo', durationMs: 60 * 60 * 1000, reason: 'spam' });
    expect(ban).toMatchObject({ roomId: 'general', userId: 'bo', by: 'ana', reason: 'spam', until: clock.now + 3_600_000 });
    expect(bo.received('room.left')).toEqual([{ type: 'room.left', roomId: 'general', reason: 'removed' }]);
    expect(chen.received('room.updated').at(-1)?.room.members.map((member) => member.userId)).toEqual(['ana', 'chen']);
    expect(chen.received('message.created').at(-1)?.message.text).toBe('BO was banned by ANA for 1 hour. Reason: spam');

    expect(await bo.fail({ type: 'room.join', roomId: 'general' })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^You are banned from this room until .* UTC\.$/) });
    expect(await chen.fail({ type: 'room.addMembers', roomId: 'general', userIds: ['bo'] })).toMatchObject({ code: 'forbidden', message: expect.stringContaining('"bo" is banned from this room') });
    expect(await ana.ok({ type: 'room.listBans', roomId: 'general' })).toEqual([ban]);

    clock.now += 3_600_000;
    await bo.ok({ type: 'room.join', roomId: 'general' });
  });

  it('for good until lifted; unban lets them back', async () => {
    const { ana, bo, server } = await room();
    await ana.ok({ type: 'member.ban', roomId: 'general', userId: 'bo' });
    expect((await bo.fail({ type: 'room.join', roomId: 'general' })).message).toBe('You are banned from this room until a moderator lifts it.');
    const viaBackend = await server.actAsSystem({ type: 'room.addMembers', roomId: 'general', userIds: ['bo'] });
    expect(!viaBackend.ok && viaBackend.error.code).toBe('forbidden');
    await ana.ok({ type: 'member.unban', roomId: 'general', userId: 'bo' });
    expect(await ana.fail({ type: 'member.unban', roomId: 'general', userId: 'bo' })).toMatchObject({ code: 'not_found', message: '"bo" is not banned from this room.' });
    await bo.ok({ type: 'room.join', roomId: 'general' });
  });

  it('is forgotten with the room', async () => {
    const { ana, bo } = await room();
    await ana.ok({ type: 'member.ban', roomId: 'general', userId: 'bo' });
    await ana.ok({ type: 'room.delete', roomId: 'general' });
    const again = await ana.ok({ type: 'room.create', name: 'general', kind: 'public' });
    await bo.ok({ type: 'room.join', roomId: again.id });
  });
});
