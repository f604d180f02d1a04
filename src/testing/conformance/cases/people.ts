import { checkEqual, checkRefused } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * People: profiles and blocking (the blocked person's messages are hidden from the blocker, who
 * still sees the room's sequences without holes).
 *
 * @example
 * peopleCases({ it, start, client });
 */
export function peopleCases({ it, start, client }: ConformanceContext): void {
  it('updates one’s profile and tells the people one shares a room with', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const updated = await ana.transport.request({ type: 'user.update', name: 'Ana María' });
    checkEqual(updated.name, 'Ana María', 'the name after an update');
    await bo.waitForEvent('user.updated', (event) => event.user.id === 'ana' && event.user.name === 'Ana María');
    const [found] = await bo.transport.request({ type: 'user.get', userIds: ['ana'] });
    checkEqual(found?.name, 'Ana María', 'the profile read back');
    await checkRefused(bo.transport.request({ type: 'user.get', userIds: ['nobody'] }), 'not_found', 'a profile that does not exist');
  });

  it("blocks: the blocker stops receiving the blocked person's messages, and unblocking brings new ones back", async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const blocked = await ana.transport.request({ type: 'user.block', userId: 'bo' });
    checkEqual(blocked.blockedUserIds, ['bo'], 'the block list after blocking');
    await ana.waitForEvent('blocks.updated', (event) => event.blockedUserIds.includes('bo'));
    const hiddenFromAna = await bo.transport.request({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'can you see me?' });
    const hidden = await ana.waitForEvent('message.hidden', (event) => event.sequence === hiddenFromAna.sequence);
    checkEqual(hidden.roomId, 'general', 'the room of the hidden message');
    checkEqual(
      ana.events.some((event) => event.type === 'message.created' && event.message.authorId === 'bo'),
      false,
      "whether ana received bo's message",
    );
    await checkRefused(ana.transport.request({ type: 'user.block', userId: 'ana' }), 'invalid', 'blocking oneself');
    const unblocked = await ana.transport.request({ type: 'user.unblock', userId: 'bo' });
    checkEqual(unblocked.blockedUserIds, [], 'the block list after unblocking');
    const seen = await bo.transport.request({ type: 'message.send', roomId: 'general', clientId: 'b2', text: 'and now?' });
    await ana.waitForEvent('message.created', (event) => event.message.id === seen.id);
    checkEqual(seen.sequence, hiddenFromAna.sequence + 1, 'the sequence after the hidden message');
  });
}
