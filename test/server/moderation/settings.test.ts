import { createChatServer } from '../../../src/server';
import { room } from './world';

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
