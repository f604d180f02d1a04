import { createReferenceServer, DEFAULT_FLOOD_LIMIT, DEFAULT_READ_LIMIT, type FloodLimit } from '../../src/server';
import { TYPING_TTL_MS } from '../../src/protocol';
import { ChatError } from '../../src/protocol';
import { setup } from './helpers';

async function floodRoom(floodLimit: FloodLimit | false | undefined) {
  const env = await setup({ floodLimit });
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  ana.clear();
  bo.clear();
  return { ...env, ana, bo };
}

describe('flood limit', () => {
  it('defaults to a burst of 20 writes refilled at 5 a second, on the injected clock', async () => {
    expect(DEFAULT_FLOOD_LIMIT).toEqual({ capacity: 20, refillPerSecond: 5 });
    const { ana, bo, clock, server } = await floodRoom(undefined);
    for (let i = 0; i < 20; i++) await ana.ok({ type: 'message.send', roomId: 'r', clientId: `c${i}`, text: 'x' });
    bo.clear();
    const limited = await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'c20', text: 'x' });
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterMs).toBe(200);
    expect(bo.events).toEqual([]);
    expect((await server.getRoom('r'))?.lastSequence).toBe(20);
    clock.now += 199;
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'c20', text: 'x' })).retryAfterMs).toBe(1);
    clock.now += 1;
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c20', text: 'x' })).sequence).toBe(21);
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'c21', text: 'x' })).code).toBe('rate_limited');
    // A full refill never exceeds the capacity.
    clock.now += 60_000;
    const first = await server.actAsSystem({ type: 'message.history', roomId: 'r', after: 0, limit: 1 });
    const firstId = first.ok ? (first.value.messages[0]?.id ?? '') : '';
    for (let i = 0; i < 20; i++) await ana.ok({ type: 'reaction.toggle', roomId: 'r', messageId: firstId, emoji: `${i}` });
    expect((await ana.fail({ type: 'reaction.toggle', roomId: 'r', messageId: firstId, emoji: 'x' })).code).toBe('rate_limited');
  });

  it('counts edits, reactions and room creation; not reads, typing or cursors; per person', async () => {
    const { ana, bo } = await floodRoom({ capacity: 3, refillPerSecond: 1 });
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' });
    await ana.ok({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'y' });
    await ana.ok({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji: '👍' });
    expect((await ana.fail({ type: 'room.create', name: 'n', kind: 'public' })).code).toBe('rate_limited');
    expect((await ana.fail({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'z' })).code).toBe('rate_limited');
    expect((await ana.fail({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji: '👍' })).code).toBe('rate_limited');
    for (let i = 0; i < 30; i++) {
      await ana.ok({ type: 'message.history', roomId: 'r' });
      await ana.ok({ type: 'typing.start', roomId: 'r' });
      await ana.ok({ type: 'cursor.set', roomId: 'r', sequence: 1 });
      await ana.ok({ type: 'cursor.list', roomId: 'r' });
      await ana.ok({ type: 'room.listPublic' });
    }
    expect((await bo.ok({ type: 'room.create', name: 'bo’s', kind: 'public' })).name).toBe('bo’s');
  });

  it('is bypassed by actAs and off with false', async () => {
    const { server, ana } = await floodRoom({ capacity: 1, refillPerSecond: 1 });
    for (let i = 0; i < 50; i++) expect((await server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: `a${i}`, text: 'x' })).ok).toBe(true);
    await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'mine', text: 'x' });
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'mine2', text: 'x' })).code).toBe('rate_limited');
    const off = await floodRoom(false);
    for (let i = 0; i < 100; i++) off.ana.ok({ type: 'message.send', roomId: 'r', clientId: `c${i}`, text: 'x' });
  });

  it('refuses a nonsensical configuration', async () => {
    expect(() => createReferenceServer({ floodLimit: { capacity: 0, refillPerSecond: 1 } })).toThrow(ChatError);
    expect(() => createReferenceServer({ floodLimit: { capacity: 5, refillPerSecond: 0 } })).toThrow(ChatError);
  });
});

