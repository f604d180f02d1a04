// The row builder is pure: tested in Node, without a DOM.
import { createMessageListBuilder, isMessageItem, messageListItems } from '../../../src/ui/messageList/items';

describe('messageListItems (items.ts)', () => {
  const base = { roomId: 'r', attachments: [], mentions: [], reactions: [], replyCount: 0 };
  const at = (sequence: number, authorId: string, createdAt: number) => ({ ...base, id: `m${sequence}`, clientId: `c${sequence}`, sequence, authorId, text: `${sequence}`, createdAt });
  const day = new Date(2026, 0, 5, 10).getTime();

  it('adds date separators between days (the first is the header’s), the unread line and gap markers, and groups by author within five minutes', () => {
    const messages = [at(1, 'bo', day), at(2, 'bo', day + 60_000), at(3, 'bo', day + 10 * 60_000), at(4, 'chen', day + 11 * 60_000), at(8, 'chen', day + 86_400_000), at(9, 'chen', day + 86_400_000 + 1000)];
    const items = messageListItems({ messages, pending: [], gaps: [{ from: 5, to: 7 }], unreadAfter: 8, me: 'ana', hasOlder: false });
    expect(items.map((item) => (item.kind === 'message' ? `${item.sequence}${item.grouped ? 'g' : ''}` : item.kind))).toEqual(['1', '2g', '3', '4', 'gap', 'date', '8', 'unread', '9']);
  });

  it('leaves the unread line out when it would top a list with older history still to load', () => {
    const items = messageListItems({ messages: [at(5, 'bo', day)], pending: [], gaps: [], unreadAfter: 2, me: 'ana', hasOlder: true });
    expect(items.some((item) => item.kind === 'unread')).toBe(false);
  });

  it('builds appended messages onto the previous rows, matching a fresh build', () => {
    const messages = Array.from({ length: 40 }, (_, index) => at(index + 1, ['bo', 'chen', 'ana'][index % 4 === 0 ? 2 : index % 2] as string, day + index * 200_000));
    const input = { pending: [], gaps: [], unreadAfter: 20, me: 'ana', hasOlder: false };
    const build = createMessageListBuilder();
    const first = build({ ...input, messages: messages.slice(0, 30) });
    const second = build({ ...input, messages });
    expect(second).toEqual(messageListItems({ ...input, messages }));
    // The rows of the first 30 messages are the same objects: nothing was rebuilt.
    expect(second.slice(0, first.length).every((item, index) => item === first[index])).toBe(true);
    // A prepended page is a fresh walk, and still right.
    const older = [at(0, 'bo', day - 1000), ...messages];
    expect(build({ ...input, messages: older })).toEqual(messageListItems({ ...input, messages: older }));
  });

  it('never regroups a message that once topped the list when older history arrives above it', () => {
    const build = createMessageListBuilder();
    const input = { pending: [], gaps: [], unreadAfter: null, me: 'ana', hasOlder: true };
    build({ ...input, messages: [at(2, 'bo', day + 60_000), at(3, 'bo', day + 120_000)] });
    const items = build({ ...input, messages: [at(1, 'bo', day), at(2, 'bo', day + 60_000), at(3, 'bo', day + 120_000)] });
    expect(items.map((item) => (item.kind === 'message' ? `${item.sequence}${item.grouped ? 'g' : ''}` : item.kind))).toEqual(['1', '2', '3g']);
  });

  it('keys a pending send like its confirmed copy', () => {
    const pending = { clientId: 'c9', roomId: 'r', authorId: 'ana', text: 'x', attachments: [], mentions: [], createdAt: day, status: 'sending' as const };
    const [pendingItem] = messageListItems({ messages: [], pending: [pending], gaps: [], unreadAfter: null, me: 'ana', hasOlder: false });
    const [confirmedItem] = messageListItems({ messages: [{ ...at(9, 'ana', day), clientId: 'c9' }], pending: [], gaps: [], unreadAfter: null, me: 'ana', hasOlder: false });
    expect(pendingItem?.key).toBe(confirmedItem?.key);
  });
});

describe('isMessageItem', () => {
  it('is true for confirmed and pending messages only', () => {
    expect(isMessageItem({ kind: 'message', key: 'm', sequence: 1, grouped: false })).toBe(true);
    expect(isMessageItem({ kind: 'unread', key: 'unread' })).toBe(false);
    expect(isMessageItem({ kind: 'date', key: 'd', timestamp: 0 })).toBe(false);
    expect(isMessageItem(undefined)).toBe(false);
  });
});
