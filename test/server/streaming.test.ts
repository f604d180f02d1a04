import { STREAM_PIECE_MAX_BYTES, type Message } from '../../src/protocol';
import { createChatServer } from '../../src/server';
import { AUTHOR_RECONNECT_GRACE_MS, freshPart, isAbandoned } from '../../src/server/streaming';
import { setup, textOfBytes } from './helpers';

/** A room with a bot, the person who asks it (ana), a bystander (bo) and ana as the room's admin. */
async function room(options: Parameters<typeof setup>[0] = {}) {
  const env = await setup(options);
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  const bot = await env.person('bot');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'bot'] });
  for (const who of [ana, bo, bot]) who.clear();
  const start = (extra: { parentId?: string } = {}) =>
    bot.ok({ type: 'message.send', roomId: 'r', clientId: `s${Math.random()}`, text: '', streaming: { requestedBy: 'ana' }, ...extra });
  const append = (message: Message, offset: number, piece: string) => bot.ok({ type: 'message.append', roomId: 'r', messageId: message.id, offset, piece });
  return { ...env, ana, bo, bot, start, append };
}

describe('streamed messages', () => {
  it('start empty in the generating state and grow by small appended deltas that every member sees', async () => {
    const { ana, bo, start, append } = await room();
    const message = await start();
    expect(message).toMatchObject({ text: '', streaming: { state: 'generating', requestedBy: 'ana' } });
    expect(bo.received('message.created').map((event) => event.message.streaming?.state)).toEqual(['generating']);
    expect(await append(message, 0, 'Hello')).toEqual({ length: 5 });
    expect(await append(message, 5, ', world')).toEqual({ length: 12 });
    for (const who of [ana, bo]) {
      expect(who.received('message.appended')).toEqual([
        { type: 'message.appended', roomId: 'r', messageId: message.id, sequence: message.sequence, offset: 0, piece: 'Hello' },
        { type: 'message.appended', roomId: 'r', messageId: message.id, sequence: message.sequence, offset: 5, piece: ', world' },
      ]);
      // Pieces travel as deltas, never as the whole message again.
      expect(who.received('message.updated')).toEqual([]);
    }
  });

  it('merges pieces into the stored text: a viewer who opens the room halfway gets the text so far from history, resume and the snapshot', async () => {
    const { start, append, connect, person } = await room();
    const message = await start();
    await append(message, 0, 'The answer ');
    await append(message, 11, 'is 42');
    const late = await connect('bo');
    const page = await late.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages.map((m) => [m.text, m.streaming?.state])).toEqual([['The answer is 42', 'generating']]);
    const resumed = await late.ok({ type: 'room.resume', roomId: 'r', afterSequence: 0 });
    expect(resumed.messages[0]?.text).toBe('The answer is 42');
    expect((await late.session.snapshot()).lastMessages?.[0]?.text).toBe('The answer is 42');
    // Someone who joins the room only now sees the same.
    const cy = await person('cy');
    await cy.ok({ type: 'room.join', roomId: 'r' });
    expect((await cy.ok({ type: 'message.history', roomId: 'r' })).messages[0]?.text).toBe('The answer is 42');
  });

  it('finishes as a normal message: complete, not marked edited, one message.updated, and no more pieces', async () => {
    const { bo, bot, start, append } = await room();
    const message = await start();
    await append(message, 0, 'Done.');
    bo.clear();
    const finished = await bot.ok({ type: 'message.finish', roomId: 'r', messageId: message.id });
    expect(finished).toMatchObject({ text: 'Done.', streaming: { state: 'complete', requestedBy: 'ana' } });
    expect(finished.editedAt).toBeUndefined();
    expect(bo.received('message.updated').map((event) => event.message)).toEqual([finished]);
    // Finishing again changes nothing and tells nobody.
    bo.clear();
    expect(await bot.ok({ type: 'message.finish', roomId: 'r', messageId: message.id })).toEqual(finished);
    expect(bo.events).toEqual([]);
    expect((await bot.fail({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 5, piece: '!' })).code).toBe('conflict');
  });

  it('is stopped by the person who asked (the author is told by message.updated and appends are refused), and by a room admin', async () => {
    const { ana, bo, bot, start, append } = await room();
    const first = await start();
    await append(first, 0, 'Partial');
    bot.clear();
    const stopped = await ana.ok({ type: 'message.stop', roomId: 'r', messageId: first.id });
    expect(stopped).toMatchObject({ text: 'Partial', streaming: { state: 'stopped', requestedBy: 'ana' } });
    expect(bot.received('message.updated').map((event) => event.message.streaming?.state)).toEqual(['stopped']);
    const refused = await bot.fail({ type: 'message.append', roomId: 'r', messageId: first.id, offset: 7, piece: ' more' });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/stopped/);
    // The stop stands: a finish after it changes nothing.
    expect((await bot.ok({ type: 'message.finish', roomId: 'r', messageId: first.id })).streaming?.state).toBe('stopped');

    // bo is an admin of this room now: admins may stop any streamed message.
    await ana.ok({ type: 'room.setRole', roomId: 'r', userId: 'bo', role: 'admin' });
    const second = await bot.ok({ type: 'message.send', roomId: 'r', clientId: 'two', text: '', streaming: { requestedBy: 'ana' } });
    expect((await bo.ok({ type: 'message.stop', roomId: 'r', messageId: second.id })).streaming?.state).toBe('stopped');
  });

  it('refuses a stop from a member who neither asked nor administers the room, and pieces from anyone but the author', async () => {
    const { bo, start, append } = await room();
    const message = await start();
    await append(message, 0, 'Hi');
    const stop = await bo.fail({ type: 'message.stop', roomId: 'r', messageId: message.id });
    expect(stop.code).toBe('forbidden');
    expect(stop.message).toMatch(/asked for this answer/);
    expect((await bo.fail({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 2, piece: 'x' })).code).toBe('forbidden');
    expect((await bo.fail({ type: 'message.finish', roomId: 'r', messageId: message.id })).code).toBe('forbidden');
    // A normal message takes no pieces.
    const plain = await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'p', text: 'plain' });
    expect((await bo.fail({ type: 'message.append', roomId: 'r', messageId: plain.id, offset: 5, piece: '!' })).code).toBe('invalid');
    // Nothing stored was lost.
    expect((await bo.ok({ type: 'message.history', roomId: 'r' })).messages.map((m) => m.text)).toEqual(['Hi', 'plain']);
  });

  it('refuses a requester who is not in the room, a piece over the piece limit, and a piece that would pass the text limit, keeping the text', async () => {
    const { bot, start, append, person } = await room();
    await person('outsider');
    const outsider = await bot.fail({ type: 'message.send', roomId: 'r', clientId: 'o', text: '', streaming: { requestedBy: 'outsider' } });
    expect(outsider.code).toBe('invalid');
    const message = await start();
    const big = await bot.fail({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 0, piece: 'a'.repeat(STREAM_PIECE_MAX_BYTES + 1) });
    expect(big.code).toBe('too_large');
    expect(big.message).toContain(`${STREAM_PIECE_MAX_BYTES}`);
    const piece = textOfBytes(1000);
    let offset = 0;
    for (let i = 0; i < 5; i++) offset = (await append(message, offset, piece)).length;
    const over = await bot.fail({ type: 'message.append', roomId: 'r', messageId: message.id, offset, piece: textOfBytes(200) });
    expect(over.code).toBe('too_large');
    expect(over.message).toMatch(/5120/);
    const stored = (await bot.ok({ type: 'message.history', roomId: 'r' })).messages[0];
    expect(stored?.text).toBe(piece.repeat(5));
    expect(stored?.streaming?.state).toBe('generating');
  });

  it('takes a resent piece after a reconnect once: what the server holds is skipped, a piece beyond the end is a conflict naming where to resume', async () => {
    const { bo, start, append, connect } = await room();
    const message = await start();
    await append(message, 0, 'abc');
    // The bot's connection dropped before the answer came; it reconnects and resends from what it last knew.
    const again = await connect('bot');
    bo.clear();
    expect(await again.ok({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 0, piece: 'abc' })).toEqual({ length: 3 });
    expect(bo.received('message.appended')).toEqual([]);
    expect(await again.ok({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 1, piece: 'bcdef' })).toEqual({ length: 6 });
    expect(bo.received('message.appended').map((event) => [event.offset, event.piece])).toEqual([[3, 'def']]);
    const gap = await again.fail({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 9, piece: 'xyz' });
    expect(gap.code).toBe('conflict');
    expect(gap.message).toMatch(/from 6/);
    expect((await again.ok({ type: 'message.history', roomId: 'r' })).messages[0]?.text).toBe('abcdef');
  });

  it('streams thread replies with their parent in the delta, and hides pieces from members who block the bot', async () => {
    const { ana, bo, start, append } = await room();
    const question = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'q', text: '@bot why?' });
    await bo.ok({ type: 'user.block', userId: 'bot' });
    bo.clear();
    ana.clear();
    const reply = await start({ parentId: question.id });
    await append(reply, 0, 'Because.');
    expect(ana.received('message.appended')).toEqual([
      { type: 'message.appended', roomId: 'r', messageId: reply.id, sequence: reply.sequence, parentId: question.id, offset: 0, piece: 'Because.' },
    ]);
    expect(bo.received('message.appended')).toEqual([]);
    expect(bo.received('message.hidden').map((event) => event.sequence)).toEqual([reply.sequence]);
  });

  it('cannot be edited while it is written, and can once it ended', async () => {
    const { bot, start, append } = await room();
    const message = await start();
    await append(message, 0, 'Draft');
    const refused = await bot.fail({ type: 'message.edit', roomId: 'r', messageId: message.id, text: 'Changed' });
    expect(refused.code).toBe('conflict');
    await bot.ok({ type: 'message.finish', roomId: 'r', messageId: message.id });
    expect(await bot.ok({ type: 'message.edit', roomId: 'r', messageId: message.id, text: 'Changed' })).toMatchObject({ text: 'Changed', streaming: { state: 'complete' } });
  });

  it('masks blocked words piece by piece with the word filter', async () => {
    const { bo, start, append } = await room({ wordFilter: { words: ['darn'], action: 'mask' } });
    const message = await start();
    await append(message, 0, 'Oh darn ');
    expect(bo.received('message.appended').map((event) => event.piece)).toEqual(['Oh **** ']);
  });
});

