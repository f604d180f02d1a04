import { checkEqual, checkMatch, checkRefused } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * Read cursors: forward only, told to the room, listed for members.
 *
 * @example
 * cursorsCases({ it, start, client });
 */
export function cursorsCases({ it, start, client }: ConformanceContext): void {
  it('moves read cursors forward only, and tells the room', async () => {
    const { server } = await start();
    for (let index = 1; index <= 5; index++) await server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `${index}` });
    const ana = await client('ana');
    const bo = await client('bo');
    const cursor = await bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 4 });
    checkMatch(cursor, { roomId: 'general', userId: 'bo', sequence: 4 }, 'the cursor set');
    const seen = await ana.waitForEvent('cursor.updated', (event) => event.cursor.userId === 'bo');
    checkEqual(seen.cursor.sequence, 4, 'the cursor in the cursor.updated event');
    const back = await bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 2 });
    checkEqual(back.sequence, 4, 'a cursor set backwards');
  });

  it("lists a room's cursors for its members, and for no one else", async () => {
    const { server } = await start();
    for (let index = 1; index <= 3; index++) await server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: `l${index}`, text: `${index}` });
    const ana = await client('ana');
    const bo = await client('bo');
    const chen = await client('chen');
    await bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 2 });
    await ana.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 3 });
    const cursors = await bo.transport.request({ type: 'cursor.list', roomId: 'general' });
    checkEqual(
      cursors.map((cursor) => [cursor.userId, cursor.sequence]).sort(),
      [['ana', 3], ['bo', 2]],
      "the room's cursors",
    );
    await checkRefused(bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 99 }), 'invalid', 'a cursor past the newest message');
    await checkRefused(chen.transport.request({ type: 'cursor.list', roomId: 'general' }), 'forbidden', 'cursors read by a non-member');
  });
}
