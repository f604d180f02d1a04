// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import {
  ChatProvider,
  useCurrentUserId,
  useLastReadersOf,
  useMessageById,
  useMyRole,
  useReadByOthers,
  useReadCursor,
  useUsersById,
  type ChatClient,
} from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';

let chat: TestChat;
let ana: ChatClient;
let wrapper: (props: { children?: ReactNode }) => ReactNode;

beforeEach(async () => {
  chat = createTestChat();
  ana = await chat.connect('ana');
  wrapper = ({ children }) => <ChatProvider client={ana}>{children}</ChatProvider>;
});
afterEach(() => {
  cleanup();
  chat.close();
});

const settle = () => act(() => chat.settle());

describe('hooks added for the message list', () => {
  it('useLastReadersOf puts each reader under the last top-level message held at or before their cursor, not the author', async () => {
    const first = chat.say('ana', 'general', 'one');
    const second = chat.say('ana', 'general', 'two');
    chat.say('bo', 'general', 'a reply', { parentId: first.id }); // Bo's cursor lands on the reply's sequence
    await act(() => ana.loadOlder('general'));
    const { result } = renderHook(() => [useLastReadersOf('general', first.sequence), useLastReadersOf('general', second.sequence)], { wrapper });
    await settle();
    // The reply (sequence 3) is after "two": Bo shows under "two".
    expect(result.current).toEqual([[], ['bo']]);
    const chen = await chat.connect('chen');
    await act(() => chen.markRead('general', first.sequence));
    await settle();
    expect(result.current).toEqual([['chen'], ['bo']]);
  });

  it('useReadByOthers flips once someone else reads that far; useReadCursor follows one’s own', async () => {
    const mine = chat.say('ana', 'general', 'mine');
    await act(() => ana.loadOlder('general'));
    const { result } = renderHook(() => ({ read: useReadByOthers('general', mine.sequence), cursor: useReadCursor('general') }), { wrapper });
    await settle();
    expect(result.current).toEqual({ read: false, cursor: mine.sequence });
    const bo = await chat.connect('bo');
    await act(() => bo.markRead('general'));
    await settle();
    expect(result.current.read).toBe(true);
  });

  it('useUsersById, useCurrentUserId, useMyRole and useMessageById', async () => {
    const message = chat.say('bo', 'general', 'hello');
    await act(() => ana.loadOlder('general'));
    const { result } = renderHook(
      () => ({ users: useUsersById(['bo', 'nobody']), me: useCurrentUserId(), role: useMyRole('general'), message: useMessageById('general', message.id), none: useMessageById('general', undefined) }),
      { wrapper },
    );
    await settle();
    expect(result.current.users.map((user) => user?.name)).toEqual(['Bo Svensson', undefined]);
    expect(result.current.me).toBe('ana');
    expect(result.current.role).toBe('admin');
    expect(result.current.message?.text).toBe('hello');
    expect(result.current.none).toBeUndefined();
    // The same array while those profiles are unchanged.
    const users = result.current.users;
    await act(() => ana.markRead('general'));
    expect(result.current.users).toBe(users);
  });
});
