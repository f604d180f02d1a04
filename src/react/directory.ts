import { useMemo } from 'react';
import { useStore } from 'zustand';
import { memoizeByIdentity, selectLastMessage, selectUsers, type PendingMessage, type PublicRoomsQuery, type UserProfile } from '../core';
import type { CustomData, Message, Role, Room } from '../protocol';
import { useClientFor } from './provider';

const sortUsers = memoizeByIdentity((users: Readonly<Record<string, UserProfile>>): readonly UserProfile[] =>
  Object.values(users).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
);

/**
 * Everyone the client knows (the people of the session snapshot and those met since, the
 * signed-in user included), by name. The same array until someone's profile changes; presence is
 * not part of it ({@link usePresence}), so people coming online do not re-render a people list.
 *
 * @example
 * function People() {
 *   const users = useUsers();
 *   return <ul>{users.map((user) => <li key={user.id}>{user.name}</li>)}</ul>;
 * }
 */
export function useUsers(): readonly UserProfile[] {
  return useStore(useClientFor('useUsers').store, (state) => sortUsers(selectUsers(state)));
}

/**
 * The newest top-level message the client holds for a room, the user's own unconfirmed send
 * included, for a room list's preview. Undefined when none is held (the room is empty, or its
 * history was never loaded and nothing arrived since connecting). Re-renders only when that
 * message changes.
 *
 * @example
 * function Preview({ roomId }: { roomId: string }) {
 *   const last = useLastMessage(roomId);
 *   return <span>{last?.text ?? ''}</span>;
 * }
 */
export function useLastMessage(roomId: string): Message | PendingMessage | undefined {
  return useStore(useClientFor('useLastMessage').store, (state) => selectLastMessage(state, roomId));
}

/**
 * What {@link useRoomActions} returns: the client's room commands, bound to it. Each returns the
 * client's promise, which rejects with a `ChatError` the server refused.
 *
 * @example
 * const { createRoom, openDirectRoom } = useRoomActions();
 */
export interface RoomActions {
  createRoom(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room>;
  /** Opens (or finds) the direct room with one person. */
  openDirectRoom(userId: string): Promise<Room>;
  joinRoom(roomId: string): Promise<Room>;
  leaveRoom(roomId: string): Promise<void>;
  updateRoom(roomId: string, patch: { name?: string; customData?: CustomData }): Promise<Room>;
  deleteRoom(roomId: string): Promise<void>;
  addMembers(roomId: string, userIds: string[]): Promise<Room>;
  removeMembers(roomId: string, userIds: string[]): Promise<Room>;
  /** Gives a member of a room the admin or the member role (admins only; never in direct rooms). */
  setRole(roomId: string, userId: string, role: Role): Promise<Room>;
  /** A page of the public rooms the user could join (see {@link usePublicRooms} for a paged list). */
  listPublicRooms(query?: PublicRoomsQuery): Promise<Room[]>;
}

/**
 * Room commands bound to the provider's client, stable for its lifetime: for buttons and dialogs
 * that create, open, join or leave rooms.
 *
 * @example
 * function NewRoomButton({ onCreated }: { onCreated: (roomId: string) => void }) {
 *   const { createRoom } = useRoomActions();
 *   return <button onClick={() => void createRoom({ name: 'design', kind: 'public' }).then((room) => onCreated(room.id))}>New room</button>;
 * }
 */
export function useRoomActions(): RoomActions {
  const client = useClientFor('useRoomActions');
  return useMemo<RoomActions>(
    () => ({
      createRoom: (input) => client.createRoom(input),
      openDirectRoom: (userId) => client.openDirectRoom(userId),
      joinRoom: (roomId) => client.joinRoom(roomId),
      leaveRoom: (roomId) => client.leaveRoom(roomId),
      updateRoom: (roomId, patch) => client.updateRoom(roomId, patch),
      deleteRoom: (roomId) => client.deleteRoom(roomId),
      addMembers: (roomId, userIds) => client.addMembers(roomId, userIds),
      removeMembers: (roomId, userIds) => client.removeMembers(roomId, userIds),
      setRole: (roomId, userId, role) => client.setRole(roomId, userId, role),
      listPublicRooms: (query) => client.listPublicRooms(query),
    }),
    [client],
  );
}
