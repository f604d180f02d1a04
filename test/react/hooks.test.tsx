// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import {
  useConnection,
  useCurrentUser,
  useMessage,
  usePresence,
  useReactions,
  useReadReceipts,
  useRoom,
  useRooms,
  useTotalUnread,
  useTyping,
  useUnreadCount,
  useUser,
  type ChatClient,
} from '../../src/react';
import type { TestChat } from '../../src/testing';
import { settle, setupAna } from './helpers';

let chat: TestChat;
let ana: ChatClient;
let wrapper: Awaited<ReturnType<typeof setupAna>>['wrapper'];
beforeEach(async () => {
  ({ chat, ana, wrapper } = await setupAna());
});
afterEach(() => {
  cleanup(); // unmount before the sessions close, so no update lands outside act
  chat.close();
});

describe('people and connection', () => {
  it('useConnection, useCurrentUser, useUser', () => {
    const { result } = renderHook(() => ({ connection: useConnection(), me: useCurrentUser(), bo: useUser('bo'), nobody: useUser('zed') }), { wrapper });
    expect(result.current.connection).toEqual({ status: { state: 'online' }, isOnline: true, error: null });
    expect(result.current.me).toMatchObject({ id: 'ana', profile: { id: 'ana', name: 'Ana Lima' }, presence: { state: 'online' } });
    expect(result.current.bo).toEqual({ id: 'bo', name: 'Bo Svensson' });
    expect(result.current.nobody).toBeUndefined();
  });

  it('usePresence follows people coming and going', async () => {
    const { result } = renderHook(() => usePresence('bo'), { wrapper });
    expect(result.current?.state).toBe('offline');
    let bo!: ChatClient;
    await settle(chat, async () => {
      bo = await chat.connect('bo');
    });
    expect(result.current?.state).toBe('online');
    await settle(chat, () => bo.close());
    expect(result.current).toMatchObject({ state: 'offline', lastSeenAt: expect.any(Number) });
  });
});

describe('rooms and unread', () => {
  it('useRooms orders by activity and keeps unchanged rooms’ identity', async () => {
    const dm = chat.directRoomId('ana', 'bo');
    const { result } = renderHook(() => useRooms(), { wrapper });
    expect(result.current.map((room) => room.id).sort()).toEqual([dm, 'general', 'random'].sort());
    await settle(chat, () => chat.say('bo', 'random', 'first'));
    expect(result.current[0]?.id).toBe('random');
    const general = result.current.find((room) => room.id === 'general');
    await settle(chat, () => chat.say('bo', 'random', 'again'));
    expect(result.current.find((room) => room.id === 'general')).toBe(general);
    await settle(chat, () => chat.say('bo', 'general', 'now here'));
    expect(result.current[0]?.id).toBe('general');
  });

  it('useUnreadCount and useTotalUnread count others’ messages after the read cursor', async () => {
    const { result } = renderHook(() => ({ general: useUnreadCount('general'), random: useUnreadCount('random'), total: useTotalUnread(), room: useRoom('general') }), { wrapper });
    expect(result.current).toMatchObject({ general: 0, random: 0, total: 0 });
    await settle(chat, () => {
      chat.say('bo', 'general', 'one');
      chat.say('chen', 'general', 'two');
      chat.say('bo', 'random', 'three');
    });
    expect(result.current).toMatchObject({ general: 2, random: 1, total: 3 });
    expect(result.current.room?.lastSequence).toBe(2);
    await settle(chat, () => ana.markRead('general'));
    expect(result.current).toMatchObject({ general: 0, random: 1, total: 1 });
  });
});

describe('typing, receipts, reactions', () => {
  it('useTyping lists who types, with profiles, and notifies', async () => {
    const bo = await chat.connect('bo');
    const { result } = renderHook(() => useTyping('general'), { wrapper });
    expect(result.current.userIds).toEqual([]);
    await settle(chat, () => bo.notifyTyping('general'));
    expect(result.current.userIds).toEqual(['bo']);
    expect(result.current.users.map((user) => user.name)).toEqual(['Bo Svensson']);
    const users = result.current.users;
    await settle(chat, () => chat.say('chen', 'random', 'elsewhere'));
    expect(result.current.users).toBe(users);
    await settle(chat, () => result.current.notify());
    await waitFor(() => expect(bo.store.getState().typing['general']).toHaveProperty('ana'));
    await settle(chat, () => result.current.stop());
    await waitFor(() => expect(bo.store.getState().typing['general']).toBeUndefined());
  });

  it('useReadReceipts gives others’ cursors and who read up to a message', async () => {
    const bo = await chat.connect('bo');
    const chen = await chat.connect('chen');
    chat.seedMessages('general', 4, { authorIds: ['eli'] }); // an author has read what they wrote
    await settle(chat);
    const { result } = renderHook(() => useReadReceipts('general'), { wrapper });
    await settle(chat, async () => {
      await bo.markRead('general', 4);
      await chen.markRead('general', 2);
      await ana.markRead('general', 4);
    });
    expect(result.current.cursors.map((cursor) => [cursor.userId, cursor.sequence])).toEqual([
      ['bo', 4],
      ['eli', 4],
      ['chen', 2],
    ]);
    expect(result.current.readersOf(2)).toEqual(['bo', 'eli', 'chen']);
    expect(result.current.readersOf(3)).toEqual(['bo', 'eli']);
  });

  it('useReactions toggles and tells whether the user reacted', async () => {
    const message = chat.say('bo', 'general', 'react to me');
    await settle(chat, () => ana.loadOlder('general'));
    const { result } = renderHook(() => ({ byObject: useReactions('general', message), byId: useReactions('general', message.id), row: useMessage('general', message.sequence) }), { wrapper });
    expect(result.current.byObject.reactions).toEqual([]);
    await settle(chat, () => result.current.byObject.toggle('👍'));
    expect(result.current.byObject.reactions).toEqual([{ emoji: '👍', userIds: ['ana'] }]);
    expect(result.current.byId.reactions).toBe(result.current.row?.reactions);
    expect(result.current.byObject.hasReacted('👍')).toBe(true);
    expect(result.current.byId.hasReacted('🎉')).toBe(false);
    await act(() => result.current.byId.toggle('👍'));
    expect(result.current.byObject.hasReacted('👍')).toBe(false);
  });
});
