/**
 * `npm run bench`: how the client store copes with big rooms, on this machine. Prints numbers;
 * it passes or fails nothing. Goal from the spine issue: 100k messages ingested in under 1 s.
 */
import { applyEvent, createChatStore, selectMessages, selectUnreadCount, withMessages, type ChatState } from '../src/core';
import type { Message, Room } from '../src/protocol';

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

function room(id: string): Room {
  return { id, name: id, kind: 'public', createdBy: 'ana', createdAt: 0, members: [{ userId: 'ana', role: 'admin', joinedAt: 0 }, { userId: 'bo', role: 'member', joinedAt: 0 }], lastSequence: 0, lastActivityAt: 0 };
}

function message(roomId: string, sequence: number): Message {
  return { id: `${roomId}_${sequence}`, clientId: `c_${roomId}_${sequence}`, roomId, sequence, authorId: 'bo', text: `message number ${sequence} with a bit of text`, attachments: [], mentions: [], reactions: [], replyCount: 0, createdAt: 1_700_000_000_000 + sequence };
}

function freshStore(roomIds: string[]) {
  const rooms = Object.fromEntries(roomIds.map((id) => [id, room(id)]));
  return createChatStore({ me: 'ana', rooms });
}

function ingest(count: number) {
  const store = freshStore(['big']);
  let renders = 0;
  store.subscribe(() => renders++);
  const before = heapMb();
  const start = performance.now();
  for (let sequence = 1; sequence <= count; sequence++) {
    store.setState((state: ChatState) => applyEvent(state, { type: 'message.created', message: message('big', sequence) }, 0));
  }
  const ms = performance.now() - start;
  const after = heapMb();
  if (store.getState().timelines.big?.messages.size !== count || renders !== count) throw new Error('ingest lost messages');
  return { ms, heapMb: after - before, store };
}

function prependPages(pages: number) {
  // A room holding its newest 100,000 messages, loading older pages of 100 in front of them.
  const total = 100_000 + pages * 100;
  const store = freshStore(['big']);
  const newest = Array.from({ length: 100_000 }, (_, i) => message('big', total - 100_000 + 1 + i));
  store.setState((state) => withMessages(state, 'big', newest, { me: 'ana', range: { from: total - 100_000 + 1, to: total } }));
  const timings: number[] = [];
  for (let page = 0; page < pages; page++) {
    const to = total - 100_000 - page * 100;
    const batch = Array.from({ length: 100 }, (_, i) => message('big', to - 99 + i));
    const start = performance.now();
    store.setState((state) => withMessages(state, 'big', batch, { me: 'ana', range: { from: to - 99, to } }));
    timings.push(performance.now() - start);
  }
  if (store.getState().timelines.big?.messages.size !== total) throw new Error('prepend lost messages');
  timings.sort((a, b) => a - b);
  return { median: timings[Math.floor(timings.length / 2)] ?? 0, worst: timings[timings.length - 1] ?? 0 };
}

function spread(events: number, roomCount: number) {
  const roomIds = Array.from({ length: roomCount }, (_, i) => `room${i}`);
  const store = freshStore(roomIds);
  const sequences = new Map<string, number>();
  const start = performance.now();
  for (let index = 0; index < events; index++) {
    const roomId = roomIds[index % roomCount] as string;
    const sequence = (sequences.get(roomId) ?? 0) + 1;
    sequences.set(roomId, sequence);
    store.setState((state: ChatState) => applyEvent(state, { type: 'message.created', message: message(roomId, sequence) }, 0));
  }
  const ms = performance.now() - start;
  const unread = roomIds.reduce((sum, id) => sum + selectUnreadCount(store.getState(), id), 0);
  if (unread !== events) throw new Error(`expected ${events} unread, counted ${unread}`);
  return { ms };
}

// Warm the JIT on a small run first, as a long-lived page would be.
ingest(5_000);

/** Streamed pieces (a bot's answer) into the newest message of a big room: each O(log n), one message changed. */
function streamPieces(store: ReturnType<typeof freshStore>, pieces: number) {
  const newest = store.getState().timelines.big?.messages.at(store.getState().timelines.big!.messages.size - 1) as Message;
  store.setState((state) => applyEvent(state, { type: 'message.updated', message: { ...newest, text: '', streaming: { state: 'generating' } } }, 0));
  const piece = 'word ';
  const start = performance.now();
  for (let index = 0; index < pieces; index++) {
    const event = { type: 'message.appended' as const, roomId: 'big', messageId: newest.id, sequence: newest.sequence, offset: index * piece.length, piece };
    store.setState((state: ChatState) => applyEvent(state, event, 0));
  }
  const ms = performance.now() - start;
  if (store.getState().timelines.big?.messages.get(newest.sequence)?.text.length !== pieces * piece.length) throw new Error('streaming lost pieces');
  return { ms };
}

const big = ingest(100_000);
const firstMaterialise = performance.now();
selectMessages(big.store.getState(), 'big');
const materialiseMs = performance.now() - firstMaterialise;
const pages = prependPages(50);
const many = spread(10_000, 100);
const streamed = streamPieces(big.store, 1000);

const rows: [string, string, string][] = [
  ['ingest 100,000 messages into one room, one event at a time', `${big.ms.toFixed(0)} ms`, `goal < 1000 ms: ${big.ms < 1000 ? 'met' : 'MISSED'}`],
  ['  heap held by that room', `${big.heapMb.toFixed(1)} MB`, gc ? '' : '(run with --expose-gc for a settled number)'],
  ['  one array of all 100,000 (only if a consumer asks)', `${materialiseMs.toFixed(1)} ms`, ''],
  ['prepend a 100-message page to a 100,000-message room', `${pages.median.toFixed(2)} ms/page`, `median of 50; worst ${pages.worst.toFixed(2)} ms`],
  ['10,000 events spread over 100 rooms', `${many.ms.toFixed(0)} ms`, `${((many.ms * 1000) / 10_000).toFixed(1)} µs/event`],
  ['1,000 streamed pieces into the newest of 100,000 messages', `${streamed.ms.toFixed(1)} ms`, `${((streamed.ms * 1000) / 1000).toFixed(1)} µs/piece`],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`Confab store benchmark (node ${process.version}, ${new Date().toISOString()})`);
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(14)}  ${note}`);
