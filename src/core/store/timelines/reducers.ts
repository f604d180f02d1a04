import type { ChatErrorPayload, Message, SequenceRange } from '../../../protocol';
import { addRange } from '../../ranges';
import { SequenceTree } from '../../sequenceTree';
import { lookup, withEntry, withoutEntry } from '../records';
import { EMPTY_TIMELINE, type PendingMessage, type Thread, type Timeline, type TimelinesSlice } from './slice';

function emptyThread(roomId: string, parentId: string): Thread {
  return { roomId, parentId, replies: SequenceTree.empty(), pending: [], hasOlder: true, loaded: false, loading: false, error: null };
}

/** Whether two copies of a message say the same thing (so the held one can keep its identity). */
function sameMessage(a: Message, b: Message): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function withoutPending(pending: readonly PendingMessage[], clientId: string): readonly PendingMessage[] {
  const index = pending.findIndex((item) => item.clientId === clientId);
  return index === -1 ? pending : pending.filter((_, i) => i !== index);
}

/**
 * Folds server messages into the timelines: top-level ones into their room, replies into their
 * thread when it is loaded, each replacing the pending copy with the same client id. `range` says
 * which sequences the batch covers completely (a page or a replay); without it each message
 * covers its own sequence. A message already held is kept as is (O(log n) per message).
 */
export function withMessages(
  slice: TimelinesSlice,
  roomId: string,
  messages: readonly Message[],
  options: { range?: SequenceRange; me: string | null; replace?: boolean },
): TimelinesSlice {
  let timeline = lookup(slice.timelines, roomId) ?? EMPTY_TIMELINE;
  let tree = timeline.messages;
  let covered = timeline.covered;
  let pending = timeline.pending;
  let threads = slice.threads;
  for (const message of messages) {
    if (message.roomId !== roomId) continue;
    const mine = message.authorId === options.me;
    if (message.parentId === undefined) {
      const held = tree.get(message.sequence);
      if (!held || (options.replace && !sameMessage(held, message))) tree = tree.set(message.sequence, message);
      if (mine) pending = withoutPending(pending, message.clientId);
    } else {
      const thread = lookup(threads, message.parentId);
      if (thread) {
        const held = thread.replies.get(message.sequence);
        const replies = !held || (options.replace && !sameMessage(held, message)) ? thread.replies.set(message.sequence, message) : thread.replies;
        const threadPending = mine ? withoutPending(thread.pending, message.clientId) : thread.pending;
        if (replies !== thread.replies || threadPending !== thread.pending) {
          threads = withEntry(threads, message.parentId, { ...thread, replies, pending: threadPending });
        }
      }
    }
    if (!options.range) covered = addRange(covered, { from: message.sequence, to: message.sequence });
  }
  if (options.range) covered = addRange(covered, options.range);
  if (tree !== timeline.messages || covered !== timeline.covered || pending !== timeline.pending) {
    timeline = { ...timeline, messages: tree, covered, pending };
  }
  const timelines = withEntry(slice.timelines, roomId, timeline);
  return timelines === slice.timelines && threads === slice.threads ? slice : { timelines, threads };
}

/**
 * An edit, tombstone, reaction or reply count: replaces the held copy (and only that one). A
 * message the client does not hold is ignored: it will arrive with its page.
 */
export function withUpdatedMessage(slice: TimelinesSlice, message: Message): TimelinesSlice {
  if (message.parentId === undefined) {
    const timeline = lookup(slice.timelines, message.roomId);
    const held = timeline?.messages.get(message.sequence);
    if (!timeline || !held || sameMessage(held, message)) return slice;
    return { ...slice, timelines: withEntry(slice.timelines, message.roomId, { ...timeline, messages: timeline.messages.set(message.sequence, message) }) };
  }
  const thread = lookup(slice.threads, message.parentId);
  const held = thread?.replies.get(message.sequence);
  if (!thread || !held || sameMessage(held, message)) return slice;
  return { ...slice, threads: withEntry(slice.threads, message.parentId, { ...thread, replies: thread.replies.set(message.sequence, message) }) };
}

/** A sequence the user may not see (a blocked author): covered, so it is not taken for a gap. */
export function withHiddenSequence(slice: TimelinesSlice, roomId: string, sequence: number): TimelinesSlice {
  const timeline = lookup(slice.timelines, roomId) ?? EMPTY_TIMELINE;
  const covered = addRange(timeline.covered, { from: sequence, to: sequence });
  if (covered === timeline.covered) return slice;
  return { ...slice, timelines: withEntry(slice.timelines, roomId, { ...timeline, covered }) };
}

