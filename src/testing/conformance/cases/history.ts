import { checkEqual, range } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * History: pages in both directions, and resume with a bounded replay that may be cut.
 *
 * @example
 * historyCases({ it, start, client });
 */
export function historyCases({ it, start, client }: ConformanceContext): void {
  it('pages history backwards and forwards in sequence order, at most 100 a page', async () => {
    const { server } = await start();
    for (let index = 1; index <= 250; index++) await server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `h${index}`, text: `${index}` });
    const ana = await client('ana');
    const newest = await ana.transport.request({ type: 'message.history', roomId: 'general', limit: 500 });
    checkEqual(
      newest.messages.map((m) => m.sequence),
      range(151, 100),
      'the newest page asked with limit 500',
    );
    checkEqual(newest.hasMore, true, 'hasMore of the newest page');
    const older = await ana.transport.request({ type: 'message.history', roomId: 'general', before: 151, limit: 100 });
    checkEqual(
      older.messages.map((m) => m.sequence),
      range(51, 100),
      'the page before 151',
    );
    const oldest = await ana.transport.request({ type: 'message.history', roomId: 'general', before: 51, limit: 100 });
    checkEqual(
      oldest.messages.map((m) => m.sequence),
      range(1, 50),
      'the page before 51',
    );
    checkEqual(oldest.hasMore, false, 'hasMore of the oldest page');
    const after = await ana.transport.request({ type: 'message.history', roomId: 'general', after: 240, limit: 5 });
    checkEqual(
      after.messages.map((m) => m.sequence),
      [241, 242, 243, 244, 245],
      'the page after 240',
    );
    checkEqual(after.hasMore, true, 'hasMore of the page after 240');
  });

  it('resumes after a sequence: replays up to 100, and says the timeline is cut beyond that', async () => {
    const { server } = await start();
    for (let index = 1; index <= 150; index++) await server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `r${index}`, text: `${index}` });
    const ana = await client('ana');
    const near = await ana.transport.request({ type: 'room.resume', roomId: 'general', afterSequence: 50 });
    checkEqual(near.cut, false, 'cut, resuming 100 messages back');
    checkEqual(
      near.messages.map((m) => m.sequence),
      range(51, 100),
      'the messages replayed after 50',
    );
    const far = await ana.transport.request({ type: 'room.resume', roomId: 'general', afterSequence: 49 });
    checkEqual(far.cut, true, 'cut, resuming 101 messages back');
    checkEqual(
      far.messages.map((m) => m.sequence),
      range(51, 100),
      'the newest 100 messages replayed after a cut',
    );
    checkEqual(far.room.lastSequence, 150, 'room.lastSequence after a cut');
  });
}
