import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import {
  readableUpTo,
  selectCursor,
  selectFirstUnread,
  selectHoldsAround,
  selectHoldsLatest,
  selectMe,
  selectMessageById,
  selectOtherReadCursors,
  roleInRoom,
  selectRoom,
  selectTimeline,
  selectUser,
  lookup,
  type ChatState,
  type UserProfile,
} from '../core';
import type { Message } from '../protocol';
import { useClientFor } from './provider';

const ignore = () => {};

/**
 * The signed-in user's id alone (null before the first session). Unlike `useCurrentUser`, it does
 * not re-render when the user's presence or profile changes, so every message row can use it.
 *
 * @example
 * const me = useCurrentUserId();
 * const own = message.authorId === me;
 */
export function useCurrentUserId(): string | null {
  return useStore(useClientFor('useCurrentUserId').store, selectMe);
}

/**
 * Several people's profiles at once, in the order of `userIds` (undefined for people the client
 * does not know). Re-renders only when one of these profiles changes.
 *
 * @example
 * const names = useUsersById(reaction.userIds).map((user) => user?.name ?? 'Someone');
 */
export function useUsersById(userIds: readonly string[]): readonly (UserProfile | undefined)[] {
  const store = useClientFor('useUsersById').store;
  return useStore(
    store,
    useShallow((state: ChatState) => userIds.map((id) => selectUser(state, id))),
  );
}

/**
 * One held message by id (top-level, or a reply in a loaded thread), e.g. the message a quote
 * points to. Undefined when the client does not hold it. Give `hint` (a copy at hand) to make the
 * lookup O(log n).
 *
 * @example
 * const quoted = useMessageById('general', message.quotedId);
 */
export function useMessageById(roomId: string, messageId: string | undefined, hint?: Pick<Message, 'sequence' | 'parentId'>): Message | undefined {
  const store = useClientFor('useMessageById').store;
  const sequence = hint?.sequence;
  const parentId = hint?.parentId;
  return useStore(store, (state) => {
    if (messageId === undefined) return undefined;
    return selectMessageById(state, roomId, messageId, sequence === undefined ? undefined : { sequence, parentId });
  });
}

/**
 * How far the signed-in user has read in a room: the sequence of their read cursor, 0 when they
 * have read nothing. A number, so it re-renders only when the cursor moves.
 *
 * @example
 * const readUpTo = useReadCursor('general');
 * const firstUnread = messages.find((message) => message.sequence > readUpTo);
 */
export function useReadCursor(roomId: string): number {
  return useStore(useClientFor('useReadCursor').store, (state) => (state.me === null ? 0 : (selectCursor(state, roomId, state.me)?.sequence ?? 0)));
}

/**
 * Whether anyone but the signed-in user has read up to this sequence: the "read" status of one's
 * own message. A boolean that flips once, so a row re-renders when its status changes and never
 * for other cursor moves.
 *
 * @example
 * const read = useReadByOthers('general', message.sequence);
 */
export function useReadByOthers(roomId: string, sequence: number): boolean {
  return useStore(useClientFor('useReadByOthers').store, (state) => (selectOtherReadCursors(state, roomId)[0]?.sequence ?? 0) >= sequence);
}

/**
 * Who has read exactly as far as this message: the others (its author excluded) whose read cursor
 * falls on it or after it but before the next top-level message held. This puts each person's
 * read receipt under the last message they have read, once. Re-renders only when that set of
 * people changes.
 *
 * @example
 * const readers = useLastReadersOf('general', message.sequence); // ['bo']
 */
export function useLastReadersOf(roomId: string, sequence: number): readonly string[] {
  const store = useClientFor('useLastReadersOf').store;
  return useStore(
    store,
    useShallow((state: ChatState) => {
      const cursors = selectOtherReadCursors(state, roomId);
      if (cursors.length === 0 || (cursors[0]?.sequence ?? 0) < sequence) return NO_IDS;
      const messages = selectTimeline(state, roomId).messages;
      const message = messages.get(sequence);
      if (!message) return NO_IDS;
      // The next held message after this one: a cursor at or past it belongs under that one.
      const next = messages.at(messages.rank(sequence) + 1)?.sequence ?? Number.POSITIVE_INFINITY;
      const readers: string[] = [];
      for (const cursor of cursors) {
        if (cursor.sequence < sequence) break;
        if (cursor.sequence < next && cursor.userId !== message.authorId) readers.push(cursor.userId);
      }
      return readers.length === 0 ? NO_IDS : readers;
    }),
  );
}

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * A function that moves the signed-in user's read cursor in a room forward (to the room's newest
 * message by default). It never moves backwards and sends at most one request at a time; failures
 * are reported through the client, not thrown.
 *
 * @example
 * const markRead = useMarkRead('general');
 * useEffect(() => { if (lastVisible) markRead(lastVisible.sequence); }, [lastVisible, markRead]);
 */
export function useMarkRead(roomId: string): (sequence?: number) => void {
  const client = useClientFor('useMarkRead');
  return useCallback((sequence?: number) => void client.markRead(roomId, sequence).catch(ignore), [client, roomId]);
}

/**
 * What {@link usePendingActions} returns.
 *
 * @example
 * const { retry, discard } = usePendingActions();
 */
export interface PendingActions {
  /** Sends a failed message again with the same client id (so it can never arrive twice). */
  retry(clientId: string): Promise<Message>;
  /** Drops an unsent message. */
  discard(clientId: string): void;
}

/**
 * Retry and discard for one's own messages the server has not confirmed.
 *
 * @example
 * function FailedSend({ pending }: { pending: PendingMessage }) {
 *   const { retry, discard } = usePendingActions();
 *   return (
 *     <p>
 *       Not sent. <button onClick={() => void retry(pending.clientId)}>Retry</button>
 *       <button onClick={() => discard(pending.clientId)}>Discard</button>
 *     </p>
 *   );
 * }
 */