/** Adds or updates a pending send, in its thread when it is a reply. */
export function withPending(slice: TimelinesSlice, item: PendingMessage): TimelinesSlice {
  const upsert = (list: readonly PendingMessage[]) => {
    const index = list.findIndex((existing) => existing.clientId === item.clientId);
    return index === -1 ? [...list, item] : list.map((existing, i) => (i === index ? item : existing));
  };
  if (item.parentId !== undefined) {
    const thread = lookup(slice.threads, item.parentId) ?? emptyThread(item.roomId, item.parentId);
    return { ...slice, threads: withEntry(slice.threads, item.parentId, { ...thread, pending: upsert(thread.pending) }) };
  }
  const timeline = lookup(slice.timelines, item.roomId) ?? EMPTY_TIMELINE;
  return { ...slice, timelines: withEntry(slice.timelines, item.roomId, { ...timeline, pending: upsert(timeline.pending) }) };
}

/** Removes a pending send (discarded by the user, or confirmed). */
export function withoutPendingMessage(slice: TimelinesSlice, item: Pick<PendingMessage, 'roomId' | 'clientId' | 'parentId'>): TimelinesSlice {
  if (item.parentId !== undefined) {
    const thread = lookup(slice.threads, item.parentId);
    if (!thread) return slice;
    const pending = withoutPending(thread.pending, item.clientId);
    return pending === thread.pending ? slice : { ...slice, threads: withEntry(slice.threads, item.parentId, { ...thread, pending }) };
  }
  const timeline = lookup(slice.timelines, item.roomId);
  if (!timeline) return slice;
  const pending = withoutPending(timeline.pending, item.clientId);
  return pending === timeline.pending ? slice : { ...slice, timelines: withEntry(slice.timelines, item.roomId, { ...timeline, pending }) };
}

/** Marks what a room is loading, or records why loading failed. */
export function withLoading(slice: TimelinesSlice, roomId: string, loading: Timeline['loading'], error: ChatErrorPayload | null = null): TimelinesSlice {
  const timeline = lookup(slice.timelines, roomId) ?? EMPTY_TIMELINE;
  if (timeline.loading === loading && timeline.error === error) return slice;
  return { ...slice, timelines: withEntry(slice.timelines, roomId, { ...timeline, loading, error }) };
}

export function withThreadState(slice: TimelinesSlice, roomId: string, parentId: string, patch: Partial<Pick<Thread, 'loading' | 'loaded' | 'hasOlder' | 'error'>>): TimelinesSlice {
  const thread = lookup(slice.threads, parentId) ?? emptyThread(roomId, parentId);
  return { ...slice, threads: withEntry(slice.threads, parentId, { ...thread, ...patch }) };
}

/** Adds a page of replies to a thread. */
export function withReplies(slice: TimelinesSlice, roomId: string, parentId: string, replies: readonly Message[], hasOlder: boolean, me: string | null): TimelinesSlice {
  const thread = lookup(slice.threads, parentId) ?? emptyThread(roomId, parentId);
  let tree = thread.replies;
  let pending = thread.pending;
  for (const reply of replies) {
    if (reply.parentId !== parentId) continue;
    if (!tree.has(reply.sequence)) tree = tree.set(reply.sequence, reply);
    if (reply.authorId === me) pending = withoutPending(pending, reply.clientId);
  }
  return { ...slice, threads: withEntry(slice.threads, parentId, { ...thread, replies: tree, pending, hasOlder, loaded: true, loading: false, error: null }) };
}

/** Forgets a room's timeline and its threads (the user left it). */
export function withoutRoomTimeline(slice: TimelinesSlice, roomId: string): TimelinesSlice {
  let threads = slice.threads;
  for (const [parentId, thread] of Object.entries(slice.threads)) if (thread.roomId === roomId) threads = withoutEntry(threads, parentId);
  const timelines = withoutEntry(slice.timelines, roomId);
  return timelines === slice.timelines && threads === slice.threads ? slice : { timelines, threads };
}

/**
 * Throws away what a room's timeline holds from another history (its messages, stretches, load
 * state and threads), keeping the pending sends: they are resent by client id.
 *
 * @example
 * const next = withoutRoomHistory(state, 'general'); // selectTimeline(next, 'general').messages.size === 0
 */
export function withoutRoomHistory(slice: TimelinesSlice, roomId: string): TimelinesSlice {
  const held = lookup(slice.timelines, roomId);
  const cleared = withoutRoomTimeline(slice, roomId);
  if (!held || held.pending.length === 0) return cleared;
  return { ...cleared, timelines: withEntry(cleared.timelines, roomId, { ...EMPTY_TIMELINE, pending: held.pending }) };
}
