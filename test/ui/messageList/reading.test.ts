// Unread landing and reading, without a DOM: where the list opens and how far the reader has read.
import type { MessageListItem } from '../../../src/ui/messageList/items';
import { openingLocation, readThrough, rowIsSeen } from '../../../src/ui/messageList/reading';

const row = (sequence: number): MessageListItem => ({ kind: 'message', key: `m:${sequence}`, sequence, grouped: false });
const F = 1000;

describe('openingLocation', () => {
  it('opens at the New line with a little of the last read message above it', () => {
    expect(openingLocation([row(49), row(50), { kind: 'unread', key: 'unread' }, row(51)])).toEqual({ index: 2, align: 'start', offset: -48 });
  });
  it('opens at the bottom when nothing is unread', () => {
    expect(openingLocation([row(1), row(2), row(3)])).toEqual({ index: 2, align: 'end' });
  });
});

describe('readThrough', () => {
  // 41..60 held; the reader's cursor at 50; the New line before 51.
  const items: MessageListItem[] = [...Array.from({ length: 10 }, (_, i) => row(41 + i)), { kind: 'unread', key: 'unread' }, ...Array.from({ length: 10 }, (_, i) => row(51 + i))];

  it('reads down to the last message in view when the first unread one is in view', () => {
    expect(readThrough(items, { startIndex: F + 8, endIndex: F + 15 }, F, 50, false)).toBe(55);
  });

  it('does not move past unread messages above the view (after a jump down)', () => {
    expect(readThrough(items, { startIndex: F + 17, endIndex: F + 20 }, F, 50, false)).toBe(0);
    expect(readThrough(items, { startIndex: F + 17, endIndex: F + 20 }, F, 56, false)).toBe(60);
  });

  it('reads to the newest at the bottom, and nothing when only read messages are in view', () => {
    expect(readThrough(items, { startIndex: F + 12, endIndex: F + 16 }, F, 52, true)).toBe(60);
    expect(readThrough(items, { startIndex: F, endIndex: F + 5 }, F, 50, false)).toBe(0);
    expect(readThrough(items, null, F, 50, false)).toBe(0);
  });
});

describe('rowIsSeen', () => {
  it('counts a row half in view, or one that fills half the view', () => {
    expect(rowIsSeen({ top: 560, bottom: 620 }, { top: 0, bottom: 600 })).toBe(true);
    expect(rowIsSeen({ top: 580, bottom: 640 }, { top: 0, bottom: 600 })).toBe(false);
    expect(rowIsSeen({ top: -500, bottom: 1500 }, { top: 0, bottom: 600 })).toBe(true);
  });
});
