// @vitest-environment jsdom
import { cleanup, renderHook } from '@testing-library/react';
import { useOnlineUserIds, useRoom, useRoomActions, type ChatClient } from '../../src/react';
import type { TestChat } from '../../src/testing';
import { settle, setupAna } from './helpers';

let chat: TestChat;
let wrapper: Awaited<ReturnType<typeof setupAna>>['wrapper'];
beforeEach(async () => {
  ({ chat, wrapper } = await setupAna());
});
afterEach(() => {
  cleanup();
  chat.close();
});

describe('room members', () => {
  it('useRoomActions().setRole changes a member’s role on the server and in the store', async () => {
    const { result } = renderHook(() => ({ actions: useRoomActions(), room: useRoom('general') }), { wrapper });
    await settle(chat, () => result.current.actions.setRole('general', 'bo', 'admin'));
    expect(result.current.room?.members.find((member) => member.userId === 'bo')?.role).toBe('admin');
    await expect(result.current.actions.setRole('random', 'bo', 'member')).rejects.toMatchObject({ code: 'forbidden', message: 'Only an admin of this room may change roles.' });
  });

  it('useOnlineUserIds follows who comes online and re-renders only when that changes', async () => {
    let renders = 0;
    const ids = ['ana', 'bo', 'chen'];
    const { result } = renderHook(
      () => {
        renders++;
        return useOnlineUserIds(ids);
      },
      { wrapper },
    );
    expect([...result.current]).toEqual(['ana']);
    const first = result.current;
    let bo!: ChatClient;
    await settle(chat, async () => {
      bo = await chat.connect('bo');
    });
    expect([...result.current]).toEqual(['ana', 'bo']);
    const rendersBefore = renders;
    const online = result.current;
    await settle(chat, () => chat.connect('dara'));
    expect(result.current).toBe(online);
    expect(renders).toBe(rendersBefore);
    expect(first).not.toBe(online);
    await settle(chat, () => bo.close());
    expect([...result.current]).toEqual(['ana']);
  });
});
