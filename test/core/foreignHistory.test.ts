import { createChatClient, roomsWithForeignHistory, selectLastMessage, selectMessages, selectTimeline, type ChatClient } from '../../src/core';
import type { Message } from '../../src/protocol';
import { createReferenceServer, type ReferenceServer } from '../../src/server';
import { SwitchableTransport } from '../helpers/switchableTransport';

function serverWith(texts: readonly string[], options: { epoch?: string } = {}): ReferenceServer {
  const server = createReferenceServer({ floodLimit: false, ...options });
  server.upsertUser({ id: 'ana', name: 'Ana' });
  server.upsertUser({ id: 'bo', name: 'Bo' });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
  texts.forEach((text, index) => {
    const outcome = server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `seed_${index}`, text });
    if (!outcome.ok) throw outcome.error;
  });
  return server;
}

function historyOf(server: ReferenceServer): Message[] {
  const page = server.actAs('ana', { type: 'message.history', roomId: 'general', after: 0, limit: 100 });
  if (!page.ok) throw page.error;
  return page.value.messages;
}

/** Everything of the room the client shows: confirmed messages, pending sends and the preview. */
function shownTexts(client: ChatClient): string[] {
  const state = client.store.getState();
  return [...selectMessages(state, 'general').map((message) => message.text), ...selectTimeline(state, 'general').pending.map((pending) => `pending: ${pending.text}`)];
}

let client: ChatClient | undefined;
afterEach(() => client?.close());

describe('a client meeting a server whose history is not the one it holds', () => {
  it('shows exactly what a fresh server (another epoch) has, and sends its outbox there once each', async () => {
    const first = serverWith(['old 1', 'old 2', 'old 3']);
    const transport = new SwitchableTransport(first, 'ana');
    client = createChatClient({ transport });
    await client.connect();
    await client.loadOlder('general');
    expect(shownTexts(client)).toEqual(['old 1', 'old 2', 'old 3']);

    // One send reaches the old server, which dies before its answer or event gets out; one is made while it is down.
    transport.holdAnswers();
    const inFlight = client.sendMessage('general', { text: 'in flight' });
    expect(historyOf(first).map((message) => message.text)).toContain('in flight');
    transport.kill();
    const whileDown = client.sendMessage('general', { text: 'while down' });
    await vi.waitFor(() => expect(shownTexts(client!)).toEqual(['old 1', 'old 2', 'old 3', 'pending: in flight', 'pending: while down']));

    // A fresh server with other messages at the same sequences and more: a resume alone would not notice.
    const second = serverWith(['new 1', 'new 2', 'new 3', 'new 4', 'new 5']);
    transport.replaceWith(second);
    const [a, b] = await Promise.all([inFlight, whileDown]);
    expect([a.text, b.text]).toEqual(['in flight', 'while down']);

    const expected = historyOf(second);
    expect(expected.map((message) => message.text)).toEqual(['new 1', 'new 2', 'new 3', 'new 4', 'new 5', 'in flight', 'while down']);
    await vi.waitFor(() => expect(selectMessages(client!.store.getState(), 'general').map((message) => message.id)).toEqual(expected.map((message) => message.id)));
    const state = client.store.getState();
    expect(shownTexts(client)).toEqual(['new 1', 'new 2', 'new 3', 'new 4', 'new 5', 'in flight', 'while down']);
    expect(state.rooms.general?.lastSequence).toBe(7);
    expect(selectLastMessage(state, 'general')?.text).toBe('while down');
    expect(state.epoch).toBe(second.connect('ana', () => {}).snapshot().epoch);
    expect(JSON.stringify(state.timelines)).not.toContain('old ');
  });

  it('reloads a room whose newest sequence on the server is below what it holds, even under the same epoch', async () => {
    const first = serverWith(['old 1', 'old 2', 'old 3', 'old 4'], { epoch: 'kept' });
    const transport = new SwitchableTransport(first, 'ana');
    client = createChatClient({ transport });
    await client.connect();
    await client.loadOlder('general');
    transport.kill();
    const second = serverWith(['restored 1', 'restored 2'], { epoch: 'kept' });
    transport.replaceWith(second);
    await vi.waitFor(() => expect(shownTexts(client!)).toEqual(['restored 1', 'restored 2']));
    expect(client.store.getState().rooms.general?.lastSequence).toBe(2);
  });

  it('reloads a room when resuming it is answered `conflict`', async () => {
    const first = serverWith(['old 1', 'old 2', 'old 3', 'old 4'], { epoch: 'kept' });
    // The snapshot claims the old newest sequence (a lagging replica), so only the resume finds out.
    const transport = new SwitchableTransport(first, 'ana', (snapshot) => ({
      ...snapshot,
      rooms: snapshot.rooms.map((room) => ({ ...room, lastSequence: Math.max(room.lastSequence, 4) })),
    }));
    const errors: string[] = [];
    client = createChatClient({ transport, onError: (error) => errors.push(error.code) });
    await client.connect();
    await client.loadOlder('general');
    transport.kill();
    transport.replaceWith(serverWith(['restored 1', 'restored 2'], { epoch: 'kept' }));
    await vi.waitFor(() => expect(shownTexts(client!)).toEqual(['restored 1', 'restored 2']));
    expect(transport.requests.filter((command) => command.type === 'room.resume').map((command) => command.type === 'room.resume' && command.afterSequence)).toEqual([4, 0]);
    expect(client.store.getState().rooms.general?.lastSequence).toBe(2);
    expect(errors).toEqual([]);
  });

  it('keeps its copy when the server is the same history (no reload, only a resume)', async () => {
    const server = serverWith(['one', 'two'], { epoch: 'kept' });
    const transport = new SwitchableTransport(server, 'ana');
    client = createChatClient({ transport });
    await client.connect();
    await client.loadOlder('general');
    const before = selectMessages(client.store.getState(), 'general');
    transport.kill();
    server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'three', text: 'three' });
    transport.replaceWith(server);
    await vi.waitFor(() => expect(shownTexts(client!)).toEqual(['one', 'two', 'three']));
    expect(selectMessages(client.store.getState(), 'general')[0]).toBe(before[0]);
    expect(transport.requests.filter((command) => command.type === 'room.resume').map((command) => command.type === 'room.resume' && command.afterSequence)).toEqual([2]);
  });
});

describe('roomsWithForeignHistory', () => {
  it('names every known room on another epoch, and otherwise the rooms whose server sequence fell below the held one', async () => {
    const server = serverWith(['a', 'b', 'c'], { epoch: 'one' });
    const transport = new SwitchableTransport(server, 'ana');
    client = createChatClient({ transport });
    await client.connect();
    await client.loadOlder('general');
    const state = client.store.getState();
    const snapshot = server.connect('ana', () => {}).snapshot();
    expect(roomsWithForeignHistory(state, snapshot)).toEqual([]);
    expect(roomsWithForeignHistory(state, { ...snapshot, epoch: 'two' })).toEqual(['general']);
    expect(roomsWithForeignHistory(state, { ...snapshot, rooms: snapshot.rooms.map((room) => ({ ...room, lastSequence: 2 })) })).toEqual(['general']);
    const { epoch: _epoch, ...withoutEpoch } = snapshot;
    expect(roomsWithForeignHistory(state, withoutEpoch)).toEqual([]);
  });
});
