import { createReferenceServer, DEFAULT_FLOOD_LIMIT, DEFAULT_READ_LIMIT, type FloodLimit } from '../../src/server';
import { TYPING_TTL_MS } from '../../src/protocol';
import { ChatError } from '../../src/protocol';
import { setup } from './memoryHelpers';

function floodRoom(floodLimit: FloodLimit | false | undefined) {
  const env = setup({ floodLimit });
  const ana = env.person('ana');
  const bo = env.person('bo');
  env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  ana.clear();
  bo.clear();
  return { ...env, ana, bo };
}

describe('flood limit', () => {
  it('defaults to a burst of 20 writes refilled at 5 a second, on the injected clock', () => {
    expect(DEFAULT_FLOOD_LIMIT).toEqual({ capacity: 20, refillPerSecond: 5 });
    const { ana, bo, clock, server } = floodRoom(undefined);
    for (let i = 0; i < 20; i++) ana.ok({ type: 'message.send', roomId: 'r', clientId: `c${i}`, text: 'x' });
    bo.clear();
    const limited = ana.fail({ type: 'message.send', roomId: 'r', clientId: 'c20', text: 'x' });
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterMs).toBe(200);
    expect(bo.events).toEqual([]);
    expect(server.getRoom('r')?.lastSequence).toBe(20);
    clock.now += 199;
    expect(ana.fail({ type: 'message.send', roomId: 'r', clientId: 'c20', text: 'x' }).retryAfterMs).toBe(1);
    clock.now += 1;
    expect(ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c20', text: 'x' }).sequence).toBe(21);
    expect(ana.fail({ type: 'message.send', roomId: 'r', clientId: 'c21', text: 'x' }).code).toBe('rate_limited');
    // A full refill never exceeds the capacity.
    clock.now += 60_000;
    const first = server.actAsSystem({ type: 'message.history', roomId: 'r', after: 0, limit: 1 });
    const firstId = first.ok ? (first.value.messages[0]?.id ?? '') : '';
    for (let i = 0; i < 20; i++) ana.ok({ type: 'reaction.toggle', roomId: 'r', messageId: firstId, emoji: `${i}` });
    expect(ana.fail({ type: 'reaction.toggle', roomId: 'r', messageId: firstId, emoji: 'x' }).code).toBe('rate_limited');
  });

  it('counts edits, reactions and room creation; not reads, typing or cursors; per person', () => {
    const { ana, bo } = floodRoom({ capacity: 3, refillPerSecond: 1 });
    const sent = ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' });
    ana.ok({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'y' });
    ana.ok({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji: '👍' });
    expect(ana.fail({ type: 'room.create', name: 'n', kind: 'public' }).code).toBe('rate_limited');
    expect(ana.fail({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'z' }).code).toBe('rate_limited');
    expect(ana.fail({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji: '👍' }).code).toBe('rate_limited');
    for (let i = 0; i < 30; i++) {
      ana.ok({ type: 'message.history', roomId: 'r' });
      ana.ok({ type: 'typing.start', roomId: 'r' });
      ana.ok({ type: 'cursor.set', roomId: 'r', sequence: 1 });
      ana.ok({ type: 'cursor.list', roomId: 'r' });
      ana.ok({ type: 'room.listPublic' });
    }
    expect(bo.ok({ type: 'room.create', name: 'bo’s', kind: 'public' }).name).toBe('bo’s');
  });

  it('is bypassed by actAs and off with false', () => {
    const { server, ana } = floodRoom({ capacity: 1, refillPerSecond: 1 });
    for (let i = 0; i < 50; i++) expect(server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: `a${i}`, text: 'x' }).ok).toBe(true);
    ana.ok({ type: 'message.send', roomId: 'r', clientId: 'mine', text: 'x' });
    expect(ana.fail({ type: 'message.send', roomId: 'r', clientId: 'mine2', text: 'x' }).code).toBe('rate_limited');
    const off = floodRoom(false);
    for (let i = 0; i < 100; i++) off.ana.ok({ type: 'message.send', roomId: 'r', clientId: `c${i}`, text: 'x' });
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => createReferenceServer({ floodLimit: { capacity: 0, refillPerSecond: 1 } })).toThrow(ChatError);
    expect(() => createReferenceServer({ floodLimit: { capacity: 5, refillPerSecond: 0 } })).toThrow(ChatError);
  });
});