describe('read limit', () => {
  it('defaults to a burst of 40 history reads refilled at 10 a second, per person, apart from the write bucket', async () => {
    expect(DEFAULT_READ_LIMIT).toEqual({ capacity: 40, refillPerSecond: 10 });
    const { ana, bo, clock } = await floodRoom({ capacity: 1, refillPerSecond: 1 });
    const reads = [
      { type: 'message.history', roomId: 'r' },
      { type: 'thread.history', roomId: 'r', parentId: 'none' },
      { type: 'room.resume', roomId: 'r', afterSequence: 0 },
    ] as const;
    for (let i = 0; i < 40; i++) await ana.session.handle(reads[i % 3]);
    for (const read of reads) {
      const limited = await ana.fail(read);
      expect(limited.code).toBe('rate_limited');
      expect(limited.retryAfterMs).toBe(100);
      expect(limited.message).toMatch(/history reads/);
    }
    // Another person, and the same person's writes, are untouched.
    await bo.ok({ type: 'message.history', roomId: 'r' });
    await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'w', text: 'still writing' });
    clock.now += 100;
    await ana.ok({ type: 'message.history', roomId: 'r' });
    expect((await ana.fail({ type: 'message.history', roomId: 'r' })).code).toBe('rate_limited');
  });

  it('is configurable and off with false; actAsSystem and actAs never spend it', async () => {
    const env = await setup({ readLimit: { capacity: 2, refillPerSecond: 1 } });
    const ana = await env.person('ana');
    await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    await ana.ok({ type: 'message.history', roomId: 'r' });
    await ana.ok({ type: 'message.history', roomId: 'r' });
    expect((await ana.fail({ type: 'message.history', roomId: 'r' })).retryAfterMs).toBe(1000);
    for (let i = 0; i < 50; i++) expect((await env.server.actAs('ana', { type: 'message.history', roomId: 'r' })).ok).toBe(true);
    const off = await setup({ readLimit: false });
    const bo = await off.person('bo');
    await off.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'bo' });
    for (let i = 0; i < 200; i++) await bo.ok({ type: 'message.history', roomId: 'r' });
    expect(() => createReferenceServer({ readLimit: { capacity: 0, refillPerSecond: 1 } })).toThrow(/read limit/);
  });
});

describe('typing throttle', () => {
  it('tells the room of one person typing at most once per 2 s; repeats only extend the notice', async () => {
    const { ana, bo, clock, server } = await floodRoom(false);
    for (let i = 0; i < 1000; i++) {
      expect(await ana.ok({ type: 'typing.start', roomId: 'r' })).toEqual({ ttlMs: TYPING_TTL_MS });
      clock.now += 1;
    }
    // 1,000 notices over 1 s: one frame to bo, not a thousand.
    expect(bo.received('typing.started')).toHaveLength(1);
    clock.now += 1000;
    await ana.ok({ type: 'typing.start', roomId: 'r' });
    expect(bo.received('typing.started')).toHaveLength(2);
    // The notice lives TTL after the last start, not the last telling: no typing.stopped yet.
    clock.now += TYPING_TTL_MS - 1;
    await server.tick();
    expect(bo.received('typing.stopped')).toHaveLength(0);
    clock.now += 1;
    await server.tick();
    expect(bo.received('typing.stopped')).toHaveLength(1);
    // After a stop, the next start is told at once.
    await ana.ok({ type: 'typing.start', roomId: 'r' });
    expect(bo.received('typing.started')).toHaveLength(3);
  });
});

describe('word filter', () => {
  async function filtered(action: 'reject' | 'mask') {
    const env = await setup({ wordFilter: { words: ['darn', 'heck'], action } });
    const ana = await env.person('ana');
    await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    return { ...env, ana };
  }

  it('reject: refuses whole blocked words, any case, in messages, edits and room names', async () => {
    const { ana, server } = await filtered('reject');
    const error = await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'Oh DARN it' });
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/blocked word/);
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'b', text: 'heck.' })).code).toBe('invalid');
    // Not whole words: fine.
    const ok = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'darned darning undarn hecks' });
    expect(ok.text).toBe('darned darning undarn hecks');
    expect((await ana.fail({ type: 'message.edit', roomId: 'r', messageId: ok.id, text: 'darn' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'room.create', name: 'Darn room', kind: 'public' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'room.update', roomId: 'r', name: 'heck' })).code).toBe('invalid');
    await expect(server.createRoom({ name: 'darn', kind: 'public', createdBy: 'ana' })).rejects.toThrow(/blocked word/);
  });

  it('mask: replaces each blocked word with asterisks of its length', async () => {
    const { ana } = await filtered('mask');
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'Darn it, DARN! darning is fine, heck' });
    expect(sent.text).toBe('**** it, ****! darning is fine, ****');
    expect((await ana.ok({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'heck no' })).text).toBe('**** no');
    expect((await ana.ok({ type: 'room.create', name: 'the darn room', kind: 'public' })).name).toBe('the **** room');
    expect((await ana.ok({ type: 'room.update', roomId: 'r', name: 'Heck' })).name).toBe('****');
  });

  it('treats words with regex characters and non-ASCII letters literally', async () => {
    const env = await setup({ wordFilter: { words: ['c++', 'ça'], action: 'mask' } });
    const ana = await env.person('ana');
    await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'Ça va, çava, cxx' })).text).toBe('** va, çava, cxx');
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'b', text: 'I like c++ a lot' })).text).toBe('I like *** a lot');
  });
});
