import { setup } from './helpers';

describe('session snapshot', () => {
  it('carries each room’s newest top-level message the person may see, for previews', async () => {
    const { server, connect } = await setup();
    for (const id of ['ana', 'bo', 'chen']) await server.upsertUser({ id, name: id });
    await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
    await server.createRoom({ id: 'quiet', name: 'quiet', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const first = await server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'a1', text: 'top' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    await server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'b1', text: 'a reply', parentId: first.value.id });
    await server.actAs('chen', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'from chen' });
    await server.actAs('bo', { type: 'user.block', userId: 'chen' });

    const bo = await (await connect('bo')).session.snapshot();
    // Chen is blocked and the reply is in a thread: Bo's preview of general is Ana's message. Quiet has none.
    expect(bo.lastMessages?.map((message) => [message.roomId, message.text])).toEqual([['general', 'top']]);
    const ana = await (await connect('ana')).session.snapshot();
    expect(ana.lastMessages?.find((message) => message.roomId === 'general')?.text).toBe('from chen');
  });
});
