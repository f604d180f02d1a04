import { check, checkEqual, checkRefused } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * Bad input: typed errors with a sentence, and the server keeps serving.
 *
 * @example
 * errorsCases({ it, start, client });
 */
export function errorsCases({ it, start, client }: ConformanceContext): void {
  it('answers bad input with a typed error and a human sentence, and keeps serving', async () => {
    await start({ maxTextBytes: 10 });
    const ana = await client('ana');
    const chen = await client('chen');
    const tooLarge = await checkRefused(
      ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'big', text: '12345678901' }),
      'too_large',
      'a text over maxTextBytes',
    );
    check(/\w+ .*\./.test(tooLarge.message), 'the error says what is wrong in a sentence', tooLarge.message);
    await checkRefused(ana.transport.request({ type: 'message.send', roomId: 'nowhere', clientId: 'x', text: 'hi' }), 'not_found', 'a send to a room that does not exist');
    await checkRefused(chen.transport.request({ type: 'message.send', roomId: 'general', clientId: 'x', text: 'hi' }), 'forbidden', 'a send by a non-member');
    await checkRefused(chen.transport.request({ type: 'message.history', roomId: 'general' }), 'forbidden', 'history read by a non-member');
    await checkRefused(ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'x', text: 42 } as never), 'invalid', 'a send whose text is a number');
    await checkRefused(ana.transport.request({ type: 'no.such.command' } as never), 'invalid', 'an unknown command');
    const fine = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'ok', text: 'still ok' });
    checkEqual(fine.sequence, 1, 'the sequence of the first accepted message after the refusals');
  });
}
