import type { Message, Room, SequenceRange } from '../../../protocol';
import { gapsOf, type CoveredRanges } from '../../ranges';
import type { SequenceTree } from '../../sequenceTree';
import { lookup, memoizeByIdentity, type IdRecord } from '../records';
import { EMPTY_TIMELINE, type PendingMessage, type Thread, type Timeline, type TimelinesSlice } from './slice';

/**
 * The newest sequence of a room the client holds or has heard of (its timeline, its room record).
 *
 * @example
 * selectHeldLastSequence(client.store.getState(), 'general'); // 42
 */
export function selectHeldLastSequence(state: TimelinesSlice & { rooms: IdRecord<Room> }, roomId: string): number {
  const covered = selectTimeline(state, roomId).covered;
  return Math.max(covered[covered.length - 1]?.to ?? 0, lookup(state.rooms, roomId)?.lastSequence ?? 0);
}

export const selectTimeline = (state: TimelinesSlice, roomId: string): Timeline => lookup(state.timelines, roomId) ?? EMPTY_TIMELINE;

export const selectThread = (state: TimelinesSlice, parentId: string): Thread | undefined => lookup(state.threads, parentId);

const treeToArray = memoizeByIdentity((tree: SequenceTree<Message>): readonly Message[] => tree.toArray());

/**
 * A room's confirmed top-level messages in sequence order. The same array until the room's
 * messages change; each unchanged message keeps its identity across changes.
 */
export const selectMessages = (state: TimelinesSlice, roomId: string): readonly Message[] => treeToArray(selectTimeline(state, roomId).messages);

const NO_MESSAGES: readonly Message[] = Object.freeze([]);

/** A thread's confirmed replies in order. The same array until the thread's replies change. */
export const selectReplies = (state: TimelinesSlice, parentId: string): readonly Message[] => {
  const thread = lookup(state.threads, parentId);
  return thread ? treeToArray(thread.replies) : NO_MESSAGES;
};

/** One held top-level message by sequence. O(log n). */
export const selectMessageBySequence = (state: TimelinesSlice, roomId: string, sequence: number): Message | undefined =>
  selectTimeline(state, roomId).messages.get(sequence);

const gapsCache = memoizeByIdentity((covered: CoveredRanges) => gapsOf(covered));

/** Holes between the stretches a room holds: sequences the server has that the client missed. */
export const selectGaps = (state: TimelinesSlice, roomId: string): readonly SequenceRange[] => gapsCache(selectTimeline(state, roomId).covered);

/** Whether older messages exist on the server than the oldest held. */
export function selectHasOlder(state: TimelinesSlice & { rooms: IdRecord<Room> }, roomId: string): boolean {
  const covered = selectTimeline(state, roomId).covered;
  const first = covered[0];
  if (!first) return (lookup(state.rooms, roomId)?.lastSequence ?? 0) > 0;
  return first.from > 1;
}

/** Whether newer messages exist on the server than the newest held. */
export function selectHasNewer(state: TimelinesSlice & { rooms: IdRecord<Room> }, roomId: string): boolean {
  const covered = selectTimeline(state, roomId).covered;
  const last = covered[covered.length - 1];
  const lastSequence = lookup(state.rooms, roomId)?.lastSequence ?? 0;
  return last ? last.to < lastSequence : lastSequence > 0;
}

/**
 * The newest top-level message of a room, for previews: a pending send first, then the newest held
 * message, or the session snapshot's preview when the client holds nothing newer.
 */
export function selectLastMessage(state: TimelinesSlice & { previews?: IdRecord<Message> }, roomId: string): Message | PendingMessage | undefined {
  const timeline = selectTimeline(state, roomId);
  const pending = timeline.pending[timeline.pending.length - 1];
  if (pending) return pending;
  const held = timeline.messages.size === 0 ? undefined : timeline.messages.at(timeline.messages.size - 1);
  const preview = state.previews ? lookup(state.previews, roomId) : undefined;
  if (preview && (!held || preview.sequence > held.sequence)) return preview;
  return held;
}

/**
 * Whether a room view should ask for its first page: the room is known and has messages, nothing of
 * its timeline is held yet, and no load is running or has just failed (so a failure is not retried
 * in a loop; `loadOlder` retries on demand).
 *
 * @example
 * if (selectNeedsFirstPage(client.store.getState(), 'general')) void client.loadOlder('general');
 */
export function selectNeedsFirstPage(state: TimelinesSlice & { rooms: IdRecord<Room> }, roomId: string): boolean {
  const room = lookup(state.rooms, roomId);
  if (!room || room.lastSequence === 0) return false;
  const timeline = selectTimeline(state, roomId);
  return timeline.covered.length === 0 && timeline.loading === null && timeline.error === null;
}

/**
 * Whether a thread view should ask for its first page of replies: the room is known, the thread
 * was never loaded, and no load is running or has just failed.
 *
 * @example
 * if (selectThreadNeedsFirstPage(client.store.getState(), 'general', parentId)) void client.loadThread('general', parentId);
 */
export function selectThreadNeedsFirstPage(state: TimelinesSlice & { rooms: IdRecord<Room> }, roomId: string, parentId: string): boolean {
  if (!lookup(state.rooms, roomId)) return false;
  const thread = lookup(state.threads, parentId);
  return !thread || (!thread.loaded && !thread.loading && thread.error === null);
}

/**
 * Whether a person has reacted to a message with an emoji.
 *
 * @example
 * hasReacted(message, 'ana', '👍'); // true when Ana's thumbs-up is on it
 */
export function hasReacted(message: Pick<Message, 'reactions'> | undefined, userId: string | null, emoji: string): boolean {
  if (!message || userId === null) return false;
  return message.reactions.some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(userId));
}
