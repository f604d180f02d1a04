import { room, TEN_MINUTES } from './world';

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
