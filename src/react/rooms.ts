import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { selectRoom, selectRoomsByActivity, selectTotalUnread, selectUnreadCount } from '../core';
import type { Room } from '../protocol';
import { useClientFor } from './provider';

/**
 * The rooms the signed-in user is in, most recently active first.
 *
 * The array is the store's memoized one: it changes only when a room changes, and every room that
 * did not change keeps its identity, so memoized rows of other rooms do not re-render when a
 * message arrives in one. Unread counts are per row ({@link useUnreadCount}), so a count moving in
 * one room re-renders that row alone, not the list.
 *
 * @example
 * function RoomList({ onOpen }: { onOpen: (roomId: string) => void }) {
 *   const rooms = useRooms();
 *   return rooms.map((room) => <RoomRow key={room.id} room={room} onOpen={onOpen} />);
 * }
 *
 * const RoomRow = memo(function RoomRow({ room, onOpen }: { room: Room; onOpen: (id: string) => void }) {
 *   const unread = useUnreadCount(room.id);
 *   return <button onClick={() => onOpen(room.id)}>{room.name} {unread > 0 && `(${unread})`}</button>;
 * });
 */
export function useRooms(): readonly Room[] {
  return useStore(useClientFor('useRooms').store, selectRoomsByActivity);
}

/**
 * One room the user is in, or undefined (not joined, left, or not loaded yet).
 *
 * @example
 * function RoomHeader({ roomId }: { roomId: string }) {
 *   const room = useRoom(roomId);
 *   return <h2>{room?.name}</h2>;
 * }
 */
export function useRoom(roomId: string): Room | undefined {
  return useStore(useClientFor('useRoom').store, (state) => selectRoom(state, roomId));
}

/**
 * Messages in a room after the signed-in user's read cursor. A number, so the component
 * re-renders only when this room's count changes.
 *
 * @example
 * function UnreadBadge({ roomId }: { roomId: string }) {
 *   const count = useUnreadCount(roomId);
 *   return count > 0 ? <span aria-label={`${count} unread`}>{count}</span> : null;
 * }
 */
export function useUnreadCount(roomId: string): number {
  return useStore(useClientFor('useUnreadCount').store, (state) => selectUnreadCount(state, roomId));
}

/**
 * Unread messages across every room, e.g. for a tab title or a launcher badge.
 *
 * @example
 * function TabTitle() {
 *   const total = useTotalUnread();
 *   useEffect(() => { document.title = total > 0 ? `(${total}) Chat` : 'Chat'; }, [total]);
 *   return null;
 * }
 */
export function useTotalUnread(): number {
  return useStore(useClientFor('useTotalUnread').store, selectTotalUnread);
}

/**
 * Calls `onGone` when the signed-in user is no longer in a room (they left it, were removed, or it
 * was deleted), with the most recently active room they are still in (null when none), so a view
 * can open that one instead. Subscribes to the store without re-rendering on room activity.
 *
 * @example
 * useRoomGone(roomId, (next) => setRoomId(next));
 */
export function useRoomGone(roomId: string | null, onGone: (nextRoomId: string | null) => void): void {
  const client = useClientFor('useRoomGone');
  const callback = useRef(onGone);
  useEffect(() => {
    callback.current = onGone;
  });
  useEffect(() => {
    if (roomId === null) return;
    return client.store.subscribe((state, previous) => {
      if (state.rooms === previous.rooms || selectRoom(state, roomId) !== undefined || selectRoom(previous, roomId) === undefined) return;
      callback.current(selectRoomsByActivity(state).find((room) => room.id !== roomId)?.id ?? null);
    });
  }, [client, roomId]);
}
