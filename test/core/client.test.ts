import {
  createChatClient,
  selectGaps,
  selectHasOlder,
  selectLastMessage,
  selectMessages,
  selectTimeline,
  selectTotalUnread,
  selectTypingUserIds,
  selectUnreadCount,
  type ChatClient,
} from '../../src/core';
import type { Message } from '../../src/protocol';
import { mulberry32 } from '../helpers/chaos';
import { ScriptedTransport } from '../helpers/scriptedTransport';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(options: { history?: number } = {}) {
  const server = createReferenceServer({ floodLimit: false });
  for (const [id, name] of [
    ['ana', 'Ana'],
    ['bo', 'Bo'],
    ['chen', 'Chen'],
  ] as const)
    server.upsertUser({ id, name });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
  server.createRoom({ id: 'random', name: 'random', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  for (let index = 1; index <= (options.history ?? 0); index++) {
    server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `h${index}`, text: `history ${index}` });
  }
  const clients: ChatClient[] = [];
  const transports: MemoryTransport[] = [];
  function connect(userId: string, extra: { startOffline?: boolean } = {}) {
    const transport = createMemoryTransport(server, { userId, ...extra });
    const client = createChatClient({ transport, pageSize: 20 });
    clients.push(client);
    transports.push(transport);
    return { client, transport };
  }
  return { server, connect, close: () => clients.forEach((client) => client.close()) };
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function env(options?: { history?: number }) {
  const value = setup(options);
  cleanup = value.close;
  return value;
}

describe('ChatClient: sending', () => {
  it('shows a message as sending at once, then replaces it with the server copy exactly once', async () => {
    const { connect } = env();
    const { client: ana } = connect('ana');
    const { client: bo } = connect('bo');
    await Promise.all([ana.connect(), bo.connect()]);
    const sending = ana.sendMessage('general', { text: 'hello' });
    const optimistic = selectTimeline(ana.store.getState(), 'general');
    expect(optimistic.pending).toMatchObject([{ text: 'hello', status: 'sending', authorId: 'ana' }]);
    const message = await sending;
    await flush();
    for (const client of [ana, bo]) {
      const timeline = selectTimeline(client.store.getState(), 'general');
      expect(timeline.pending).toEqual([]);
      expect(selectMessages(client.store.getState(), 'general').map((m) => m.id)).toEqual([message.id]);
    }
    expect(message.sequence).toBe(1);
  });

  it('refuses text over the byte limit before sending, with a clear error, and keeps nothing pending', async () => {
    const { connect } = env();
    const { client } = connect('ana');
    await client.connect();
    await expect(client.sendMessage('general', { text: 'é'.repeat(2561) })).rejects.toMatchObject({ code: 'too_large', message: expect.stringContaining('5120 bytes') });
    await expect(client.sendMessage('general', { text: 'é'.repeat(2560) })).resolves.toMatchObject({ sequence: 1 });
    await expect(client.sendMessage('nowhere', { text: 'hi' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.sendMessage('general', { text: '   ' })).rejects.toMatchObject({ code: 'invalid' });
    expect(selectTimeline(client.store.getState(), 'general').pending).toEqual([]);
  });

  it('marks a refused send failed with the reason, and sends it again with the same client id on retry', async () => {
    const { server } = env();
    // Bo hears of the server 20 ms late, so he can send to a room he was just removed from.
    const bo = createChatClient({ transport: createMemoryTransport(server, { userId: 'bo', latencyMs: 20 }) });
    await bo.connect();
    server.actAs('ana', { type: 'room.removeMembers', roomId: 'random', userIds: ['bo'] });
    const refused = bo.sendMessage('random', { text: 'let me in' });
    await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
    const [failed] = selectTimeline(bo.store.getState(), 'random').pending;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'forbidden' }, text: 'let me in' });
    server.actAs('ana', { type: 'room.addMembers', roomId: 'random', userIds: ['bo'] });
    await vi.waitFor(() => expect(bo.store.getState().rooms.random).toBeDefined());
    const retried = await bo.retrySend(failed!.clientId);
    expect(retried.clientId).toBe(failed!.clientId);
    expect(retried.text).toBe('let me in');
    await vi.waitFor(() => expect(selectMessages(bo.store.getState(), 'random').map((m) => m.id)).toEqual([retried.id]));
    expect(selectTimeline(bo.store.getState(), 'random').pending).toEqual([]);
    bo.close();
  });

  it('keeps sends made offline waiting, then sends them once each, in order, on reconnect', async () => {
    const { connect } = env();
    const { client: ana, transport } = connect('ana');
    const { client: bo } = connect('bo');
    await Promise.all([ana.connect(), bo.connect()]);
    transport.setOnline(false);
    const sends = ['one', 'two', 'three'].map((text) => ana.sendMessage('general', { text }));
    await flush();
    expect(selectTimeline(ana.store.getState(), 'general').pending.map((p) => [p.text, p.status])).toEqual([
      ['one', 'sending'],
      ['two', 'sending'],
      ['three', 'sending'],
    ]);
    expect(ana.store.getState().connection.state).toBe('offline');
    transport.setOnline(true);
    await Promise.all(sends);
    await flush();
    for (const client of [ana, bo]) {
      expect(selectMessages(client.store.getState(), 'general').map((m) => m.text)).toEqual(['one', 'two', 'three']);
    }
    expect(selectTimeline(ana.store.getState(), 'general').pending).toEqual([]);
  });
});

