// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { useBlocking, useInvitations, usePublicRooms, useRoomGone, type ChatClient } from '../../src/react';
import type { TestChat } from '../../src/testing';
import { settle, setupAna } from './helpers';

let chat: TestChat;
let ana: ChatClient;
let wrapper: Awaited<ReturnType<typeof setupAna>>['wrapper'];
beforeEach(async () => {
  ({ chat, ana, wrapper } = await setupAna({ server: { invitations: 'accept' } }));
  for (const name of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) chat.server.createRoom({ id: name, name, kind: 'public', createdBy: 'bo', memberIds: ['bo'] });
});
afterEach(() => {
  cleanup();
  chat.close();
});

describe('usePublicRooms', () => {
  it('loads the first page, then the next on loadMore, until a page is short', async () => {
    const { result } = renderHook(() => usePublicRooms({ pageSize: 3 }), { wrapper });
    expect(result.current.state).toBe('loading');
    await settle(chat);
    expect(result.current.rooms.map((room) => room.id)).toEqual(['alpha', 'beta', 'delta']);
    expect(result.current.hasMore).toBe(true);
    await settle(chat, () => result.current.loadMore());
    expect(result.current.rooms.map((room) => room.id)).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'gamma', 'general']);
    await settle(chat, () => result.current.loadMore());
    expect(result.current.hasMore).toBe(false);
    expect(result.current.state).toBe('ready');
  });

  it('starts again from the first page when the filter changes, dropping pages of the old one', async () => {
    const { result, rerender } = renderHook(({ filter }) => usePublicRooms({ nameContains: filter, pageSize: 3 }), { wrapper, initialProps: { filter: '' } });
    rerender({ filter: 'ta' });
    await settle(chat);
    expect(result.current.rooms.map((room) => room.id)).toEqual(['beta', 'delta']);
    expect(result.current.hasMore).toBe(false);
  });
});

describe('useInvitations and useBlocking', () => {
  it('lists invitations as they come and accepts one', async () => {
    const { result } = renderHook(() => useInvitations(), { wrapper });
    await settle(chat, () => chat.server.actAs('bo', { type: 'room.create', name: 'plans', kind: 'private', memberIds: ['ana'] }));
    expect(result.current.invitations.map((invitation) => [invitation.roomName, invitation.invitedBy])).toEqual([['plans', 'bo']]);
    const roomId = result.current.invitations[0]?.roomId ?? '';
    await settle(chat, () => result.current.accept(roomId));
    expect(result.current.invitations).toEqual([]);
    expect(ana.store.getState().rooms[roomId]?.name).toBe('plans');
  });

  it('blocks and unblocks', async () => {
    const { result } = renderHook(() => useBlocking(), { wrapper });
    await settle(chat, () => result.current.block('bo'));
    expect(result.current.isBlocked('bo')).toBe(true);
    await settle(chat, () => result.current.unblock('bo'));
    expect(result.current.blockedUserIds).toEqual([]);
  });
});

describe('useRoomGone', () => {
  it('calls back with the most recently active other room when the user leaves one', async () => {
    const gone: (string | null)[] = [];
    renderHook(() => useRoomGone('random', (next) => gone.push(next)), { wrapper });
    await settle(chat, () => chat.say('bo', 'general', 'latest'));
    await settle(chat, () => ana.leaveRoom('random'));
    expect(gone).toEqual(['general']);
    await act(async () => {});
    expect(gone).toHaveLength(1);
  });
});