export function usePendingActions(): PendingActions {
  const client = useClientFor('usePendingActions');
  return useMemo(() => ({ retry: (clientId: string) => client.retrySend(clientId), discard: (clientId: string) => client.discardPending(clientId) }), [client]);
}

/**
 * A function that deletes a message in a room (one's own, or any as the room's admin). The
 * message stays in its place as a tombstone.
 *
 * @example
 * const deleteMessage = useDeleteMessage('general');
 * <button onClick={() => void deleteMessage(message.id)}>Delete</button>
 */
export function useDeleteMessage(roomId: string): (messageId: string) => Promise<Message> {
  const client = useClientFor('useDeleteMessage');
  return useCallback((messageId: string) => client.deleteMessage(roomId, messageId), [client, roomId]);
}

/**
 * The signed-in user's role in a room (`admin` or `member`), or undefined when not a member. A
 * string, so it does not re-render as messages arrive, unlike `useRoom`.
 *
 * @example
 * const canDeleteAny = useMyRole('general') === 'admin';
 */
export function useMyRole(roomId: string): 'admin' | 'member' | undefined {
  return useStore(useClientFor('useMyRole').store, (state) => {
    const room = selectRoom(state, roomId);
    return state.me === null || room === undefined ? undefined : roleInRoom(room, state.me);
  });
}

/**
 * What {@link useUnreadLanding} returns.
 *
 * @example
 * const { unreadAfter, firstUnread, ready } = useUnreadLanding('general');
 */
export interface UnreadLanding {
  /** The read cursor as it was when the room opened (the "New" line goes after it); null until the room is known. */
  unreadAfter: number | null;
  /** The first message the reader had not read when the room opened, or null when they had read all. */
  firstUnread: number | null;
  /** Whether the list can open: the messages around the first unread are held, or could not be loaded. */
  ready: boolean;
}

/**
 * Where a room's list opens: at the first message the reader had not read, with the page before
 * and after it loaded (`client.loadAround`), or at the newest message when all is read. Call it
 * before {@link useMessages} in the same component, so that the newest page is not fetched too.
 * The cursor is taken once, when the room is first known, so the "New" line stays put while the
 * reader reads on.
 *
 * @example
 * const landing = useUnreadLanding(roomId);
 * const { messages } = useMessages(roomId);
 * if (!landing.ready) return <Spinner />;
 */
export function useUnreadLanding(roomId: string): UnreadLanding {
  const client = useClientFor('useUnreadLanding');
  const store = client.store;
  const known = useStore(store, (state) => state.me !== null && lookup(state.rooms, roomId) !== undefined);
  const [opened, setOpened] = useState<{ unreadAfter: number; firstUnread: number | null } | null>(null);
  if (known && opened === null) {
    const state = store.getState();
    const firstUnread = selectFirstUnread(state, roomId);
    setOpened({ unreadAfter: state.me === null ? 0 : (selectCursor(state, roomId, state.me)?.sequence ?? 0), firstUnread });
  }
  const firstUnread = opened?.firstUnread ?? null;
  const held = useStore(store, (state) => firstUnread === null || selectHoldsAround(state, roomId, firstUnread));
  const failed = useStore(store, (state) => selectTimeline(state, roomId).error !== null);

  useEffect(() => {
    if (firstUnread === null || held) return;
    const load = () => client.loadAround(roomId, firstUnread);
    // A first-page load that started earlier is joined, not repeated: ask again once it is in.
    load().then(() => (selectHoldsAround(store.getState(), roomId, firstUnread) ? undefined : load()), ignore).catch(ignore);
  }, [client, store, roomId, firstUnread, held]);

  return { unreadAfter: opened?.unreadAfter ?? null, firstUnread, ready: opened !== null && (held || failed) };
}

/**
 * A function that moves the signed-in user's read cursor to the last message the reader has seen,
 * but only through messages the client holds: it follows the reader down and never jumps over a
 * gap or history that was never on screen.
 *
 * @example
 * const markSeen = useMarkSeen('general');
 * useEffect(() => markSeen(lastVisibleSequence), [lastVisibleSequence, markSeen]);
 */
export function useMarkSeen(roomId: string): (seen: number) => void {
  const client = useClientFor('useMarkSeen');
  return useCallback(
    (seen: number) => {
      const state = client.store.getState();
      const cursor = state.me === null ? 0 : (selectCursor(state, roomId, state.me)?.sequence ?? 0);
      const target = readableUpTo(selectTimeline(state, roomId).covered, cursor, seen);
      if (target > cursor) void client.markRead(roomId, target).catch(ignore);
    },
    [client, roomId],
  );
}

/**
 * "Jump to latest": whether the room's newest messages are held in one stretch with the rest, and
 * a function that loads the newest page when they are not (after opening at an old unread
 * message, or over a gap). Resolves once they are held.
 *
 * @example
 * const latest = useLatest('general');
 * <button onClick={() => void latest.load().then(scrollToBottom)}>Jump to latest</button>
 */
export function useLatest(roomId: string): { held: boolean; load(): Promise<void> } {
  const client = useClientFor('useLatest');
  const held = useStore(client.store, (state) => selectHoldsLatest(state, roomId));
  const load = useCallback(async () => {
    const state = client.store.getState();
    if (selectHoldsLatest(state, roomId)) return;
    await client.loadAround(roomId, (lookup(state.rooms, roomId)?.lastSequence ?? 0) + 1);
  }, [client, roomId]);
  return useMemo(() => ({ held, load }), [held, load]);
}
