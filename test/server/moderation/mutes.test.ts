import { setup } from '../helpers';
import { room, TEN_MINUTES } from './world';

describe('muting a member', () => {
  it('stops them sending, reacting and typing until it ends, and every member hears of it', async () => {
    const { ana, bo, chen, clock } = await room();
    const hello = await chen.ok({ type: 'message.send', roomId: 'general', clientId: 'c0', text: 'hello' });
    chen.clear();
    const muted = await ana.ok({ type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: TEN_MINUTES, reason: 'Cool down' });
    expect(muted.members.find((member) => member.userId === 'bo')?.muted).toEqual({ by: 'ana', at: clock.now, until: clock.now + TEN_MINUTES, reason: 'Cool down' });
    // Every member's room shows it, and a notice says it in the room.
    expect(chen.received('room.updated').at(-1)?.room.members.find((member) => member.userId === 'bo')?.muted?.until).toBe(clock.now + TEN_MINUTES);
    const notice = chen.received('message.created').at(-1)?.message;
    expect(notice).toMatchObject({ system: true, text: 'BO was muted by ANA for 10 minutes. Reason: Cool down', customData: { moderation: { action: 'muted', userId: 'bo', actorId: 'ana', durationMs: TEN_MINUTES } } });

    const send = await bo.fail({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'hi' });
    expect(send.code).toBe('forbidden');
    expect(send.message).toMatch(/^You are muted in this room until \d{4}-\d\d-\d\d \d\d:\d\d UTC; you cannot send, react or type here\.$/);
    expect((await bo.fail({ type: 'reaction.toggle', roomId: 'general', messageId: hello.id, emoji: '👍' })).code).toBe('forbidden');
    expect((await bo.fail({ type: 'typing.start', roomId: 'general' })).code).toBe('forbidden');
    // Reading goes on.
    expect((await bo.ok({ type: 'message.history', roomId: 'general' })).messages.length).toBeGreaterThan(0);

    clock.now += TEN_MINUTES;
    await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b2', text: 'back' });
  });

  it('is lifted by unmute, with a notice', async () => {
    const { ana, bo, chen } = await room();
    await ana.ok({ type: 'member.mute', roomId: 'general', userId: 'bo' });
    expect((await bo.fail({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'hi' })).message).toContain('until a moderator lifts it');
    chen.clear();
    const room2 = await ana.ok({ type: 'member.unmute', roomId: 'general', userId: 'bo' });
    expect(room2.members.find((member) => member.userId === 'bo')?.muted).toBeUndefined();
    expect(chen.received('message.created')[0]?.message.text).toBe('BO was unmuted by ANA.');
    await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b2', text: 'hi' });
  });

  it('keeps the mute in storage: a new session sees it in the snapshot', async () => {
    const { ana, connect } = await room();
    await ana.ok({ type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: TEN_MINUTES });
    const again = await connect('bo');
    const snapshot = await again.session.snapshot();
    expect(snapshot.rooms[0]?.members.find((member) => member.userId === 'bo')?.muted?.by).toBe('ana');
  });

  it('refuses members, admins on admins, yourself, and bad durations and reasons with sentences', async () => {
    const { ana, bo, chen, server } = await room();
    expect(await bo.fail({ type: 'member.mute', roomId: 'general', userId: 'chen' })).toMatchObject({ code: 'forbidden', message: 'Only an admin of this room or a site moderator may mute people.' });
    expect(await bo.fail({ type: 'member.ban', roomId: 'general', userId: 'ana' })).toMatchObject({ code: 'forbidden', message: 'Only an admin of this room or a site moderator may ban people.' });
    await ana.ok({ type: 'room.setRole', roomId: 'general', userId: 'chen', role: 'admin' });
    expect(await chen.fail({ type: 'member.ban', roomId: 'general', userId: 'ana' })).toMatchObject({ code: 'forbidden', message: expect.stringContaining('is an admin of this room') });
    expect(await ana.fail({ type: 'member.mute', roomId: 'general', userId: 'ana' })).toMatchObject({ code: 'invalid', message: 'You cannot mute yourself.' });
    expect(await ana.fail({ type: 'member.mute', roomId: 'nowhere', userId: 'bo' })).toMatchObject({ code: 'not_found' });
    expect(await ana.fail({ type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: -5 })).toMatchObject({ code: 'invalid', message: expect.stringContaining('at least one second') });
    expect(await ana.fail({ type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: 1e15 })).toMatchObject({ code: 'invalid', message: expect.stringContaining('at most a year') });
    expect(await ana.fail({ type: 'member.ban', roomId: 'general', userId: 'bo', reason: 'x'.repeat(501) })).toMatchObject({ code: 'invalid', message: expect.stringContaining('at most 500 characters') });
    await server.upsertUser({ id: 'dee', name: 'Dee' });
    expect(await ana.fail({ type: 'member.mute', roomId: 'general', userId: 'dee' })).toMatchObject({ code: 'not_found', message: '"dee" is not a member of this room.' });
    // Nothing changed for Bo.
    await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'still here' });
  });
});

describe('muting in a crowd', () => {
  it('names the muted member in the room view that otherwise carries only admins, so their client can say why', async () => {
    const { server, connect } = await setup({ crowdSize: 3 });
    const ids = ['ana', 'p1', 'p2', 'p3', 'p4'];
    for (const id of ids) await server.upsertUser({ id, name: id.toUpperCase() });
    await server.createRoom({ id: 'hall', name: 'hall', kind: 'public', createdBy: 'ana', memberIds: ids.slice(1) });
    const ana = await connect('ana');
    const p3 = await connect('p3');
    await ana.ok({ type: 'member.mute', roomId: 'hall', userId: 'p3', durationMs: TEN_MINUTES });
    const view = p3.received('room.updated').at(-1)?.room;
    expect(view?.members.map((member) => [member.userId, member.muted?.by])).toEqual([
      ['ana', undefined],
      ['p3', 'ana'],
    ]);
    expect(view?.memberCount).toBe(5);
  });
});
