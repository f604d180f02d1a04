import { setup } from './helpers';

describe('the host app acting as the system', () => {
  it('manages a private room it is not in, under the room’s own rules', async () => {
    const { server, person } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await person('chen');
    await server.createRoom({ id: 'team', name: 'team', kind: 'private', createdBy: 'ana' });

    const added = await server.actAsSystem({ type: 'room.addMembers', roomId: 'team', userIds: ['bo', 'chen'] });
    expect(added.ok && added.value.members.map((member) => member.userId)).toEqual(['ana', 'bo', 'chen']);
    expect(bo.received('room.joined')[0]?.room.id).toBe('team');
    expect(ana.received('room.updated').at(-1)?.room.members).toHaveLength(3);

    const promoted = await server.actAsSystem({ type: 'room.setRole', roomId: 'team', userId: 'bo', role: 'admin' });
    expect(promoted.ok).toBe(true);
    const demoted = await server.actAsSystem({ type: 'room.setRole', roomId: 'team', userId: 'ana', role: 'member' });
    expect(demoted.ok).toBe(true);
    // The last admin still cannot step down, whoever asks.
    const last = await server.actAsSystem({ type: 'room.setRole', roomId: 'team', userId: 'bo', role: 'member' });
    expect(!last.ok && last.error.code).toBe('conflict');

    const sent = await ana.ok({ type: 'message.send', roomId: 'team', clientId: 'c1', text: 'rude words' });
    const edited = await server.actAsSystem({ type: 'message.edit', roomId: 'team', messageId: sent.id, text: 'kind words' });
    expect(edited.ok && edited.value).toMatchObject({ text: 'kind words', authorId: 'ana', editedAt: expect.any(Number) });
    const deleted = await server.actAsSystem({ type: 'message.delete', roomId: 'team', messageId: sent.id });
    expect(deleted.ok && deleted.value.deletedAt).toBeTypeOf('number');

    const removed = await server.actAsSystem({ type: 'room.removeMembers', roomId: 'team', userIds: ['chen'] });
    expect(removed.ok && removed.value.members.map((member) => member.userId)).toEqual(['ana', 'bo']);
  });

  it('cannot speak as nobody or act on a room that does not exist', async () => {
    const { server, person } = await setup();
    await person('ana');
    await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana' });
    const send = await server.actAsSystem({ type: 'message.send', roomId: 'general', clientId: 'x', text: 'hi' });
    expect(!send.ok && send.error).toMatchObject({ code: 'invalid', message: 'The system cannot run message.send; it manages rooms and edits or deletes messages.' });
    const missing = await server.actAsSystem({ type: 'room.addMembers', roomId: 'nowhere', userIds: ['ana'] });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const bad = await server.actAsSystem({ type: 'room.addMembers', roomId: 'general' } as never);
    expect(!bad.ok && bad.error.code).toBe('invalid');
  });
});
