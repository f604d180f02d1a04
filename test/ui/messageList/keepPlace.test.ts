// Keeping the reader's place on prepend: the firstItemIndex arithmetic, without a DOM.
import { FIRST_INDEX, nextAnchor, type PrependAnchor } from '../../../src/ui/messageList/keepPlace';
import type { MessageListItem } from '../../../src/ui/messageList/items';

const row = (sequence: number): MessageListItem => ({ kind: 'message', key: `m:${sequence}`, sequence, grouped: false });
const start: PrependAnchor = { key: undefined, index: -1, firstItemIndex: FIRST_INDEX };

describe('nextAnchor', () => {
  it('anchors at the first message and keeps the same anchor while nothing moves', () => {
    const items = [row(51), row(52)];
    const anchor = nextAnchor(start, items);
    expect(anchor).toEqual({ key: 'm:51', index: 0, firstItemIndex: FIRST_INDEX });
    expect(nextAnchor(anchor, [...items, row(53)])).toBe(anchor);
  });

  it('lowers firstItemIndex by the rows that came in above the first message', () => {
    const anchor = nextAnchor(start, [row(51), row(52)]);
    const older: MessageListItem[] = [row(1), { kind: 'date', key: 'd:2', timestamp: 0 }, row(2), row(51), row(52)];
    expect(nextAnchor(anchor, older)).toEqual({ key: 'm:1', index: 0, firstItemIndex: FIRST_INDEX - 3 });
  });

  it('counts a separator that came in above the first message (the unread line once older history is in)', () => {
    const anchor = nextAnchor(start, [row(51)]);
    const next = nextAnchor(anchor, [{ kind: 'unread', key: 'unread' }, row(51)]);
    expect(next).toEqual({ key: 'm:51', index: 1, firstItemIndex: FIRST_INDEX - 1 });
  });
});
