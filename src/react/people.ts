import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { appendDirectoryPage, directoryAfterId, selectBlockedUserIds, selectInvitations, type DirectoryState } from '../core';
import { toChatError, type ChatError, type Invitation, type Room } from '../protocol';
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

/** One listing of the directory: its query (filter, page size, reloads) and what came of it. */
interface Listing {
  key: string;
  directory: DirectoryState;
  state: PublicRoomsView['state'];
  error: ChatError | null;
}

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
  const [generation, setGeneration] = useState(0);
  const filter = nameContains.trim();
  const key = `${pageSize}\u0000${generation}\u0000${filter}`;
  const [listing, setListing] = useState<Listing>({ key: '', directory: EMPTY_DIRECTORY, state: 'loading', error: null });
  // A new query shows nothing of the old one while its first page loads.
  const current = useMemo<Listing>(() => (listing.key === key ? listing : { key, directory: EMPTY_DIRECTORY, state: 'loading', error: null }), [listing, key]);
  // Pages of an older query (the filter changed while they travelled) are dropped.
  const latestKey = useRef(key);

  const request = useCallback(
    (from: DirectoryState, forKey: string) => {
      const afterId = directoryAfterId(from);
      const query = { limit: pageSize, ...(afterId !== undefined ? { afterId } : {}), ...(filter !== '' ? { nameContains: filter } : {}) };
      client.listPublicRooms(query).then(
        (page) => {
          if (latestKey.current === forKey) setListing({ key: forKey, directory: appendDirectoryPage(from, page, pageSize), state: 'ready', error: null });
        },
        (failure: unknown) => {
          if (latestKey.current === forKey) setListing({ key: forKey, directory: from, state: 'failed', error: toChatError(failure) });
        },
      );
    },
    [client, filter, pageSize],
  );

  useEffect(() => {
    latestKey.current = key;
    request(EMPTY_DIRECTORY, key);
  }, [key, request]);

  const loadMore = useCallback(() => {
    if (current.state === 'loading' || !current.directory.hasMore) return;
    setListing({ ...current, state: 'loading' });
    request(current.directory, current.key);
  }, [current, request]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return { ...current.directory, state: current.state, error: current.error, loadMore, reload };
}
