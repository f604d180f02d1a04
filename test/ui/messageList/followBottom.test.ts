// Following the bottom, without a DOM: the decisions the list makes as Virtuoso reports the bottom.
import { atBottomChange, countUnseen, followsOutput, INITIAL_FOLLOW, nearBottom, READER_SCROLL_WINDOW_MS } from '../../../src/ui/messageList/followBottom';

const message = (sequence: number, authorId: string) => ({ id: `m${sequence}`, clientId: `c${sequence}`, roomId: 'r', sequence, authorId, text: '', attachments: [], mentions: [], reactions: [], replyCount: 0, createdAt: 0 });

describe('atBottomChange', () => {
  it('starts following when the list reaches the bottom, noting the newest sequence', () => {
    expect(atBottomChange(INITIAL_FOLLOW, true, 40, 1000)).toEqual({ sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 });
  });

  it('keeps following when the bottom ran ahead of arriving messages and the reader did not scroll', () => {
    const following = { sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 };
    expect(atBottomChange(following, false, 41, 5000)).toBeNull();
  });

  it('stops following when the reader scrolled up themselves', () => {
    const following = { sticky: true, userScrolledAt: 4500, sequenceAtBottom: 40 };
    expect(atBottomChange(following, false, 41, 4500 + READER_SCROLL_WINDOW_MS - 1)).toMatchObject({ sticky: false, sequenceAtBottom: 40 });
  });

  it('stops following when the list was moved more than a screen from the bottom, even with new messages and no hand on it', () => {
    const following = { sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 };
    expect(atBottomChange(following, false, 41, 5000, { fromBottom: 3100, viewport: 600 })).toMatchObject({ sticky: false, sequenceAtBottom: 40 });
    expect(atBottomChange(following, false, 41, 5000, { fromBottom: 300, viewport: 600 })).toBeNull();
  });

  it('stops following when it leaves the bottom with nothing new (the reader moved)', () => {
    const following = { sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 };
    expect(atBottomChange(following, false, 40, 5000)).toMatchObject({ sticky: false });
  });
});

describe('followsOutput', () => {
  const following = { sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 };
  it('follows new rows while following and within a screen of the bottom', () => {
    expect(followsOutput(following, { fromBottom: 0, viewport: 600 })).toBe(true);
    expect(followsOutput(following, { fromBottom: 500, viewport: 600 })).toBe(true);
    expect(followsOutput(following, null)).toBe(true);
  });

  it('does not follow rows that came in while the list is far from the bottom (older history loaded before Virtuoso reported leaving it)', () => {
    expect(followsOutput(following, { fromBottom: 3106, viewport: 600 })).toBe(false);
  });

  it('does not follow when not following', () => {
    expect(followsOutput(INITIAL_FOLLOW, { fromBottom: 0, viewport: 600 })).toBe(false);
  });

  it('nearBottom: within one screen, or unmeasured', () => {
    expect(nearBottom({ fromBottom: 600, viewport: 600 })).toBe(true);
    expect(nearBottom({ fromBottom: 601, viewport: 600 })).toBe(false);
    expect(nearBottom(null)).toBe(true);
  });
});

describe('countUnseen', () => {
  const messages = [message(39, 'bo'), message(40, 'ana'), message(41, 'bo'), message(42, 'ana'), message(43, 'chen')];
  it('counts messages by others after the reader left the bottom', () => {
    expect(countUnseen(messages, 40, 'ana')).toBe(2);
    expect(countUnseen(messages, 43, 'ana')).toBe(0);
    expect(countUnseen(messages, null, 'ana')).toBe(0);
  });
});
