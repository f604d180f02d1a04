import { useCallback, useEffect } from 'react';
import { useStore } from 'zustand';
import {
  selectGaps,
  selectHasNewer,
  selectHasOlder,
  selectMessageById,
  selectMessageBySequence,
  selectMessages,
  selectNeedsFirstPage,
  selectReplies,
  selectThread,
  selectThreadNeedsFirstPage,
  selectTimeline,
  type PendingMessage,
  type Timeline,
} from '../core';
import type { ChatErrorPayload, Message, SequenceRange } from '../protocol';
import { useClientFor } from './provider';

const NO_PENDING: readonly PendingMessage[] = Object.freeze([]);
const ignore = () => {};

/**
 * What {@link useMessages} returns.
 *
 * @example
 * const { messages, pending, hasOlder, loadOlder } = useMessages('general');
 */
export interface MessagesView {
  /** Confirmed top-level messages held, in sequence order. The same array until they change. */
  messages: readonly Message[];
  /** The user's own sends the server has not confirmed (`sending`) or refused (`failed`), oldest first. */
  pending: readonly PendingMessage[];
  /** Whether the server has messages older than the oldest held. */
  hasOlder: boolean;
  /** Whether the server has messages newer than the newest held (after a jump into history). */
  hasNewer: boolean;
  /** Stretches of sequences missing between held ones (after a reconnect that replayed only part). */
  gaps: readonly SequenceRange[];
  /** What is loading now (`older`, `newer`, `gap`), or null. */
  loading: Timeline['loading'];
  /** Why the last load failed, until the next one succeeds. */
  error: ChatErrorPayload | null;
  loadOlder(): Promise<void>;
  loadNewer(): Promise<void>;
  /** Loads one page into a gap (the oldest by default). */
  fillGap(gap?: SequenceRange): Promise<void>;
}

/**
 * A room's timeline, for a message list. Loads the newest page on mount when nothing of the room
 * is held. Re-renders when this room's messages, pending sends or loading state change, never for
 * other rooms, typing or presence.
 *
 * A list re-renders as a whole when a message arrives; pass each row its sequence and let it read
 * its message with {@link useMessage} (wrapped in `memo`) so only the affected row re-renders.
 *
 * @example
 * function MessageList({ roomId }: { roomId: string }) {
 *   const { messages, pending, hasOlder, loading, loadOlder } = useMessages(roomId);
 *   return (
 *     <ol>
 *       {hasOlder && <button disabled={loading !== null} onClick={() => void loadOlder()}>Older</button>}
 *       {messages.map((m) => <MessageRow key={m.id} roomId={roomId} sequence={m.sequence} />)}
 *       {pending.map((p) => <li key={p.clientId} data-status={p.status}>{p.text}</li>)}
 *     </ol>
 *   );
 * }
 */
export function useMessages(roomId: string): MessagesView {
  const client = useClientFor('useMessages');
  const store = client.store;
  const messages = useStore(store, (state) => selectMessages(state, roomId));
  const pending = useStore(store, (state) => selectTimeline(state, roomId).pending);
  const hasOlder = useStore(store, (state) => selectHasOlder(state, roomId));
  const hasNewer = useStore(store, (state) => selectHasNewer(state, roomId));
  const gaps = useStore(store, (state) => selectGaps(state, roomId));
  const loading = useStore(store, (state) => selectTimeline(state, roomId).loading);
  const error = useStore(store, (state) => selectTimeline(state, roomId).error);
  const needsFirstPage = useStore(store, (state) => selectNeedsFirstPage(state, roomId));

  useEffect(() => {
    // A failure lands in the store (`error`); the caller retries with loadOlder.
    if (needsFirstPage) client.loadOlder(roomId).catch(ignore);
  }, [client, roomId, needsFirstPage]);

  const loadOlder = useCallback(() => client.loadOlder(roomId), [client, roomId]);
  const loadNewer = useCallback(() => client.loadNewer(roomId), [client, roomId]);
  const fillGap = useCallback((gap?: SequenceRange) => client.fillGap(roomId, gap), [client, roomId]);
  return { messages, pending, hasOlder, hasNewer, gaps, loading, error, loadOlder, loadNewer, fillGap };
}

/**
 * One message of a room by its sequence, for a row component. O(log n), and the row re-renders
 * only when its own message changes (an edit, a reaction, a reply count), not when others do.
 *
 * @example
 * const MessageRow = memo(function MessageRow({ roomId, sequence }: { roomId: string; sequence: number }) {
 *   const message = useMessage(roomId, sequence);
 *   if (!message) return null;
 *   return <li>{message.deletedAt ? 'Message deleted' : message.text}</li>;
 * });
 */
export function useMessage(roomId: string, sequence: number): Message | undefined {
  return useStore(useClientFor('useMessage').store, (state) => selectMessageBySequence(state, roomId, sequence));
}

/**
 * What {@link useThread} returns.
 *
 * @example
 * const { parent, replies, hasOlder, loadOlder } = useThread('general', parentId);
 */
export interface ThreadView {
  /** The message the thread hangs off, when the client holds it. */
  parent: Message | undefined;
  /** Confirmed replies, oldest first. */
  replies: readonly Message[];
  /** The user's own unconfirmed replies. */
  pending: readonly PendingMessage[];
  /** Whether older replies exist than those held (true until the first page arrives). */
  hasOlder: boolean;
  loading: boolean;
  error: ChatErrorPayload | null;
  loadOlder(): Promise<void>;
}

/**
 * The replies to one message. Loads the newest replies on mount when the thread was never loaded.
 *
 * @example
 * function ThreadPanel({ roomId, parentId }: { roomId: string; parentId: string }) {
 *   const { parent, replies, loading } = useThread(roomId, parentId);
 *   return (
 *     <section aria-busy={loading}>
 *       <p>{parent?.text}</p>
 *       {replies.map((reply) => <p key={reply.id}>{reply.text}</p>)}
 *     </section>
 *   );
 * }
 */
export function useThread(roomId: string, parentId: string): ThreadView {
  const client = useClientFor('useThread');
  const store = client.store;
  const parent = useStore(store, (state) => selectMessageById(state, roomId, parentId));
  const replies = useStore(store, (state) => selectReplies(state, parentId));
  const pending = useStore(store, (state) => selectThread(state, parentId)?.pending ?? NO_PENDING);
  const hasOlder = useStore(store, (state) => selectThread(state, parentId)?.hasOlder ?? true);
  const loading = useStore(store, (state) => selectThread(state, parentId)?.loading ?? false);
  const error = useStore(store, (state) => selectThread(state, parentId)?.error ?? null);
  const needsFirstPage = useStore(store, (state) => selectThreadNeedsFirstPage(state, roomId, parentId));

  useEffect(() => {
    if (needsFirstPage) client.loadThread(roomId, parentId).catch(ignore);
  }, [client, roomId, parentId, needsFirstPage]);

  const loadOlder = useCallback(() => client.loadThread(roomId, parentId), [client, roomId, parentId]);
  return { parent, replies, pending, hasOlder, loading, error, loadOlder };
}
