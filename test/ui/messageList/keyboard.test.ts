// Keyboard navigation between messages, without a DOM.
import type { MessageListItem } from '../../../src/ui/messageList/items';
import { keyboardStart, stepToMessage } from '../../../src/ui/messageList/keyboard';

const row = (sequence: number): MessageListItem => ({ kind: 'message', key: `m:${sequence}`, sequence, grouped: false });
const items: MessageListItem[] = [row(1), { kind: 'date', key: 'd', timestamp: 0 }, row(2), { kind: 'unread', key: 'unread' }, { kind: 'gap', key: 'g', gap: { from: 3, to: 9 } }, row(10)];

describe('stepToMessage', () => {
  it('moves to the next message up or down, skipping separators and gaps', () => {
    expect(stepToMessage(items, 2, -1)).toBe(0);
    expect(stepToMessage(items, 2, 1)).toBe(5);
    expect(stepToMessage(items, 0, -1)).toBe(-1);
    expect(stepToMessage(items, 5, 1)).toBe(-1);
  });
});

describe('keyboardStart', () => {
  it('makes Up and Down from the list itself land on the last message in view', () => {
    expect(stepToMessage(items, keyboardStart(items, 5, -1), -1)).toBe(5);
    expect(stepToMessage(items, keyboardStart(items, 2, 1), 1)).toBe(2);
    expect(stepToMessage(items, keyboardStart(items, null, -1), -1)).toBe(5);
  });
});
