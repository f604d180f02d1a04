import { manyMessages, setup } from './helpers';

async function roomWith(count: number, options: Parameters<typeof setup>[0] = {}) {
  const env = await setup(options);
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  for (let i = 1; i <= count; i++) await env.server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: `c${i}`, text: `m${i}` });
  ana.clear();
  bo.clear();
  return { ...env, ana, bo };
}

const sequences = (messages: { sequence: number }[]) => messages.map((m) => m.sequence);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('message.history', () => {
  it('returns the newest page by default, ascending, clamped at 100 however large the limit', async () => {
    const { bo } = await roomWith(250);
    const newest = await bo.ok({ type: 'message.history', roomId: 'r' });
    expect(sequences(newest.messages)).toEqual(range(151, 250));
    expect(newest.range).toEqual({ from: 151, to: 250 });
    expect(newest.hasMore).toBe(true);
    const clamped = await bo.ok({ type: 'message.history', roomId: 'r', limit: 1000 });
    expect(clamped.messages).toHaveLength(100);
    expect((await bo.ok({ type: 'message.history', roomId: 'r', limit: 101 })).messages).toHaveLength(100);
    expect((await bo.ok({ type: 'message.history', roomId: 'r', limit: 100 })).messages).toHaveLength(100);
    expect((await bo.ok({ type: 'message.history', roomId: 'r', limit: 99 })).messages).toHaveLength(99);
  });

  it('pages backwards with before until the start, with hasMore false at the start', async () => {
    const { bo } = await roomWith(250);
    const second = await bo.ok({ type: 'message.history', roomId: 'r', before: 151 });
    expect(sequences(second.messages)).toEqual(range(51, 150));
    expect(second.range).toEqual({ from: 51, to: 150 });
    expect(second.hasMore).toBe(true);
    const third = await bo.ok({ type: 'message.history', roomId: 'r', before: 51 });
    expect(sequences(third.messages)).toEqual(range(1, 50));
    expect(third.range).toEqual({ from: 1, to: 50 });
    expect(third.hasMore).toBe(false);
    const none = await bo.ok({ type: 'message.history', roomId: 'r', before: 1 });
    expect(none).toEqual({ messages: [], range: { from: 1, to: 0 }, hasMore: false });
    // A `before` past the end is the newest page.
    expect((await bo.ok({ type: 'message.history', roomId: 'r', before: 10_000, limit: 2 })).range).toEqual({ from: 249, to: 250 });
  });

  it('pages forwards with after, ascending, with hasMore in that direction', async () => {
    const { bo } = await roomWith(250);
    const first = await bo.ok({ type: 'message.history', roomId: 'r', after: 0 });
    expect(sequences(first.messages)).toEqual(range(1, 100));
    expect(first).toMatchObject({ range: { from: 1, to: 100 }, hasMore: true });
    const last = await bo.ok({ type: 'message.history', roomId: 'r', after: 200 });
    expect(sequences(last.messages)).toEqual(range(201, 250));
    expect(last).toMatchObject({ range: { from: 201, to: 250 }, hasMore: false });
    expect(await bo.ok({ type: 'message.history', roomId: 'r', after: 250 })).toEqual({ messages: [], range: { from: 251, to: 250 }, hasMore: false });
    expect((await bo.fail({ type: 'message.history', roomId: 'r', after: 1, before: 5 })).code).toBe('invalid');
  });

  it('an empty room gives an empty page with an empty range', async () => {
    const { bo } = await roomWith(0);
    expect(await bo.ok({ type: 'message.history', roomId: 'r' })).toEqual({ messages: [], range: { from: 1, to: 0 }, hasMore: false });
  });

  it('leaves thread replies out but covers their sequences in the range', async () => {
    const { ana, bo } = await roomWith(0);
    const send = (clientId: string, parentId?: string) =>
      ana.ok({ type: 'message.send', roomId: 'r', clientId, text: clientId, ...(parentId ? { parentId } : {}) });
    const p1 = await send('p1'); // 1
    await send('r1', p1.id); // 2
    await send('r2', p1.id); // 3
    await send('t2'); // 4
    await send('r3', p1.id); // 5
    await send('t3'); // 6
    await send('r4', p1.id); // 7
    const newest = await bo.ok({ type: 'message.history', roomId: 'r', limit: 2 });
    expect(sequences(newest.messages)).toEqual([4, 6]);
    expect(newest.range).toEqual({ from: 2, to: 7 });
    expect(newest.hasMore).toBe(true);
    const older = await bo.ok({ type: 'message.history', roomId: 'r', before: 2 });
    expect(older).toMatchObject({ range: { from: 1, to: 1 }, hasMore: false });
    expect(sequences(older.messages)).toEqual([1]);
    const forward = await bo.ok({ type: 'message.history', roomId: 'r', after: 1, limit: 1 });
    expect(sequences(forward.messages)).toEqual([4]);
    expect(forward).toMatchObject({ range: { from: 2, to: 5 }, hasMore: true });
    const rest = await bo.ok({ type: 'message.history', roomId: 'r', after: 5 });
    expect(sequences(rest.messages)).toEqual([6]);
    expect(rest).toMatchObject({ range: { from: 6, to: 7 }, hasMore: false });
  });

  it('pages a large room back to the start with every page covering exactly the sequences below it', async () => {
    // Speed lives in bench/reference-server.bench.ts; this pins correctness at size (past the read limit's burst, so the limit is off).
    const { server, bo } = await roomWith(0, { readLimit: false });
    // 20,000 on memory; on SQLite and PostgreSQL each send is a transaction to disk or over the
    // network, so that copy pages through 2,000 (twenty pages) to keep the run in minutes.
    const total = manyMessages(20_000, 2_000);
    for (let i = 1; i <= total; i++) await server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: `c${i}`, text: 'x' });
    bo.clear();
    let pages = 0;
    for (let before = total + 1; before > 1; before -= 100) {
      const page = await bo.ok({ type: 'message.history', roomId: 'r', before });
      expect(page.range).toEqual({ from: before - 100, to: before - 1 });
      expect(page.messages).toHaveLength(100);
      pages++;
    }
    expect(pages).toBe(total / 100);
    expect((await bo.ok({ type: 'message.history', roomId: 'r', before: total / 2 + 1, limit: 3 })).range).toEqual({ from: total / 2 - 2, to: total / 2 });
  });
});