describe('ChatClient: the send queue', () => {
  it('lets a send refused for good step aside for the next one in its room, and discards it on request', async () => {
    const { server } = env();
    const bo = createChatClient({ transport: createMemoryTransport(server, { userId: 'bo', latencyMs: 20 }) });
    await bo.connect();
    server.actAs('ana', { type: 'room.removeMembers', roomId: 'random', userIds: ['bo'] });
    const refused = bo.sendMessage('random', { text: 'refused' }).catch((error: unknown) => error);
    const elsewhere = bo.sendMessage('general', { text: 'fine' });
    expect(await refused).toMatchObject({ code: 'forbidden' });
    expect((await elsewhere).text).toBe('fine');
    const [failed] = selectTimeline(bo.store.getState(), 'random').pending;
    bo.discardPending(failed!.clientId);
    expect(selectTimeline(bo.store.getState(), 'random').pending).toEqual([]);
    await expect(bo.retrySend(failed!.clientId)).rejects.toMatchObject({ code: 'not_found' });
    bo.close();
  });

  it('stores one person\'s quick sends in the order made under the default flood limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const server = createReferenceServer();
      server.upsertUser({ id: 'ana', name: 'Ana' });
      server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana' });
      // A network whose delay varies (seeded), as a real one does: answers come back at uneven times.
      const random = mulberry32(7);
      const ana = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana', latencyMs: () => random() * 60 }) });
      const connected = ana.connect();
      await vi.advanceTimersByTimeAsync(200);
      await connected;
      // Typed quickly: 20 at once spend the burst, then one every 150 ms while the refused ones wait for tokens.
      const texts = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`);
      let settled = 0;
      const sends: Promise<Message>[] = [];
      for (const [index, text] of texts.entries()) {
        if (index >= 20) await vi.advanceTimersByTimeAsync(70);
        sends.push(ana.sendMessage('general', { text }).finally(() => settled++));
      }
      for (let step = 0; step < 200 && settled < texts.length; step++) await vi.advanceTimersByTimeAsync(100);
      const sequences = (await Promise.all(sends)).map((message) => message.sequence);
      expect(sequences).toEqual(texts.map((_, index) => index + 1));
      const history = server.actAs('ana', { type: 'message.history', roomId: 'general', after: 0, limit: 100 });
      expect(history.ok && history.value.messages.map((message) => message.text)).toEqual(texts);
      expect(selectMessages(ana.store.getState(), 'general').map((message) => message.text)).toEqual(texts);
      ana.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands users a read-only store', async () => {
    const { connect } = env();
    const { client: ana } = connect('ana');
    await ana.connect();
    expect('setState' in ana.store).toBe(false);
    expect(Object.isFrozen(ana.store)).toBe(true);
    const seen: string[] = [];
    const unsubscribe = ana.store.subscribe((state) => seen.push(state.connection.state));
    await ana.sendMessage('general', { text: 'hi' });
    unsubscribe();
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('ChatClient: history, gaps and resume', () => {
  it('loads the newest page first, then older pages, until the start', async () => {
    const { connect } = env({ history: 45 });
    const { client } = connect('ana');
    await client.connect();
    expect(selectHasOlder(client.store.getState(), 'general')).toBe(true);
    await client.loadOlder('general');
    expect(selectMessages(client.store.getState(), 'general').map((m) => m.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => 26 + i));
    await client.loadOlder('general');
    await client.loadOlder('general');
    const sequences = selectMessages(client.store.getState(), 'general').map((m) => m.sequence);
    expect(sequences).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(selectHasOlder(client.store.getState(), 'general')).toBe(false);
  });

  it('resumes after a drop, and marks a gap when more was missed than the server replays', async () => {
    const { connect, server } = env({ history: 5 });
    const { client, transport } = connect('ana');
    await client.connect();
    await client.loadOlder('general');
    transport.setOnline(false);
    for (let index = 0; index < 130; index++) server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `m${index}`, text: `missed ${index}` });
    transport.setOnline(true);
    await vi.waitFor(() => expect(selectMessages(client.store.getState(), 'general').length).toBe(105));
    expect(selectGaps(client.store.getState(), 'general')).toEqual([{ from: 6, to: 35 }]);
    await client.fillGap('general');
    expect(selectGaps(client.store.getState(), 'general')).toEqual([]);
    const sequences = selectMessages(client.store.getState(), 'general').map((m) => m.sequence);
    expect(sequences).toEqual(Array.from({ length: 135 }, (_, i) => i + 1));
  });

  it('a live event after a hole marks a gap rather than pretending the timeline is whole', async () => {
    const { connect } = env({ history: 3 });
    const { client } = connect('ana');
    await client.connect();
    await client.loadOlder('general');
    const message = { id: 'x', clientId: 'x', roomId: 'general', sequence: 9, authorId: 'bo', text: 'late', attachments: [], mentions: [], reactions: [], replyCount: 0, createdAt: 1 };
    // Feed an event as the transport would: through the client's server feed.
    (client as unknown as { feed: { event(event: unknown): void } }).feed.event({ type: 'message.created', message });
    expect(selectGaps(client.store.getState(), 'general')).toEqual([{ from: 4, to: 8 }]);
  });
});

describe('ChatClient: cursors, unread, typing', () => {
  it('derives unread counts from cursors and never moves a cursor backwards', async () => {
    const { connect, server } = env();
    const { client: ana } = connect('ana');
    await ana.connect();
    for (let index = 0; index < 4; index++) server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `u${index}`, text: `${index}` });
    server.actAs('bo', { type: 'message.send', roomId: 'random', clientId: 'r0', text: 'r' });
    await flush();
    expect(selectUnreadCount(ana.store.getState(), 'general')).toBe(4);
    expect(selectTotalUnread(ana.store.getState())).toBe(5);
    await ana.markRead('general', 3);
    expect(selectUnreadCount(ana.store.getState(), 'general')).toBe(1);
    await ana.markRead('general', 1);
    expect(ana.store.getState().cursors.general?.ana?.sequence).toBe(3);
    await ana.markRead('general');
    expect(selectUnreadCount(ana.store.getState(), 'general')).toBe(0);
    expect(server.actAs('bo', { type: 'cursor.list', roomId: 'general' })).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ userId: 'ana', sequence: 4 })]) });
  });

  it('throttles typing notices and forgets them when they expire', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const server = createReferenceServer({ floodLimit: false, now: () => Date.now() });
      server.upsertUser({ id: 'ana', name: 'Ana' });
      server.upsertUser({ id: 'bo', name: 'Bo' });
      server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
      const ana = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
      const bo = createChatClient({ transport: createMemoryTransport(server, { userId: 'bo' }) });
      await Promise.all([ana.connect(), bo.connect()]);
      const seen: number[] = [];
      bo.store.subscribe((state, previous) => {
        if (state.typing !== previous.typing) seen.push(selectTypingUserIds(state, 'general').length);
      });
      for (let index = 0; index < 10; index++) ana.notifyTyping('general');
      await vi.advanceTimersByTimeAsync(1);
      expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual(['ana']);
      expect(selectTypingUserIds(ana.store.getState(), 'general')).toEqual([]);
      await vi.advanceTimersByTimeAsync(5001);
      expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual([]);
      expect(seen).toEqual([1, 0]);
      ana.close();
      bo.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('ChatClient: identity', () => {
  it('an event in one room keeps the identity of every other room and of unchanged messages', async () => {
    const { connect, server } = env({ history: 10 });
    const { client } = connect('ana');
    await client.connect();
    await client.loadOlder('general');
    const before = client.store.getState();
    const firstMessage = selectMessages(before, 'general')[0];
    server.actAs('bo', { type: 'message.send', roomId: 'random', clientId: 'rr', text: 'elsewhere' });
    await flush();
    const after = client.store.getState();
    expect(after.timelines.general).toBe(before.timelines.general);
    expect(after.rooms.general).toBe(before.rooms.general);
    expect(after.rooms.random).not.toBe(before.rooms.random);
    server.actAs('bo', { type: 'reaction.toggle', roomId: 'general', messageId: selectMessages(before, 'general')[5]!.id, emoji: '👍' });
    await flush();
    const reacted = client.store.getState();
    expect(selectMessages(reacted, 'general')[0]).toBe(firstMessage);
    expect(selectMessages(reacted, 'general')[5]).not.toBe(selectMessages(before, 'general')[5]);
    expect(selectMessages(reacted, 'general')[5]?.reactions).toEqual([{ emoji: '👍', userIds: ['bo'] }]);
  });
});

describe('ChatClient: notifications', () => {
  it('notifies subscribers of a real change once, and of a duplicate event not at all', async () => {
    const server = createReferenceServer({ floodLimit: false });
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.upsertUser({ id: 'bo', name: 'Bo' });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const transport = new ScriptedTransport(server, 'bo');
    const bo = createChatClient({ transport });
    await bo.connect();
    await flush();
    transport.deliverEverything();
    await flush();
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'hello', text: 'Hello, Bo!' });
    let notified = 0;
    const unsubscribe = bo.store.subscribe(() => notified++);
    transport.deliverEvent(0);
    expect(notified).toBe(1);
    expect(selectMessages(bo.store.getState(), 'general').map((message) => message.text)).toEqual(['Hello, Bo!']);
    transport.duplicateEvent(0);
    expect(notified).toBe(1);
    unsubscribe();
    bo.close();
  });
});

describe('ChatClient: previews', () => {
  it('knows each room’s newest message from the snapshot before the room is opened, and follows edits', async () => {
    const { connect, server } = env({ history: 3 });
    const { client } = connect('ana');
    await client.connect();
    expect(selectLastMessage(client.store.getState(), 'general')).toMatchObject({ text: 'history 3', sequence: 3 });
    expect(selectMessages(client.store.getState(), 'general')).toEqual([]);
    const latest = server.actAs('bo', { type: 'message.history', roomId: 'general' });
    if (!latest.ok) throw latest.error;
    server.actAs('bo', { type: 'message.edit', roomId: 'general', messageId: latest.value.messages[2]!.id, text: 'history 3, edited' });
    await flush();
    expect(selectLastMessage(client.store.getState(), 'general')).toMatchObject({ text: 'history 3, edited' });
    server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'live', text: 'live one' });
    await flush();
    expect(selectLastMessage(client.store.getState(), 'general')).toMatchObject({ text: 'live one', sequence: 4 });
  });
});
