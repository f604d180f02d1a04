import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { appendDirectoryPage, directoryAfterId, selectBlockedUserIds, selectInvitations, type DirectoryState } from '../core';
import { ChatError, toChatError, type Invitation, type Room } from '../protocol';
import { useClientFor } from './provider';

/**
 * What {@link useBlocking} returns.
 *
 * @example
 * const { blockedUserIds, isBlocked, block, unblock } = useBlocking();
 */
export interface Blocking {
  /** Everyone the signed-in user blocks, in the order they were blocked. */
  blockedUserIds: readonly string[];
  isBlocked(userId: string): boolean;
  /** Blocks a person: their messages and typing hide, and they can no longer add you to rooms or message you directly. */
  block(userId: string): Promise<void>;
  unblock(userId: string): Promise<void>;
}

/**
 * Whom the signed-in user blocks, and the commands to change it. Re-renders when the list changes.
 *
 * @example
 * function BlockButton({ userId }: { userId: string }) {
 *   const { isBlocked, block, unblock } = useBlocking();
 *   return isBlocked(userId)
 *     ? <button onClick={() => void unblock(userId)}>Unblock</button>
 *     : <button onClick={() => void block(userId)}>Block</button>;
 * }
 */
export function useBlocking(): Blocking {
  const client = useClientFor('useBlocking');
  const blockedUserIds = useStore(client.store, selectBlockedUserIds);
  return useMemo(
    () => ({
      blockedUserIds,
      isBlocked: (userId: string) => blockedUserIds.includes(userId),
      block: (userId: string) => client.blockUser(userId),
      unblock: (userId: string) => client.unblockUser(userId),
    }),
    [client, blockedUserIds],
  );
}

/**
 * What {@link useInvitations} returns.
 *
 * @example
 * const { invitations, accept, decline } = useInvitations();
 */
export interface InvitationsView {
  /** Invitations waiting for the signed-in user's answer, oldest first. */
  invitations: readonly Invitation[];
  /** Joins the room; resolves with it. */
  accept(roomId: string): Promise<Room>;
  decline(roomId: string): Promise<void>;
  /** Takes back someone's pending invitation (the inviter, or an admin of the room). */
  withdraw(roomId: string, userId: string): Promise<Room>;
}

/**
 * Invitations to rooms that wait for the signed-in user's answer (on servers where adding people
 * invites them: `invitations: 'accept'`), from the session snapshot and as they arrive.
 *
 * @example
 * function Invitations() {
 *   const { invitations, accept, decline } = useInvitations();
 *   return invitations.map((invitation) => (
 *     <p key={invitation.roomId}>
 *       {invitation.roomName} <button onClick={() => void accept(invitation.roomId)}>Accept</button>
 *       <button onClick={() => void decline(invitation.roomId)}>Decline</button>
 *     </p>
 *   ));
 * }
 */
export function useInvitations(): InvitationsView {
  const client = useClientFor('useInvitations');
  const invitations = useStore(client.store, selectInvitations);
  return useMemo(
    () => ({
      invitations,
      accept: (roomId: string) => client.acceptInvitation(roomId),
      decline: (roomId: string) => client.declineInvitation(roomId),
      withdraw: (roomId: string, userId: string) => client.withdrawInvitation(roomId, userId),
    }),
    [client, invitations],
  );
}

/**
 * Options of {@link usePublicRooms}.
 *
 * @example
 * usePublicRooms({ nameContains: 'design', pageSize: 20 });
 */
export interface PublicRoomsOptions {
  /** Only rooms whose name contains this, ignoring case. A change starts again from the first page. */
  nameContains?: string;
  /** Rooms a page (the server gives at most 100). Default 30. */
  pageSize?: number;
}

/**
 * What {@link usePublicRooms} returns.
 *
 * @example
 * const { rooms, hasMore, loadMore, state } = usePublicRooms();
 */
export interface PublicRoomsView extends DirectoryState {
  /** `loading` while a page is on its way, `failed` when the last one did not come (see `error`). */
  state: 'loading' | 'ready' | 'failed';
  error: ChatError | null;
  /** Loads the next page (nothing while one loads or when there is no more). */
  loadMore(): void;
  /** Starts again from the first page (e.g. after joining, to refresh member counts). */
  reload(): void;
}

const EMPTY_DIRECTORY: DirectoryState = { rooms: [], hasMore: true };

/**
 * The public room directory, a page at a time, for a "Browse rooms" view: the first page loads
 * on mount and whenever the name filter changes; `loadMore` fetches the next.
 *
 * @example
 * function Directory() {
 *   const { rooms, hasMore, loadMore } = usePublicRooms({ pageSize: 20 });
 *   return (
 *     <>
 *       {rooms.map((room) => <p key={room.id}>{room.name} ({room.members.length})</p>)}
 *       {hasMore && <button onClick={loadMore}>More</button>}
 *     </>
 *   );
 * }
 */
export function usePublicRooms({ nameContains = '', pageSize = 30 }: PublicRoomsOptions = {}): PublicRoomsView {
  const client = useClientFor('usePublicRooms');
  const [directory, setDirectory] = useState<DirectoryState>(EMPTY_DIRECTORY);
  const [state, setState] = useState<PublicRoomsView['state']>('loading');
  const [error, setError] = useState<ChatError | null>(null);
  const [generation, setGeneration] = useState(0);
  // Each listing (filter, reload) has its own number: pages of an older one are dropped.
  const listing = useRef(0);
  const loading = useRef(false);

  const fetchPage = useCallback(
    (from: DirectoryState, id: number) => {
      loading.current = true;
      setState('loading');
      const afterId = directoryAfterId(from);
      const query = { limit: pageSize, ...(afterId !== undefined ? { afterId } : {}), ...(nameContains.trim() !== '' ? { nameContains: nameContains.trim() } : {}) };
      client.listPublicRooms(query).then(
        (page) => {
          if (listing.current !== id) return;
          loading.current = false;
          setDirectory(appendDirectoryPage(from, page, pageSize));
          setError(null);
          setState('ready');
        },
        (failure: unknown) => {
          if (listing.current !== id) return;
          loading.current = false;
          setError(toChatError(failure));
          setState('failed');
        },
      );
    },
    [client, nameContains, pageSize],
  );

  useEffect(() => {
    const id = ++listing.current;
    setDirectory(EMPTY_DIRECTORY);
    fetchPage(EMPTY_DIRECTORY, id);
    return () => {
      listing.current++;
      loading.current = false;
    };
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (loading.current || !directory.hasMore) return;
    fetchPage(directory, listing.current);
  }, [directory, fetchPage]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return { ...directory, state, error, loadMore, reload };
}
