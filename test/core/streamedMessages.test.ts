import { appendOutcome, createChatClient, createChatStore, selectMessages, selectReplies, SequenceTree, withAppendedPiece, type ChatClient } from '../../src/core';
import type { Message, ServerEventOf } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup() {
  const server = createReferenceServer({ floodLimit: false });
  for (const id of ['ana', 'bo', 'bot']) server.upsertUser({ id, name: id });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'bot'] });
  const clients: ChatClient[] = [];
  const connect = async (userId: string): Promise<{ client: ChatClient; transport: MemoryTransport }> => {
    const transport = createMemoryTransport(server, { userId });
    const client = createChatClient({ transport });
    clients.push(client);
    await client.connect();
    await client.loadOlder('general');
    return { client, transport };
  };
  const start = () => {
    const outcome = server.actAs('bot', { type: 'message.send', roomId: 'general', clientId: `c${Math.random()}`, text: '', streaming: { requestedBy: 'ana' } });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
  const append = (message: Message, offset: number, piece: string) => {
    const outcome = server.actAs('bot', { type: 'message.append', roomId: 'general', messageId: message.id, offset, piece });
    if (!outcome.ok) throw outcome.error;
    return outcome.value.length;
  };
  return { server, connect, start, append, close: () => clients.forEach((client) => client.close()) };
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function env() {
  const value = setup();
  cleanup = value.close;
  return value;
}

const held = (client: ChatClient) => selectMessages(client.store.getState(), 'general');

describe('ChatClient: streamed messages', () => {
  it('grows the held message piece by piece, keeping every other message and the list identity of untouched slices', async () => {
    const { connect, start, append, server } = env();
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'q', text: 'question' });
    const { client: bo } = await connect('bo');
    const message = start();
    await flush();
    const before = held(bo);
    const question = before[0];
    append(message, 0, 'Hel');
    append(message, 3, 'lo');
    await flush();
    const after = held(bo);
    expect(after.map((m) => m.text)).toEqual(['question', 'Hello']);
    expect(after[0]).toBe(question);
    expect(after[1]?.streaming?.state).toBe('generating');
    const stateBefore = bo.store.getState();
    append(message, 5, '!');
    await flush();
    const stateAfter = bo.store.getState();
    expect(stateAfter.rooms).toBe(stateBefore.rooms);
    expect(stateAfter.cursors).toBe(stateBefore.cursors);
    expect(stateAfter.previews).toBe(stateBefore.previews);
  });

  it('asks for the message again when a piece was missed, and catches up after a reconnect', async () => {
    const { connect, start, append } = env();
    const { client: bo, transport } = await connect('bo');
    const message = start();
    append(message, 0, 'one ');
    await flush();
    transport.setOnline(false);
    append(message, 4, 'two ');
    append(message, 8, 'three ');
    transport.setOnline(true);
    await flush();
    await flush();
    // Nothing new arrived after the reconnect: the resync alone brought the text so far.
    expect(held(bo)[0]?.text).toBe('one two three ');
    transport.setOnline(false);
    append(message, 14, 'four ');
    transport.setOnline(true);
    // A piece sent right after the reconnect either lands on the refetched copy or shows the gap itself.
    append(message, 19, 'five');
    await flush();
    await flush();
    expect(held(bo)[0]?.text).toBe('one two three four five');
  });

  it('shows the end as the whole message, and stops through stopStreaming for the person who asked', async () => {
    const { connect, start, append } = env();
    const { client: ana } = await connect('ana');
    const { client: bo } = await connect('bo');
    const message = start();
    append(message, 0, 'Thinking about it');
    await flush();
    const stopped = await ana.stopStreaming('general', message.id);
    expect(stopped.streaming?.state).toBe('stopped');
    await flush();
    expect(held(ana)[0]?.streaming?.state).toBe('stopped');
    expect(held(bo)[0]).toMatchObject({ text: 'Thinking about it', streaming: { state: 'stopped' } });
    await expect(bo.stopStreaming('general', message.id)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('withAppendedPiece', () => {
  const base: Message = {
    id: 'm1', clientId: 'c1', roomId: 'general', sequence: 1, authorId: 'bot', text: 'Hi', attachments: [], mentions: [],
    reactions: [], replyCount: 0, createdAt: 0, streaming: { state: 'generating' },
  };
  const piece = (offset: number, text: string, extra: Partial<ServerEventOf<'message.appended'>> = {}): ServerEventOf<'message.appended'> => ({
    type: 'message.appended', roomId: 'general', messageId: 'm1', sequence: 1, offset, piece: text, ...extra,
  });

  it('applies a piece at the held length, calls a shorter copy a miss and ignores old, ended or unknown pieces', () => {
    // Not held: nothing to do, the message comes whole with its page.
    expect(withAppendedPiece(createChatStore().getState(), piece(2, '!')).outcome).toBe('ignored');
    expect(appendOutcome(base, 2)).toBe('applied');
    expect(appendOutcome(base, 5)).toBe('missed');
    expect(appendOutcome(base, 1)).toBe('ignored');
    expect(appendOutcome({ ...base, streaming: { state: 'complete' } }, 2)).toBe('ignored');
  });

  it('grows a reply in its loaded thread, and only that reply', () => {
    const reply: Message = { ...base, id: 'r1', sequence: 2, parentId: 'p1' };
    const other: Message = { ...base, id: 'r0', sequence: 1, parentId: 'p1', streaming: undefined, text: 'before' };
    const replies = SequenceTree.empty<Message>().set(1, other).set(2, reply);
    const store = createChatStore({ threads: { p1: { roomId: 'general', parentId: 'p1', replies, pending: [], hasOlder: false, loaded: true, loading: false, error: null } } });
    const { slice, outcome } = withAppendedPiece(store.getState(), piece(2, ' there', { messageId: 'r1', sequence: 2, parentId: 'p1' }));
    expect(outcome).toBe('applied');
    expect(selectReplies(slice, 'p1').map((m) => m.text)).toEqual(['before', 'Hi there']);
    expect(selectReplies(slice, 'p1')[0]).toBe(other);
  });
});