describe('thread.history', () => {
  it('returns a parent’s replies ascending, paged by before', async () => {
    const { ana, bo } = await roomWith(0);
    const parent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'p', text: 'p' });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await ana.ok({ type: 'message.send', roomId: 'r', clientId: `r${i}`, text: `r${i}`, parentId: parent.id }));
    await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'other', text: 'not in thread' });
    const all = await bo.ok({ type: 'thread.history', roomId: 'r', parentId: parent.id });
    expect(all.messages.map((m) => m.id)).toEqual(replies.map((m) => m.id));
    expect(all.hasMore).toBe(false);
    const newest = await bo.ok({ type: 'thread.history', roomId: 'r', parentId: parent.id, limit: 2 });
    expect(sequences(newest.messages)).toEqual([5, 6]);
    expect(newest.hasMore).toBe(true);
    const older = await bo.ok({ type: 'thread.history', roomId: 'r', parentId: parent.id, before: 5, limit: 2 });
    expect(sequences(older.messages)).toEqual([3, 4]);
    expect(older.hasMore).toBe(true);
    expect(await bo.ok({ type: 'thread.history', roomId: 'r', parentId: parent.id, before: 3 })).toMatchObject({ hasMore: false });
    expect((await bo.fail({ type: 'thread.history', roomId: 'r', parentId: 'nope' })).code).toBe('not_found');
    expect((await bo.fail({ type: 'thread.history', roomId: 'r', parentId: replies[0]!.id })).code).toBe('invalid');
  });

  it('clamps thread pages at maxHistoryPage', async () => {
    const { ana, bo, server } = await roomWith(0);
    const parent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'p', text: 'p' });
    for (let i = 0; i < 120; i++) await server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: `r${i}`, text: 'r', parentId: parent.id });
    const page = await bo.ok({ type: 'thread.history', roomId: 'r', parentId: parent.id, limit: 500 });
    expect(page.messages).toHaveLength(100);
    expect(page.hasMore).toBe(true);
  });
});

describe('room.resume', () => {
  it('replays 100 missed messages without a cut', async () => {
    const { bo } = await roomWith(150);
    const result = await bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 50 });
    expect(result.cut).toBe(false);
    expect(sequences(result.messages)).toEqual(range(51, 150));
    expect(result.range).toEqual({ from: 51, to: 150 });
    expect(result.room).toMatchObject({ id: 'r', lastSequence: 150 });
  });

  it('cuts at 101 missed, returning only the newest 100', async () => {
    const { bo } = await roomWith(150);
    const result = await bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 49 });
    expect(result.cut).toBe(true);
    expect(sequences(result.messages)).toEqual(range(51, 150));
    expect(result.range).toEqual({ from: 51, to: 150 });
  });

  it('includes thread replies, and answers an up-to-date client with nothing', async () => {
    const { ana, bo } = await roomWith(0);
    const parent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'p', text: 'p' });
    await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'r', text: 'r', parentId: parent.id });
    const result = await bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 0 });
    expect(sequences(result.messages)).toEqual([1, 2]);
    expect(result.messages[0]?.replyCount).toBe(1);
    expect(await bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 2 })).toMatchObject({ messages: [], range: { from: 3, to: 2 }, cut: false });
    expect((await bo.fail({ type: 'room.resume', roomId: 'r', afterSequence: 3 })).code).toBe('conflict');
  });

  it('honours a smaller maxReplay', async () => {
    const { bo } = await roomWith(10, { limits: { maxReplay: 3 } });
    expect(await bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 7 })).toMatchObject({ cut: false, range: { from: 8, to: 10 } });
    expect(await bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 6 })).toMatchObject({ cut: true, range: { from: 8, to: 10 } });
  });
});
