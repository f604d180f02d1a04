import { useCallback, useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { isCrowd, joinedSinceLoaded, memberCountOf, selectMemberPage, selectRoom, shownMembers } from '../core';
import type { ChatError, RoomMember } from '../protocol';
import { useClientFor } from './provider';

/**
 * What {@link useRoomMembers} returns.
 *
 * @example
 * const { members, count, hasMore, loadMore, status } = useRoomMembers('town-hall');
 */
export interface RoomMembers {
  /** Who can be shown: everyone in a small room; in a crowd its admins, then the members loaded so far. */
  members: readonly RoomMember[];
  /** How many members the room has (more than `members` in a crowd until every page is loaded). */
  count: number;
  /** Whether the room is a crowd, whose members are loaded on demand. */
  crowd: boolean;
  /** Whether a crowd has members not loaded yet. */
  hasMore: boolean;
  /** `loading` while a page is on its way, `error` when the last one failed (see `error`). */
  status: 'idle' | 'loading' | 'error';
  error: ChatError | null;
  /** Loads the next page (again after a failure); nothing in a small room or with all loaded. */
  loadMore(): void;
}

/**
 * A room's members for a members list. A small room's view lists everyone; a crowd's (more
 * members than its server's `crowdSize`) lists its admins and `memberCount`, so this loads the
 * first page of the others when first used and `loadMore` the next ones. Presence of people not
 * loaded never re-renders it.
 *
 * @example
 * function Members({ roomId }: { roomId: string }) {
 *   const { members, hasMore, loadMore, status } = useRoomMembers(roomId);
 *   return (
 *     <>
 *       <ul>{members.map((member) => <li key={member.userId}>{member.userId}</li>)}</ul>
 *       {hasMore && <button disabled={status === 'loading'} onClick={loadMore}>Show more</button>}
 *     </>
 *   );
 * }
 */
export function useRoomMembers(roomId: string): RoomMembers {
  const client = useClientFor('useRoomMembers');
  const room = useStore(client.store, (state) => selectRoom(state, roomId));
  const page = useStore(client.store, (state) => selectMemberPage(state, roomId));
  const crowd = room !== undefined && isCrowd(room);
  const loadMore = useCallback(() => {
    // A failure is kept in the store (status `error`), where the list shows it.
    client.loadMembers(roomId).catch(() => {});
  }, [client, roomId]);
  useEffect(() => {
    if (crowd && page === undefined) loadMore();
  }, [crowd, page, loadMore]);
  const members = useMemo(() => (room ? shownMembers(room, page) : []), [room, page]);
  return {
    members,
    count: room ? memberCountOf(room) : 0,
    crowd,
    hasMore: (crowd && (page?.hasMore ?? true)) || (room !== undefined && joinedSinceLoaded(room, page)),
    status: crowd ? (page?.status ?? 'loading') : 'idle',
    error: crowd ? (page?.error ?? null) : null,
    loadMore,
  };
}

/**
 * The ids of a room's members this client knows, without loading any: everyone in a small room;
 * in a crowd its admins and the members loaded so far (for mention suggestions, say).
 *
 * @example
 * const memberIds = useKnownMemberIds('town-hall');
 * memberIds.has('bo'); // true once Bo's page is loaded
 */
export function useKnownMemberIds(roomId: string): ReadonlySet<string> {
  const { store } = useClientFor('useKnownMemberIds');
  const room = useStore(store, (state) => selectRoom(state, roomId));
  const page = useStore(store, (state) => selectMemberPage(state, roomId));
  return useMemo(() => new Set(room ? shownMembers(room, page).map((member) => member.userId) : []), [room, page]);
}
