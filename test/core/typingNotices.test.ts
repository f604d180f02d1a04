import { TYPING_TTL_MS } from '../../src/protocol';
import { shouldNotifyTyping, shouldSendTypingStop } from '../../src/core/typingNotices';

describe('typing decisions', () => {
  it('notifies at most once per throttle window', () => {
    expect(shouldNotifyTyping(undefined, 1000, 2000)).toBe(true);
    expect(shouldNotifyTyping(0, 1999, 2000)).toBe(false);
    expect(shouldNotifyTyping(0, 2000, 2000)).toBe(true);
  });

  it('sends a stop only while the last notice still shows', () => {
    expect(shouldSendTypingStop(undefined, 10)).toBe(false);
    expect(shouldSendTypingStop(0, TYPING_TTL_MS - 1)).toBe(true);
    expect(shouldSendTypingStop(0, TYPING_TTL_MS)).toBe(false);
  });
});
