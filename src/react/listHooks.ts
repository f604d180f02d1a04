import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import {
  selectCursor,
  selectMe,
  selectMessageById,
  selectOtherReadCursors,
  selectRoom,
  selectTimeline,
  selectUser,
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
    return state.me === null ? undefined : room?.members.find((member) => member.userId === state.me)?.role;
  });
}
