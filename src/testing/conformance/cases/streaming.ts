import { check, checkEqual, checkMatch, checkRefused } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * Streamed messages: a message written piece by piece reaches the other members as small
 * `message.appended` events, and ends with one `message.updated`.
 *
 * @example
 * streamingCases({ it, start, client });
 */
export function streamingCases({ it, start, client }: ConformanceContext): void {
  it('streams: pieces arrive as message.appended in order, history holds the text so far, and the end is one message.updated', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const started = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 's1', text: '', streaming: { requestedBy: 'bo' } });
    checkMatch(started, { text: '', streaming: { state: 'generating', requestedBy: 'bo' } }, 'a streamed message as it starts');
    await bo.waitForEvent('message.created', (event) => event.message.id === started.id);
    checkEqual(await ana.transport.request({ type: 'message.append', roomId: 'general', messageId: started.id, offset: 0, piece: 'Hel' }), { length: 3 }, 'the first append');
    checkEqual(await ana.transport.request({ type: 'message.append', roomId: 'general', messageId: started.id, offset: 3, piece: 'lo' }), { length: 5 }, 'the second append');
    await bo.waitForEvent('message.appended', (event) => event.offset === 3);
    checkEqual(
      bo.events.flatMap((event) => (event.type === 'message.appended' ? [[event.offset, event.piece]] : [])),
      [
        [0, 'Hel'],
        [3, 'lo'],
      ],
      'the pieces the other member received',
    );
    const page = await bo.transport.request({ type: 'message.history', roomId: 'general' });
    checkEqual(page.messages[0]?.text, 'Hello', 'the text so far in history');
    await checkRefused(ana.transport.request({ type: 'message.append', roomId: 'general', messageId: started.id, offset: 9, piece: 'x' }), 'conflict', 'a piece beyond the end of the text');
    const stopped = await bo.transport.request({ type: 'message.stop', roomId: 'general', messageId: started.id });
    checkMatch(stopped, { text: 'Hello', streaming: { state: 'stopped' } }, 'the message stopped by the person who asked');
    const told = await ana.waitForEvent('message.updated', (event) => event.message.id === started.id);
    check(told.message.streaming?.state === 'stopped', 'the author hears of the stop', told.message);
  });
}
