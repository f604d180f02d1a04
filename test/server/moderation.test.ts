import { createChatServer, createMemoryStorage } from '../../src/server';
import { setup } from './helpers';

const TEN_MINUTES = 10 * 60 * 1000;

/** Ana (admin) and Bo, Chen (members) in the public room "general". */
async function room() {
  const world = await setup();
  const ana = await world.person('ana');
  const bo = await world.person('bo');
  const chen = await world.person('chen');
  await world.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
  return { ...world, ana, bo, chen };
}

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

describe('site moderators', () => {
  it('are set by the backend alone, seen by clients, and moderate any public room', async () => {
    const { server, ana, bo, person } = await room();
    const mod = await person('mo');
    expect(await mod.fail({ type: 'user.setRole', userId: 'mo', role: 'moderator' })).toMatchObject({ code: 'forbidden', message: "Only the host app's backend (the admin API) may set site roles." });
    const set = await server.actAsSystem({ type: 'user.setRole', userId: 'mo', role: 'moderator' });
    expect(set.ok && set.value.role).toBe('moderator');
    // A profile update by the backend keeps the role.
    expect((await server.upsertUser({ id: 'mo', name: 'Mo' })).role).toBe('moderator');

    const sent = await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'buy now' });
    // Not a member, still may act in a public room: mute an admin, delete a message.
    await mod.ok({ type: 'member.mute', roomId: 'general', userId: 'ana', durationMs: TEN_MINUTES });
    expect((await mod.ok({ type: 'message.delete', roomId: 'general', messageId: sent.id })).deletedAt).toBeTypeOf('number');
    // A room admin cannot touch a site moderator.
    await mod.ok({ type: 'room.join', roomId: 'general' });
    await server.actAsSystem({ type: 'member.unmute', roomId: 'general', userId: 'ana' });
    expect(await ana.fail({ type: 'member.ban', roomId: 'general', userId: 'mo' })).toMatchObject({ code: 'forbidden', message: expect.stringContaining('site moderator') });
    // Private rooms they are not in stay invisible.
    await server.createRoom({ id: 'secret', name: 'secret', kind: 'private', createdBy: 'chen', memberIds: ['bo'] });
    expect((await mod.fail({ type: 'member.mute', roomId: 'secret', userId: 'bo' })).code).toBe('not_found');

    const unset = await server.actAsSystem({ type: 'user.setRole', userId: 'mo', role: 'user' });
    expect(unset.ok && unset.value.role).toBeUndefined();
    expect((await mod.fail({ type: 'member.mute', roomId: 'general', userId: 'bo' })).code).toBe('forbidden');
  });
});

