import { room, TEN_MINUTES } from './world';

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
