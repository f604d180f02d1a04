// @vitest-environment jsdom
// The hooks the message list opens and reads with (src/react/listHooks.ts): landing at the first
// unread, moving the cursor only through what is held, and loading the newest page on demand.
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ChatProvider, useLatest, useMarkSeen, useMessages, useUnreadLanding, type ChatClient } from '../../src/react';
import { selectTimeline } from '../../src/core';
import { createTestChat, type TestChat } from '../../src/testing';

let chat: TestChat;
let ana: ChatClient;
let wrapper: (props: { children?: ReactNode }) => ReactNode;

async function setup(total: number, read: number): Promise<void> {
  chat = createTestChat();
  chat.seedMessages('general', total, { authorIds: ['bo', 'chen'] });
  chat.server.actAs('ana', { type: 'cursor.set', roomId: 'general', sequence: read });
  ana = await chat.connect('ana');
  wrapper = ({ children }) => <ChatProvider client={ana}>{children}</ChatProvider>;
}
afterEach(() => {
  cleanup();
  chat.close();
});
const settle = () => act(() => chat.settle());
const covered = () => selectTimeline(ana.store.getState(), 'general').covered;
const serverCursor = () => {
  const outcome = chat.server.actAs('ana', { type: 'cursor.list', roomId: 'general' });
  return outcome.ok ? outcome.value.find((cursor) => cursor.userId === 'ana')?.sequence : undefined;
};

describe('useUnreadLanding', () => {
  it('loads the pages around the first unread, and useMessages beside it fetches no newest page', async () => {
    await setup(300, 100);
    const { result } = renderHook(
      () => {
        const landing = useUnreadLanding('general');
        useMessages('general');
        return landing;
      },
      { wrapper },
    );
    expect(result.current).toMatchObject({ unreadAfter: 100, firstUnread: 101, ready: false });
    await settle();
    await settle();
    expect(result.current).toMatchObject({ unreadAfter: 100, firstUnread: 101, ready: true });
    expect(covered()).toEqual([{ from: 51, to: 150 }]);
  });

  it('is ready at once when everything is read, and keeps the cursor it opened with', async () => {
    await setup(20, 20);
    const { result } = renderHook(() => useUnreadLanding('general'), { wrapper });
    expect(result.current).toMatchObject({ unreadAfter: 20, firstUnread: null, ready: true });
    await act(async () => {
      chat.say('bo', 'general', 'new');
      await chat.settle();
    });
    expect(result.current.unreadAfter).toBe(20);
  });
});

describe('useMarkSeen', () => {
  it('moves the cursor through held messages only, never over a gap', async () => {
    await setup(300, 100);
    await act(() => ana.loadAround('general', 101));
    await act(() => ana.loadAround('general', 301));
    const { result } = renderHook(() => useMarkSeen('general'), { wrapper });
    await act(async () => {
      result.current(300);
      await chat.settle();
    });
    expect(serverCursor()).toBe(150);
    await act(async () => {
      result.current(120);
      await chat.settle();
    });
    expect(serverCursor()).toBe(150);
  });
});

describe('useLatest', () => {
  it('says whether the newest messages are held in one stretch, and loads them', async () => {
    await setup(300, 100);
    await act(() => ana.loadAround('general', 101));
    const { result } = renderHook(() => useLatest('general'), { wrapper });
    expect(result.current.held).toBe(false);
    await act(() => result.current.load());
    expect(result.current.held).toBe(false); // a gap is left between 150 and 251
    expect(covered()).toEqual([
      { from: 51, to: 150 },
      { from: 251, to: 300 },
    ]);
  });
});
