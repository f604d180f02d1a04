import { activeMute, canModerate, createChatClient, selectOpenReports, selectRoom, selectTimeline, type ChatClient } from '../../src/core';
import { ChatError } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function world(options: { floodLimit?: { capacity: number; refillPerSecond: number } | false } = {}) {
  const server = createReferenceServer({ floodLimit: options.floodLimit ?? false });
  for (const id of ['ana', 'bo', 'chen']) server.upsertUser({ id, name: id.toUpperCase() });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
  const clients: ChatClient[] = [];
  async function connect(userId: string): Promise<ChatClient> {
    const client = createChatClient({ transport: createMemoryTransport(server, { userId }) });
    clients.push(client);
    await client.connect();
    return client;
  }
  return { server, connect, close: () => clients.forEach((client) => client.close()) };
}

describe('client.moderation', () => {
  it('mutes a member: every client holds the mute, and it ends on time', async () => {
    const { connect, close } = world();
    const ana = await connect('ana');
    const bo = await connect('bo');
    await ana.moderation.mute('general', 'bo', { durationMs: 60_000, reason: ' Cool down ' });
    await flush();
    const member = selectRoom(bo.store.getState(), 'general')?.members.find((item) => item.userId === 'bo');
    expect(member?.muted).toMatchObject({ by: 'ana', reason: 'Cool down' });
    const until = member?.muted?.until as number;
    expect(activeMute(member, until - 1)).toBeDefined();
    expect(activeMute(member, until)).toBeUndefined();
    await expect(bo.sendMessage('general', { text: 'hi' })).rejects.toMatchObject({ code: 'forbidden' });
    await ana.moderation.unmute('general', 'bo');
    await flush();
    expect(selectRoom(bo.store.getState(), 'general')?.members.find((item) => item.userId === 'bo')?.muted).toBeUndefined();
    close();
  });

  it('reports a message; the admin’s queue fills live and empties when resolved', async () => {
    const { connect, close } = world();
    const ana = await connect('ana');
    const bo = await connect('bo');
    const chen = await connect('chen');
    const sent = await bo.sendMessage('general', { text: 'buy now' });
    expect(await ana.moderation.loadReports()).toEqual([]);
    const report = await chen.moderation.report('general', { messageId: sent.id, reason: 'spam', note: 'ads' });
    await flush();
    expect(selectOpenReports(ana.store.getState()).map((item) => item.id)).toEqual([report.id]);
    expect(selectOpenReports(ana.store.getState(), 'random')).toEqual([]);
    expect(selectOpenReports(chen.store.getState())).toEqual([]);
    await ana.moderation.resolveReport(report, 'deleteMessage');
    await flush();
    expect(selectOpenReports(ana.store.getState())).toEqual([]);
    await expect(chen.moderation.loadReports('general')).rejects.toBeInstanceOf(ChatError);
    close();
  });

  it('tells who may moderate: admins and site moderators, never in direct rooms', () => {
    const room = { kind: 'public' as const, members: [{ userId: 'ana', role: 'admin' as const, joinedAt: 0 }, { userId: 'bo', role: 'member' as const, joinedAt: 0 }] };
    expect(canModerate(room, 'ana', undefined)).toBe(true);
    expect(canModerate(room, 'bo', {})).toBe(false);
    expect(canModerate(room, 'mo', { role: 'moderator' })).toBe(true);
    expect(canModerate({ ...room, kind: 'direct' }, 'mo', { role: 'moderator' })).toBe(false);
    expect(canModerate(room, null, undefined)).toBe(false);
  });
});

describe('a throttled send', () => {
  it('shows until when the flood limit holds it, then goes by itself in order', async () => {
    const { connect, close } = world({ floodLimit: { capacity: 1, refillPerSecond: 20 } });
    const bo = await connect('bo');
    const first = bo.sendMessage('general', { text: 'one' });
    const second = bo.sendMessage('general', { text: 'two' });
    await first;
    await flush();
    const pending = selectTimeline(bo.store.getState(), 'general')?.pending[0];
    expect(pending?.text).toBe('two');
    expect(pending?.throttledUntil).toBeGreaterThan(Date.now() - 1000);
    const sent = await second;
    expect(sent.text).toBe('two');
    expect(selectTimeline(bo.store.getState(), 'general')?.pending).toEqual([]);
    close();
  });
});
