import { createChatServer, createMemoryStorage } from '../../../src/server';
import { room, TEN_MINUTES } from './world';

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
