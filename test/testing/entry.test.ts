// The public entry names resolve (as the playground and stories import them) and export what users need.
import * as confab from 'confab-chat';
import * as testing from 'confab-chat/testing';

describe('public entries', () => {
  it('confab exports the provider, every hook, and the core and protocol essentials', () => {
    const hooks = [
      'useChatClient',
      'useChatStore',
      'useConnection',
      'useCurrentUser',
      'useUser',
      'usePresence',
      'useRooms',
      'useRoom',
      'useUnreadCount',
      'useTotalUnread',
      'useMessages',
      'useMessage',
      'useThread',
      'useComposer',
      'useTyping',
      'useReadReceipts',
      'useReactions',
    ] as const;
    for (const name of [...hooks, 'ChatProvider', 'createChatClient', 'ChatError', 'utf8ByteLength', 'validateMessage'] as const) {
      expect(typeof confab[name], name).toBe('function');
    }
    expect(confab.DEFAULT_LIMITS.maxTextBytes).toBe(5 * 1024);
  });

  it('confab/testing exports the helpers', () => {
    expect(typeof testing.createTestChat).toBe('function');
    expect(typeof testing.TestChatProvider).toBe('function');
    expect(typeof testing.runConformanceSuite).toBe('function');
    expect(testing.fixtures.people.map((person) => person.id)).toEqual(['ana', 'bo', 'chen', 'dara', 'eli']);
  });
});