describe('reports', () => {
  it('reach the room admins and site moderators with the message in context, once per reporter', async () => {
    const { server, ana, bo, chen, person } = await room();
    const mod = await person('mo');
    await server.actAsSystem({ type: 'user.setRole', userId: 'mo', role: 'moderator' });
    for (let index = 1; index <= 5; index++) await chen.ok({ type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `line ${index}` });
    const bad = await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'rude' });
    await chen.ok({ type: 'message.send', roomId: 'general', clientId: 'c6', text: 'after' });
    ana.clear();
    mod.clear();

    const report = await chen.ok({ type: 'report.create', roomId: 'general', messageId: bad.id, reason: 'harassment', note: 'Not ok' });
    expect(report).toMatchObject({ roomId: 'general', reporterId: 'chen', userId: 'bo', messageId: bad.id, reason: 'harassment', note: 'Not ok', status: 'open' });
    expect(report.context.map((message) => message.text)).toEqual(['line 3', 'line 4', 'line 5', 'rude', 'after']);
    expect(ana.received('report.created')[0]?.report.id).toBe(report.id);
    expect(mod.received('report.created')[0]?.report.id).toBe(report.id);
    expect(bo.received('report.created')).toEqual([]);
    // A double click is one report.
    expect((await chen.ok({ type: 'report.create', roomId: 'general', messageId: bad.id, reason: 'spam' })).id).toBe(report.id);

    expect((await ana.ok({ type: 'report.list' })).map((item) => item.id)).toEqual([report.id]);
    expect((await mod.ok({ type: 'report.list' })).map((item) => item.id)).toEqual([report.id]);
    expect(await chen.fail({ type: 'report.list', roomId: 'general' })).toMatchObject({ code: 'forbidden' });
    expect(await chen.ok({ type: 'report.list' })).toEqual([]);
  });

  it('are resolved by dismissing, deleting the message, muting or banning the author', async () => {
    const { ana, bo, chen } = await room();
    const first = await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'one' });
    const second = await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b2', text: 'two' });
    const r1 = await chen.ok({ type: 'report.create', roomId: 'general', messageId: first.id, reason: 'spam' });
    const r2 = await chen.ok({ type: 'report.create', roomId: 'general', messageId: second.id, reason: 'spam' });
    const r3 = await chen.ok({ type: 'report.create', roomId: 'general', userId: 'bo', reason: 'other', note: 'Keeps shouting' });
    const r4 = await ana.ok({ type: 'report.create', roomId: 'general', userId: 'chen', reason: 'inappropriate' });

    const deleted = await ana.ok({ type: 'report.resolve', roomId: 'general', reportId: r1.id, action: 'deleteMessage' });
    expect(deleted).toMatchObject({ status: 'resolved', resolution: 'deleteMessage', resolvedBy: 'ana' });
    expect(deleted.message?.deletedAt).toBeTypeOf('number');
    expect(ana.received('report.resolved').at(-1)?.report.id).toBe(r1.id);
    await ana.ok({ type: 'report.resolve', roomId: 'general', reportId: r2.id, action: 'muteAuthor', durationMs: TEN_MINUTES });
    expect((await bo.fail({ type: 'message.send', roomId: 'general', clientId: 'b3', text: 'x' })).code).toBe('forbidden');
    await ana.ok({ type: 'report.resolve', roomId: 'general', reportId: r4.id, action: 'dismiss' });
    await ana.ok({ type: 'report.resolve', roomId: 'general', reportId: r3.id, action: 'banAuthor' });
    expect(bo.received('room.left').at(-1)?.reason).toBe('removed');
    expect(await ana.ok({ type: 'report.list' })).toEqual([]);
    expect(await ana.fail({ type: 'report.resolve', roomId: 'general', reportId: r3.id, action: 'dismiss' })).toMatchObject({ code: 'conflict', message: 'This report was already resolved.' });
  });

  it('refuse bad input with sentences', async () => {
    const { ana, bo, chen } = await room();
    const mine = await chen.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'mine' });
    expect(await chen.fail({ type: 'report.create', roomId: 'general', messageId: mine.id, reason: 'spam' })).toMatchObject({ code: 'invalid', message: 'You cannot report yourself.' });
    expect(await chen.fail({ type: 'report.create', roomId: 'general', reason: 'spam' })).toMatchObject({ code: 'invalid', message: 'Name a message (messageId) or a person (userId) to report.' });
    expect(await chen.fail({ type: 'report.create', roomId: 'general', userId: 'bo', reason: 'rude' })).toMatchObject({ code: 'invalid', message: expect.stringContaining('spam, harassment, inappropriate or other') });
    expect(await chen.fail({ type: 'report.create', roomId: 'general', userId: 'bo', reason: 'spam', note: 'x'.repeat(501) })).toMatchObject({ code: 'invalid' });
    expect(await chen.fail({ type: 'report.create', roomId: 'general', messageId: 'nope', reason: 'spam' })).toMatchObject({ code: 'not_found' });
    const r = await chen.ok({ type: 'report.create', roomId: 'general', userId: 'bo', reason: 'spam' });
    expect(await bo.fail({ type: 'report.resolve', roomId: 'general', reportId: r.id, action: 'dismiss' })).toMatchObject({ code: 'forbidden' });
    expect(await ana.fail({ type: 'report.resolve', roomId: 'general', reportId: 'rep_nope', action: 'dismiss' })).toMatchObject({ code: 'not_found' });
    expect(await ana.fail({ type: 'report.resolve', roomId: 'general', reportId: r.id, action: 'deleteMessage' })).toMatchObject({ code: 'invalid', message: expect.stringContaining('names no message') });
  });
});

