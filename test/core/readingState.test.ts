import {
  createChatClient,
  deliveryDelay,
  deliveryStatusOf,
  deliveryToReport,
  mergeCursor,
  readingHeld,
  selectCursor,
  selectUnreadCount,
  unreadTarget,
  type ChatClient,
} from '../../src/core';
import type { ReadCursor, RoomMember } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';

const cursor = (sequence: number, extra: Partial<ReadCursor> = {}): ReadCursor => ({ roomId: 'r', userId: 'bo', sequence, updatedAt: 0, ...extra });

describe('mergeCursor', () => {
  it('moves reading forward only, unless the copy is marked unread', () => {
    expect(mergeCursor(cursor(9), cursor(4)).sequence).toBe(9);
    expect(mergeCursor(cursor(9), cursor(12)).sequence).toBe(12);
    expect(mergeCursor(cursor(9), cursor(4, { markedUnread: true }))).toEqual(cursor(4, { markedUnread: true }));
    // Reading on clears the flag.
    expect(mergeCursor(cursor(4, { markedUnread: true }), cursor(6)).markedUnread).toBeUndefined();
  });

  it('keeps the furthest delivery, and drops it once reading passes it', () => {
    expect(mergeCursor(cursor(2, { deliveredSequence: 8 }), cursor(3)).deliveredSequence).toBe(8);
    expect(mergeCursor(cursor(2, { deliveredSequence: 8 }), cursor(0, { deliveredSequence: 5 })).deliveredSequence).toBe(8);
    expect(mergeCursor(cursor(2), cursor(0, { deliveredSequence: 5 }))).toEqual(cursor(2, { deliveredSequence: 5 }));
    expect(mergeCursor(cursor(2, { deliveredSequence: 8 }), cursor(9)).deliveredSequence).toBeUndefined();
  });

  it('answers the held copy itself when nothing changes (no re-render)', () => {
    const held = cursor(5, { deliveredSequence: 7 });
    expect(mergeCursor(held, cursor(3, { deliveredSequence: 6 }))).toBe(held);
  });
});

describe('unread decisions', () => {
  it('marks unread from just before the message, never reading on', () => {
    expect(unreadTarget(12, 20)).toBe(11);
    expect(unreadTarget(21, 20)).toBe(20);
    expect(unreadTarget(30, 20)).toBeNull();
  });

  it('holds reading-as-seen after a mark until the person interacts', () => {
    expect(readingHeld(true, false)).toBe(true);
    expect(readingHeld(true, true)).toBe(false);
    expect(readingHeld(false, false)).toBe(false);
  });
});

describe('delivery decisions', () => {
  it('reports what passed both the last report and the person’s own cursor', () => {
    expect(deliveryToReport(12, 0, cursor(10))).toBe(12);
    expect(deliveryToReport(12, 12, undefined)).toBeNull();
    expect(deliveryToReport(12, 0, cursor(12))).toBeNull();
    expect(deliveryToReport(12, 0, cursor(3, { deliveredSequence: 12 }))).toBeNull();
  });

  it('throttles to one report per period', () => {
    expect(deliveryDelay(undefined, 5000, 1000)).toBe(0);
    expect(deliveryDelay(4600, 5000, 1000)).toBe(600);
    expect(deliveryDelay(3000, 5000, 1000)).toBe(0);
  });

  it('says sent, delivered or read from the other members’ cursors', () => {
    const members: RoomMember[] = [
      { userId: 'ana', role: 'admin', joinedAt: 0 },
      { userId: 'bo', role: 'member', joinedAt: 0 },
      { userId: 'cy', role: 'member', joinedAt: 0 },
      { userId: 'late', role: 'member', joinedAt: 100 },
    ];
    const message = { sequence: 5, authorId: 'ana', createdAt: 50 };
    const of = (cursors: Record<string, ReadCursor>) => deliveryStatusOf(message, members, (userId) => cursors[userId]);
    expect(of({})).toEqual({ state: 'sent', readBy: 0, of: 2 });
    expect(of({ bo: cursor(0, { deliveredSequence: 5 }) })).toEqual({ state: 'sent', readBy: 0, of: 2 });
    expect(of({ bo: cursor(0, { deliveredSequence: 5 }), cy: cursor(6) })).toEqual({ state: 'delivered', readBy: 1, of: 2 });
    // Someone who joined after it was sent does not hold it back.
    expect(of({ bo: cursor(5), cy: cursor(6) })).toEqual({ state: 'read', readBy: 2, of: 2 });
    expect(deliveryStatusOf(message, members.slice(0, 1), () => undefined)).toEqual({ state: 'sent', readBy: 0, of: 0 });
    // A crowd: the client holds only its admins and no one else's cursor.
    expect(deliveryStatusOf(message, members, () => cursor(9), 500)).toEqual({ state: 'sent', readBy: 0, of: 0 });
  });
});

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function world() {
  const server = createReferenceServer({ floodLimit: false });
  server.upsertUser({ id: 'ana', name: 'Ana' });
  server.upsertUser({ id: 'bo', name: 'Bo' });
  server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  const clients: ChatClient[] = [];
  const connect = async (userId: string) => {
    const client = createChatClient({ transport: createMemoryTransport(server, { userId }), deliveryThrottleMs: 20 });
    clients.push(client);
    await client.connect();
    return client;
  };
  return { server, connect, close: () => clients.forEach((client) => client.close()) };
}

describe('mark unread through the client', () => {
  it('moves the cursor back at once, other devices follow, and a read sent before the mark does not undo it', async () => {
    const { server, connect, close } = world();
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const outcome = server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: `c${i}`, text: `${i}` });
      if (outcome.ok) ids.push((outcome.value as { id: string }).id);
    }
    const phone = await connect('bo');
    const laptop = await connect('bo');
    await phone.loadOlder('r');
    const reading = phone.markRead('r', 6);
    const marking = phone.markUnread('r', ids[2]!);
    expect(selectCursor(phone.store.getState(), 'r', 'bo')).toMatchObject({ sequence: 2, markedUnread: true });
    await Promise.all([reading, marking]);
    await flush();
    expect(selectCursor(phone.store.getState(), 'r', 'bo')).toMatchObject({ sequence: 2, markedUnread: true });
    expect(selectCursor(laptop.store.getState(), 'r', 'bo')).toMatchObject({ sequence: 2, markedUnread: true });
    expect(selectUnreadCount(laptop.store.getState(), 'r')).toBe(4);
    // Reading on (after the person interacts) clears it everywhere.
    await laptop.markRead('r', 6);
    await flush();
    expect(selectCursor(phone.store.getState(), 'r', 'bo')?.markedUnread).toBeUndefined();
    expect(selectUnreadCount(phone.store.getState(), 'r')).toBe(0);
    close();
  });
});

describe('delivery reports through the client', () => {
  it('a received message is reported once per period, and the author sees it delivered, then read', async () => {
    const { connect, close } = world();
    const ana = await connect('ana');
    const bo = await connect('bo');
    const sent = await ana.sendMessage('r', { text: 'hello' });
    await ana.sendMessage('r', { text: 'again' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const state = () => ana.store.getState();
    const status = (sequence: number) => deliveryStatusOf({ ...sent, sequence }, state().rooms['r']!.members, (userId) => selectCursor(state(), 'r', userId));
    expect(selectCursor(state(), 'r', 'bo')?.deliveredSequence).toBe(sent.sequence + 1);
    expect(status(sent.sequence).state).toBe('delivered');
    await bo.markRead('r');
    await flush();
    expect(status(sent.sequence + 1)).toEqual({ state: 'read', readBy: 1, of: 1 });
    close();
  });
});
