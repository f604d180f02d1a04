import {
  applyEvent,
  applySnapshot,
  createChatStore,
  defaultNotificationLevel,
  effectiveNotificationLevel,
  optimisticSettings,
  roomSettingsFromSnapshot,
  selectIsMuted,
  selectNotificationLevel,
  selectTotalUnread,
  withRoomSettings,
} from '../../src/core';
import { createTestChat } from '../../src/testing';

describe('room settings in the store', () => {
  it('defaults: all for a direct room, mentions for a group room; a room’s own level wins', () => {
    expect(defaultNotificationLevel('direct')).toBe('all');
    expect(defaultNotificationLevel('public')).toBe('mentions');
    expect(defaultNotificationLevel('private')).toBe('mentions');
    expect(effectiveNotificationLevel('public', { level: 'none' })).toBe('none');
    expect(effectiveNotificationLevel('direct', { level: undefined })).toBe('all');
  });

  it('the newer copy wins, an equal one keeps the identity, and an optimistic copy yields to any server copy', () => {
    const server = { roomId: 'g', muted: true, updatedAt: 10 };
    let record = withRoomSettings({}, server);
    expect(withRoomSettings(record, { ...server })).toBe(record);
    expect(withRoomSettings(record, { roomId: 'g', muted: false, updatedAt: 5 })).toBe(record);
    const optimistic = optimisticSettings('g', server, { level: 'all' });
    expect(optimistic).toEqual({ roomId: 'g', muted: true, level: 'all', updatedAt: 10 });
    record = { g: optimistic };
    expect(withRoomSettings(record, { roomId: 'g', muted: true, level: 'all', updatedAt: 11 })['g']?.updatedAt).toBe(11);
    expect(optimisticSettings('g', undefined, { muted: true })).toEqual({ roomId: 'g', muted: true, updatedAt: 0 });
    const fromSnapshot = roomSettingsFromSnapshot({ g: server }, [{ ...server }]);
    expect(fromSnapshot['g']).toBe(server);
  });

  it('a muted room counts in no total unread, and a room left takes its settings with it', async () => {
    const chat = createTestChat({ messages: { general: 3 } });
    const ana = await chat.connect('ana');
    await chat.settle();
    const before = selectTotalUnread(ana.store.getState());
    expect(before).toBeGreaterThan(0);
    await ana.setRoomSettings('general', { muted: true });
    expect(selectIsMuted(ana.store.getState(), 'general')).toBe(true);
    expect(selectTotalUnread(ana.store.getState())).toBe(0);
    expect(selectNotificationLevel(ana.store.getState(), 'general')).toBe('mentions');
    const store = createChatStore(ana.store.getState());
    store.setState((state) => applyEvent(state, { type: 'room.left', roomId: 'general', reason: 'left' }, 0));
    expect(store.getState().roomSettings).toEqual({});
    chat.close();
  });

  it('a refused change puts back what was there', async () => {
    const chat = createTestChat({ messages: { general: 1 } });
    const ana = await chat.connect('ana');
    await chat.settle();
    await expect(ana.setRoomSettings('nowhere', { muted: true })).rejects.toMatchObject({ code: 'not_found' });
    // The server refuses (the level is not one): the optimistic copy is rolled back.
    await expect(ana.setRoomSettings('general', { level: 'loud' as never })).rejects.toMatchObject({ code: 'invalid' });
    expect(ana.store.getState().roomSettings).toEqual({});
    chat.close();
  });

  it('follows another device at once, and a reload sees the settings', async () => {
    const chat = createTestChat({ messages: { general: 1 } });
    const laptop = await chat.connect('ana');
    const phone = await chat.connect('ana');
    await chat.settle();
    await laptop.setRoomSettings('general', { muted: true, level: 'all' });
    await chat.settle();
    expect(phone.store.getState().roomSettings['general']).toMatchObject({ muted: true, level: 'all' });
    await phone.setRoomSettings('general', { muted: false });
    await chat.settle();
    expect(selectIsMuted(laptop.store.getState(), 'general')).toBe(false);
    const reloaded = await chat.connect('ana');
    await chat.settle();
    expect(reloaded.store.getState().roomSettings['general']).toMatchObject({ muted: false, level: 'all' });
    // A snapshot with the same settings keeps the store's record as it is.
    const state = reloaded.store.getState();
    const snapshotSettings = Object.values(state.roomSettings);
    expect(applySnapshot(state, { ...minimalSnapshot(state), roomSettings: snapshotSettings }, 0).roomSettings).toBe(state.roomSettings);
    chat.close();
  });
});

function minimalSnapshot(state: ReturnType<ReturnType<typeof createChatStore>['getState']>) {
  return {
    me: { id: state.me as string, name: 'Ana', presence: { state: 'online' as const } },
    users: [],
    rooms: Object.values(state.rooms),
    cursors: [],
    blockedUserIds: [],
    typing: [],
    limits: state.limits,
    serverTime: 0,
  };
}