describe('freshPart', () => {
  it('skips what is held, keeps what is new, and refuses a piece beyond the end', () => {
    expect(freshPart('Hello', 5, ' you')).toBe(' you');
    expect(freshPart('Hello', 3, 'lo you')).toBe(' you');
    expect(freshPart('Hello', 0, 'Hel')).toBeNull();
    expect(() => freshPart('Hello', 6, 'x')).toThrow(/from 5/);
  });
});

describe('abandoned streamed messages', () => {
  it('a stream with no piece for streamIdleMs is ended by the sweep as stopped, its text kept, every member told', async () => {
    const { server, clock, ana, bo, bot, start, append } = await room({ streamIdleMs: 30_000 });
    const message = await start();
    await append(message, 0, 'Half an ans');
    clock.now += 29_999;
    // The author is connected and only slow: not yet.
    expect(await server.sweepStreams()).toBe(0);
    bo.clear();
    clock.now += 1;
    expect(await server.sweepStreams()).toBe(1);
    for (const who of [ana, bo]) {
      expect(who.received('message.updated').map((event) => [event.message.id, event.message.text, event.message.streaming?.state])).toEqual([
        [message.id, 'Half an ans', 'stopped'],
      ]);
    }
    const page = await ana.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages.map((m) => [m.text, m.streaming])).toEqual([['Half an ans', { state: 'stopped', requestedBy: 'ana' }]]);
    // The author's late piece is refused as for a stopped message, and a second sweep finds nothing.
    expect((await bot.fail({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 11, piece: 'wer' })).code).toBe('conflict');
    expect(await server.sweepStreams()).toBe(0);
  });

  it('each piece restarts the idle time, and finished or stopped streams are never swept', async () => {
    const { server, clock, ana, bot, start, append } = await room({ streamIdleMs: 30_000 });
    const slow = await start();
    const finished = await start();
    const stopped = await start();
    await bot.ok({ type: 'message.finish', roomId: 'r', messageId: finished.id });
    await ana.ok({ type: 'message.stop', roomId: 'r', messageId: stopped.id });
    clock.now += 20_000;
    await append(slow, 0, 'still ');
    clock.now += 20_000;
    expect(await server.sweepStreams()).toBe(0);
    await append(slow, 6, 'here');
    clock.now += 60_000;
    expect(await server.sweepStreams()).toBe(1);
    const page = await ana.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages.map((m) => [m.id, m.text, m.streaming?.state])).toEqual([
      [slow.id, 'still here', 'stopped'],
      [finished.id, '', 'complete'],
      [stopped.id, '', 'stopped'],
    ]);
  });

  it("ends a stream soon after its author's last session closed, but not while the author reconnects within the grace", async () => {
    const { server, clock, connect, ana, bot, start, append } = await room();
    const message = await start();
    await append(message, 0, 'Thinking about');
    // The bot's connection drops; it reconnects within the grace and carries on.
    await bot.session.close();
    clock.now += AUTHOR_RECONNECT_GRACE_MS - 1;
    expect(await server.sweepStreams()).toBe(0);
    const again = await connect('bot');
    clock.now += AUTHOR_RECONNECT_GRACE_MS;
    expect(await server.sweepStreams()).toBe(0);
    await again.ok({ type: 'message.append', roomId: 'r', messageId: message.id, offset: 14, piece: ' it' });
    // Now the bot goes for good: ended once the grace passes, long before the idle time.
    await again.session.close();
    clock.now += AUTHOR_RECONNECT_GRACE_MS;
    expect(await server.sweepStreams()).toBe(1);
    const page = await ana.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages.map((m) => [m.text, m.streaming?.state])).toEqual([['Thinking about it', 'stopped']]);
  });

  it('a stream written through the admin API (no session) waits the whole idle time', async () => {
    const { server, clock, bot } = await room({ streamIdleMs: 30_000 });
    // A webhook bot: it has no socket at all.
    await bot.session.close();
    const outcome = await server.actAs('bot', { type: 'message.send', roomId: 'r', clientId: 'hook-1', text: '', streaming: { requestedBy: 'ana' } });
    if (!outcome.ok) throw outcome.error;
    clock.now += AUTHOR_RECONNECT_GRACE_MS + 1;
    expect(await server.sweepStreams()).toBe(0);
    clock.now += 30_000;
    expect(await server.sweepStreams()).toBe(1);
  });

  it('a stream left generating in storage (a host that died) is ended by the first sweep of a new server on that storage', async () => {
    const { storage, clock, start, append, ana } = await room({ streamIdleMs: 30_000 });
    const message = await start();
    await append(message, 0, 'Cut off');
    clock.now += 45_000;
    // A new server over the same storage, as a host started again.
    const restarted = createChatServer({ storage, now: () => clock.now, floodLimit: false, streamIdleMs: 30_000 });
    expect(await restarted.sweepStreams()).toBe(1);
    const page = await ana.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages.map((m) => [m.text, m.streaming?.state])).toEqual([['Cut off', 'stopped']]);
  });

  it('forgets the streams of deleted messages without telling anyone', async () => {
    const { server, clock, bo, bot, start } = await room({ streamIdleMs: 30_000 });
    const message = await start();
    await bot.ok({ type: 'message.delete', roomId: 'r', messageId: message.id });
    bo.clear();
    clock.now += 60_000;
    expect(await server.sweepStreams()).toBe(0);
    expect(bo.received('message.updated')).toEqual([]);
  });

  it('isAbandoned: silent for the idle time, or for the grace once a socket author is gone', () => {
    expect(isAbandoned({ touchedAt: 0, bySession: true }, 59_999, 60_000, true)).toBe(false);
    expect(isAbandoned({ touchedAt: 0, bySession: true }, 60_000, 60_000, true)).toBe(true);
    expect(isAbandoned({ touchedAt: 0, bySession: true }, AUTHOR_RECONNECT_GRACE_MS, 60_000, false)).toBe(true);
    expect(isAbandoned({ touchedAt: 0, bySession: false }, AUTHOR_RECONNECT_GRACE_MS, 60_000, false)).toBe(false);
    // A short idle time bounds the grace too.
    expect(isAbandoned({ touchedAt: 0, bySession: true }, 2_000, 2_000, false)).toBe(true);
  });
});
