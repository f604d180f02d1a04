import { check, checkEqual, checkMatch, checkRefused } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * Messages: sending with sequences, idempotent retries, edits and deletes, reactions and threads.
 *
 * @example
 * messagesCases({ it, start, client });
 */
export function messagesCases({ it, start, client }: ConformanceContext): void {
  it('sends: the sender gets the message with a sequence, and the other member receives it as an event', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const message = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'hello' });
    checkMatch(message, { roomId: 'general', authorId: 'ana', text: 'hello', sequence: 1, clientId: 'c1' }, 'the sent message');
    const received = await bo.waitForEvent('message.created');
    checkEqual(received.message, message, "the message in the other member's event");
    const echo = await ana.waitForEvent('message.created');
    checkEqual(echo.message.id, message.id, "the sender's own message.created event");
  });

  it('is idempotent on the client id: a retried send yields the same message and no second event', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const first = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'same', text: 'once' });
    const again = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'same', text: 'once' });
    checkEqual(again, first, 'a send retried with the same client id');
    await bo.waitForEvent('message.created');
    await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'next', text: 'twice' });
    await bo.waitForEvent('message.created', (event) => event.message.clientId === 'next');
    checkEqual(
      bo.events.flatMap((event) => (event.type === 'message.created' ? [event.message.sequence] : [])),
      [1, 2],
      'the sequences of the message.created events the other member got',
    );
  });

  it('edits and deletes: only the author edits, the room sees both, a deleted message stays in its place', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const sent = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'e1', text: 'frist' });
    await checkRefused(bo.transport.request({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'not mine' }), 'forbidden', "an edit of someone else's message");
    const edited = await ana.transport.request({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'first' });
    checkMatch(edited, { id: sent.id, sequence: sent.sequence, text: 'first' }, 'the edited message');
    check(typeof edited.editedAt === 'number', 'an edited message carries editedAt', edited);
    const seenEdit = await bo.waitForEvent('message.updated', (event) => event.message.id === sent.id && event.message.text === 'first');
    checkEqual(seenEdit.message.sequence, sent.sequence, 'the sequence of an edited message');
    await checkRefused(bo.transport.request({ type: 'message.delete', roomId: 'general', messageId: sent.id }), 'forbidden', "a member deleting someone else's message");
    const deleted = await ana.transport.request({ type: 'message.delete', roomId: 'general', messageId: sent.id });
    check(typeof deleted.deletedAt === 'number', 'a deleted message carries deletedAt', deleted);
    await bo.waitForEvent('message.updated', (event) => event.message.id === sent.id && event.message.deletedAt !== undefined);
    await checkRefused(ana.transport.request({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'again' }), 'conflict', 'an edit of a deleted message');
    const page = await bo.transport.request({ type: 'message.history', roomId: 'general' });
    checkEqual(page.messages.map((m) => [m.sequence, m.deletedAt !== undefined]), [[1, true]], 'the history after a delete (the sequence stays, as a tombstone)');
    const next = await bo.transport.request({ type: 'message.send', roomId: 'general', clientId: 'e2', text: 'after' });
    checkEqual(next.sequence, 2, 'the sequence after a deleted message');
  });

  it('toggles reactions: one entry per emoji with who reacted, seen by the room', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const sent = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'r1', text: 'lunch?' });
    const once = await bo.transport.request({ type: 'reaction.toggle', roomId: 'general', messageId: sent.id, emoji: '👍' });
    checkEqual(once.reactions, [{ emoji: '👍', userIds: ['bo'] }], 'the reactions after one toggle');
    const seen = await ana.waitForEvent('message.updated', (event) => event.message.id === sent.id && event.message.reactions.length === 1);
    checkEqual(seen.message.reactions, [{ emoji: '👍', userIds: ['bo'] }], 'the reactions in the event');
    const both = await ana.transport.request({ type: 'reaction.toggle', roomId: 'general', messageId: sent.id, emoji: '👍' });
    checkEqual(both.reactions, [{ emoji: '👍', userIds: ['bo', 'ana'] }], 'the reactions after a second person toggles the same emoji');
    const off = await bo.transport.request({ type: 'reaction.toggle', roomId: 'general', messageId: sent.id, emoji: '👍' });
    checkEqual(off.reactions, [{ emoji: '👍', userIds: ['ana'] }], 'the reactions after a person toggles theirs off');
    checkEqual(off.sequence, sent.sequence, 'the sequence of a message with reactions');
  });

  it('keeps threads: replies count on their parent, stay out of the main timeline, and page on their own', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const parent = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 't0', text: 'plans?' });
    for (let index = 1; index <= 3; index++) {
      const reply = await bo.transport.request({ type: 'message.send', roomId: 'general', clientId: `t${index}`, text: `reply ${index}`, parentId: parent.id });
      checkMatch(reply, { parentId: parent.id, sequence: parent.sequence + index }, `reply ${index}`);
    }
    const counted = await ana.waitForEvent('message.updated', (event) => event.message.id === parent.id && event.message.replyCount === 3);
    check(typeof counted.message.lastReplyAt === 'number', 'a parent with replies carries lastReplyAt', counted.message);
    const main = await ana.transport.request({ type: 'message.history', roomId: 'general' });
    checkEqual(main.messages.map((m) => m.id), [parent.id], 'the main timeline (replies are not in it)');
    const thread = await ana.transport.request({ type: 'thread.history', roomId: 'general', parentId: parent.id });
    checkEqual(thread.messages.map((m) => m.text), ['reply 1', 'reply 2', 'reply 3'], 'the thread, oldest first');
    const older = await ana.transport.request({ type: 'thread.history', roomId: 'general', parentId: parent.id, before: parent.sequence + 3, limit: 1 });
    checkEqual(older.messages.map((m) => m.text), ['reply 2'], 'a thread page before the newest reply');
    checkEqual(older.hasMore, true, 'hasMore of a thread page with an older reply left');
    const reply = (await ana.transport.request({ type: 'thread.history', roomId: 'general', parentId: parent.id })).messages[0]!;
    await checkRefused(
      ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'nested', text: 'deeper', parentId: reply.id }),
      'invalid',
      'a reply to a reply',
    );
  });
}
