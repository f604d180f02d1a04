import { room } from './world';

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
