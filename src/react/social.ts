import { useCallback } from 'react';
import { useStore } from 'zustand';
import {
  hasReacted as messageHasReacted,
  readersOf as cursorsReadersOf,
  selectMe,
  selectMessageById,
  selectOtherReadCursors,
  selectTypingUserIds,
  selectTypingUsers,
  type UserProfile,
} from '../core';
import type { Message, Reaction, ReadCursor } from '../protocol';
import { useClientFor } from './provider';

/**
 * What {@link useTyping} returns.
 *
 * @example
 * const { users, notify, stop } = useTyping('general');
 */
export interface TypingView {
  /** Who is typing in the room, the signed-in user excluded, in the order they started. */
  userIds: readonly string[];
  /** Their profiles (people the client does not know are left out). */
  users: readonly UserProfile[];
  /** Tells the room you are typing; throttled by the client, so call it on every keystroke. */
  notify(): void;
  /** Tells the room you stopped (e.g. the draft was cleared). */
  stop(): void;
}

/**
 * Who is typing in a room. Typing lives in its own slice: this hook re-renders on typing notices,
 * and message lists do not.
 *
 * @example
 * function TypingIndicator({ roomId }: { roomId: string }) {
 *   const { users } = useTyping(roomId);
 *   if (users.length === 0) return null;
 *   return <p aria-live="polite">{users.map((user) => user.name).join(', ')} typing…</p>;
 * }
 */
export function useTyping(roomId: string): TypingView {
  const client = useClientFor('useTyping');
  const userIds = useStore(client.store, (state) => selectTypingUserIds(state, roomId));
  const users = useStore(client.store, (state) => selectTypingUsers(state, roomId));
  const notify = useCallback(() => client.notifyTyping(roomId), [client, roomId]);
  const stop = useCallback(() => client.stopTyping(roomId), [client, roomId]);
  return { userIds, users, notify, stop };
}

/**
 * What {@link useReadReceipts} returns.
 *
 * @example
 * const { cursors, readersOf } = useReadReceipts('general');
 */
export interface ReadReceipts {
  /** Everyone else's read cursors in the room, furthest read first. */
  cursors: readonly ReadCursor[];
  /** Ids of the others who have read up to this sequence. */
  readersOf(sequence: number): string[];
}

/**
 * How far the others in a room have read. Re-renders when one of their cursors moves.
 *
 * @example
 * function SeenBy({ roomId, sequence }: { roomId: string; sequence: number }) {
 *   const { readersOf } = useReadReceipts(roomId);
 *   const readers = readersOf(sequence);
 *   return readers.length > 0 ? <small>Seen by {readers.length}</small> : null;
 * }
 */
export function useReadReceipts(roomId: string): ReadReceipts {
  const client = useClientFor('useReadReceipts');
  const cursors = useStore(client.store, (state) => selectOtherReadCursors(state, roomId));
  const readersOf = useCallback((sequence: number) => cursorsReadersOf(cursors, sequence), [cursors]);
  return { cursors, readersOf };
}

/**
 * What {@link useReactions} returns.
 *
 * @example
 * const { reactions, toggle, hasReacted } = useReactions('general', message);
 */
export interface ReactionsView {
  reactions: readonly Reaction[];
  /** Adds the signed-in user's reaction, or takes it back. */
  toggle(emoji: string): Promise<Message>;
  /** Whether the signed-in user has reacted with this emoji. */
  hasReacted(emoji: string): boolean;
}

const NO_REACTIONS: readonly Reaction[] = Object.freeze([]);

/**
 * The reactions on one message, and a toggle. Give the message itself (a row usually has it) or
 * its id; the hook follows the store's copy, so a reaction re-renders this message's hook alone.
 *
 * @example
 * function Reactions({ roomId, message }: { roomId: string; message: Message }) {
 *   const { reactions, toggle, hasReacted } = useReactions(roomId, message);
 *   return reactions.map((reaction) => (
 *     <button key={reaction.emoji} aria-pressed={hasReacted(reaction.emoji)} onClick={() => void toggle(reaction.emoji)}>
 *       {reaction.emoji} {reaction.userIds.length}
 *     </button>
 *   ));
 * }
 */
export function useReactions(roomId: string, message: Message | string): ReactionsView {
  const client = useClientFor('useReactions');
  const messageId = typeof message === 'string' ? message : message.id;
  const held = useStore(client.store, (state) => selectMessageById(state, roomId, messageId, typeof message === 'string' ? undefined : message));
  const me = useStore(client.store, selectMe);
  const current = held ?? (typeof message === 'string' ? undefined : message);
  const toggle = useCallback((emoji: string) => client.toggleReaction(roomId, messageId, emoji), [client, roomId, messageId]);
  const hasReacted = useCallback((emoji: string) => messageHasReacted(current, me, emoji), [current, me]);
  return { reactions: current?.reactions ?? NO_REACTIONS, toggle, hasReacted };
}
