import { useCallback, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { deliveryStatusOf, readingHeld, selectCursor, selectRoom, type ChatState, type DeliveryStatus } from '../core';
import type { Message } from '../protocol';
import { useClientFor } from './provider';

/**
 * A function that marks a room unread from a message: the signed-in user's read cursor goes back
 * to just before it, on every device of theirs. Rejects with the server's error.
 *
 * @example
 * const markUnread = useMarkUnread('general');
 * <button onClick={() => void markUnread(message.id)}>Mark unread</button>
 */
export function useMarkUnread(roomId: string): (messageId: string) => Promise<void> {
  const client = useClientFor('useMarkUnread');
  return useCallback((messageId: string) => client.markUnread(roomId, messageId), [client, roomId]);
}

/**
 * While the signed-in user has marked the room unread and not read on since: a key naming that
 * mark (its sequence and time), else null. A string, so it re-renders only when a mark is made or
 * cleared. Lists hold back reading-as-seen while it is set and the reader has not interacted.
 *
 * @example
 * const mark = useUnreadMark('general'); // '11@1767225600000' or null
 */
export function useUnreadMark(roomId: string): string | null {
  return useStore(useClientFor('useUnreadMark').store, (state) => {
    const cursor = state.me === null ? undefined : selectCursor(state, roomId, state.me);
    return cursor?.markedUnread ? `${cursor.sequence}@${cursor.updatedAt}` : null;
  });
}

/**
 * The delivery status of one's own confirmed message (sent, delivered, read, and how many of the
 * others read it), or null for someone else's message. Re-renders only when that status changes,
 * so one cursor moving re-renders just the rows whose ticks change.
 *
 * @example
 * const status = useDeliveryStatus('general', message); // { state: 'delivered', readBy: 1, of: 3 }
 */
export function useDeliveryStatus(roomId: string, message: Pick<Message, 'sequence' | 'authorId' | 'createdAt'> | undefined): DeliveryStatus | null {
  const sequence = message?.sequence;
  const authorId = message?.authorId;
  const createdAt = message?.createdAt ?? 0;
  return useStore(
    useClientFor('useDeliveryStatus').store,
    useShallow((state: ChatState) => {
      if (sequence === undefined || authorId === undefined || authorId !== state.me) return null;
      const room = selectRoom(state, roomId);
      if (!room) return null;
      return deliveryStatusOf({ sequence, authorId, createdAt }, room.members, (userId) => selectCursor(state, roomId, userId), room.memberCount);
    }),
  );
}

/**
 * Holds reading-as-seen back after the reader marks the room unread (here, on another device, or
 * before a reload): the messages on screen then are not newly seen, so showing them must not undo
 * the mark. The hold ends when the reader interacts with the list (`interacted`: a scroll by
 * wheel or touch, a key, a press); from then on what comes into view is read as usual.
 *
 * @example
 * const hold = useReadingHold(roomId);
 * useEffect(() => { if (!hold.held) markSeen(lastVisible); }, [hold.held, lastVisible]);
 * <div onWheel={hold.interacted} onKeyDown={hold.interacted}>…</div>
 */
export function useReadingHold(roomId: string): { held: boolean; interacted: () => void } {
  const mark = useUnreadMark(roomId);
  // The mark the reader has interacted after; a new mark (another key) holds again.
  const [released, setReleased] = useState<string | null>(null);
  const interacted = useCallback(() => setReleased(mark), [mark]);
  const held = readingHeld(mark !== null, released === mark);
  return { held, interacted };
}