describe('moderation settings', () => {
  it('change the word filter and flood limit without a restart, and are kept in storage', async () => {
    const { server, ana, storage, clock } = await room();
    expect(await ana.fail({ type: 'moderation.setSettings', words: ['darn'] })).toMatchObject({ code: 'forbidden' });
    const set = await server.actAsSystem({ type: 'moderation.setSettings', words: ['darn'], floodLimit: { capacity: 2, refillPerSecond: 1 } });
    expect(set.ok && set.value).toEqual({ words: ['darn'], floodLimit: { capacity: 2, refillPerSecond: 1 } });
    expect((await ana.fail({ type: 'message.send', roomId: 'general', clientId: 'a1', text: 'Darn it' })).message).toBe('The message text contains a blocked word; please rephrase it.');

    // A second server over the same storage (a restart) reads them before its first command.
    const restarted = createChatServer({ storage, now: () => clock.now });
    const session = await restarted.connect('ana', () => {});
    const refused = await session.handle({ type: 'message.send', roomId: 'general', clientId: 'a2', text: 'darn' });
    expect(!refused.ok && refused.error.code).toBe('invalid');
    await session.handle({ type: 'message.send', roomId: 'general', clientId: 'a3', text: 'one' });
    const limited = await session.handle({ type: 'message.send', roomId: 'general', clientId: 'a4', text: 'three' });
    expect(!limited.ok && limited.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 1000 });
    const read = await restarted.actAsSystem({ type: 'moderation.getSettings' });
    expect(read.ok && read.value.words).toEqual(['darn']);
  });
});

describe('moderation in an export', () => {
  it('travels with the data: a ban, a mute, a site role and an open report survive an export and import', async () => {
    const { server, ana, bo, chen, clock } = await room();
    await server.actAsSystem({ type: 'user.setRole', userId: 'chen', role: 'moderator' });
    await ana.ok({ type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: TEN_MINUTES });
    const said = await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b0', text: 'before' }).catch(() => undefined);
    expect(said).toBeUndefined();
    const message = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'a1', text: 'mind your words' });
    await bo.ok({ type: 'report.create', roomId: 'general', messageId: message.id, reason: 'other' });
    await server.upsertUser({ id: 'dee', name: 'Dee' });
    await chen.ok({ type: 'member.ban', roomId: 'general', userId: 'dee' });

    const lines: string[] = [];
    for await (const record of server.exportData({ all: true })) lines.push(JSON.stringify(record));
    const target = createChatServer({ storage: createMemoryStorage(), now: () => clock.now, floodLimit: false });
    await target.importData(lines);
    expect((await target.getUser('chen'))?.role).toBe('moderator');
    expect((await target.getRoom('general'))?.members.find((member) => member.userId === 'bo')?.muted?.by).toBe('ana');
    const rejoin = await target.actAs('dee', { type: 'room.join', roomId: 'general' });
    expect(!rejoin.ok && rejoin.error.message).toBe('You are banned from this room until a moderator lifts it.');
    const reports = await target.actAsSystem({ type: 'report.list' });
    expect(reports.ok && reports.value.map((report) => report.messageId)).toEqual([message.id]);
  });
});

describe('moderation when a person is deleted', () => {
  it('forgets their bans and site role, so a new person with their id starts clean', async () => {
    const { server, ana } = await room();
    await server.actAsSystem({ type: 'user.setRole', userId: 'bo', role: 'moderator' });
    await server.actAsSystem({ type: 'user.setRole', userId: 'bo', role: 'user' });
    await ana.ok({ type: 'member.ban', roomId: 'general', userId: 'chen' });
    await server.actAsSystem({ type: 'user.setRole', userId: 'chen', role: 'moderator' });
    await server.deleteUser('chen');
    await server.upsertUser({ id: 'chen', name: 'Another Chen' });
    expect((await server.getUser('chen'))?.role).toBeUndefined();
    expect((await server.actAs('chen', { type: 'room.join', roomId: 'general' })).ok).toBe(true);
    expect(await ana.ok({ type: 'room.listBans', roomId: 'general' })).toEqual([]);
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