describe('read limit', () => {
  it('defaults to a burst of 40 history reads refilled at 10 a second, per person, apart from the write bucket', () => {
    expect(DEFAULT_READ_LIMIT).toEqual({ capacity: 40, refillPerSecond: 10 });
    const { ana, bo, clock } = floodRoom({ capacity: 1, refillPerSecond: 1 });
    const reads = [
      { type: 'message.history', roomId: 'r' },
      { type: 'thread.history', roomId: 'r', parentId: 'none' },
      { type: 'room.resume', roomId: 'r', afterSequence: 0 },
    ] as const;
    for (let i = 0; i < 40; i++) ana.session.handle(reads[i % 3]);
    for (const read of reads) {
      const limited = ana.fail(read);
      expect(limited.code).toBe('rate_limited');
      expect(limited.retryAfterMs).toBe(100);
      expect(limited.message).toMatch(/history reads/);
    }
    // Another person, and the same person's writes, are untouched.
    bo.ok({ type: 'message.history', roomId: 'r' });
    ana.ok({ type: 'message.send', roomId: 'r', clientId: 'w', text: 'still writing' });
    clock.now += 100;
    ana.ok({ type: 'message.history', roomId: 'r' });
    expect(ana.fail({ type: 'message.history', roomId: 'r' }).code).toBe('rate_limited');
  });

  it('is configurable and off with false; actAsSystem and actAs never spend it', () => {
    const env = setup({ readLimit: { capacity: 2, refillPerSecond: 1 } });
    const ana = env.person('ana');
    env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    ana.ok({ type: 'message.history', roomId: 'r' });
    ana.ok({ type: 'message.history', roomId: 'r' });
    expect(ana.fail({ type: 'message.history', roomId: 'r' }).retryAfterMs).toBe(1000);
    for (let i = 0; i < 50; i++) expect(env.server.actAs('ana', { type: 'message.history', roomId: 'r' }).ok).toBe(true);
    const off = setup({ readLimit: false });
    const bo = off.person('bo');
    off.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'bo' });
    for (let i = 0; i < 200; i++) bo.ok({ type: 'message.history', roomId: 'r' });
    expect(() => createReferenceServer({ readLimit: { capacity: 0, refillPerSecond: 1 } })).toThrow(/read limit/);
  });
});

describe('typing throttle', () => {
  it('tells the room of one person typing at most once per 2 s; repeats only extend the notice', () => {
    const { ana, bo, clock, server } = floodRoom(false);
    for (let i = 0; i < 1000; i++) {
      expect(ana.ok({ type: 'typing.start', roomId: 'r' })).toEqual({ ttlMs: TYPING_TTL_MS });
      clock.now += 1;
    }
    // 1,000 notices over 1 s: one frame to bo, not a thousand.
    expect(bo.received('typing.started')).toHaveLength(1);
    clock.now += 1000;
    ana.ok({ type: 'typing.start', roomId: 'r' });
    expect(bo.received('typing.started')).toHaveLength(2);
    // The notice lives TTL after the last start, not the last telling: no typing.stopped yet.
    clock.now += TYPING_TTL_MS - 1;
    server.tick();
    expect(bo.received('typing.stopped')).toHaveLength(0);
    clock.now += 1;
    server.tick();
    expect(bo.received('typing.stopped')).toHaveLength(1);
    // After a stop, the next start is told at once.
    ana.ok({ type: 'typing.start', roomId: 'r' });
    expect(bo.received('typing.started')).toHaveLength(3);
  });
});

describe('word filter', () => {
  function filtered(action: 'reject' | 'mask') {
    const env = setup({ wordFilter: { words: ['darn', 'heck'], action } });
    const ana = env.person('ana');
    env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    return { ...env, ana };
  }

  it('reject: refuses whole blocked words, any case, in messages, edits and room names', () => {
    const { ana, server } = filtered('reject');
    const error = ana.fail({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'Oh DARN it' });
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/blocked word/);
    expect(ana.fail({ type: 'message.send', roomId: 'r', clientId: 'b', text: 'heck.' }).code).toBe('invalid');
    // Not whole words: fine.
    const ok = ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'darned darning undarn hecks' });
    expect(ok.text).toBe('darned darning undarn hecks');
    expect(ana.fail({ type: 'message.edit', roomId: 'r', messageId: ok.id, text: 'darn' }).code).toBe('invalid');
    expect(ana.fail({ type: 'room.create', name: 'Darn room', kind: 'public' }).code).toBe('invalid');
    expect(ana.fail({ type: 'room.update', roomId: 'r', name: 'heck' }).code).toBe('invalid');
    expect(() => server.createRoom({ name: 'darn', kind: 'public', createdBy: 'ana' })).toThrow(/blocked word/);
  });

  it('mask: replaces each blocked word with asterisks of its length', () => {
    const { ana } = filtered('mask');
    const sent = ana.ok({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'Darn it, DARN! darning is fine, heck' });
    expect(sent.text).toBe('**** it, ****! darning is fine, ****');
    expect(ana.ok({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'heck no' }).text).toBe('**** no');
    expect(ana.ok({ type: 'room.create', name: 'the darn room', kind: 'public' }).name).toBe('the **** room');
    expect(ana.ok({ type: 'room.update', roomId: 'r', name: 'Heck' }).name).toBe('****');
  });

  it('treats words with regex characters and non-ASCII letters literally', () => {
    const env = setup({ wordFilter: { words: ['c++', 'ça'], action: 'mask' } });
    const ana = env.person('ana');
    env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    expect(ana.ok({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'Ça va, çava, cxx' }).text).toBe('** va, çava, cxx');
    expect(ana.ok({ type: 'message.send', roomId: 'r', clientId: 'b', text: 'I like c++ a lot' }).text).toBe('I like *** a lot');
  });
});
