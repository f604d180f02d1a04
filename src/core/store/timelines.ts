import type { Attachment, ChatErrorPayload, CustomData, Limits, Message, Room, SequenceRange } from '../../protocol';
import { ChatError, jsonByteLength, utf8ByteLength } from '../../protocol';
import { addRange, gapsOf, type CoveredRanges } from '../ranges';
import { SequenceTree } from '../sequenceTree';
import type { MessagePlacesSlice } from './messagePlaces';
import { EMPTY_RECORD, lookup, memoizeByIdentity, withEntry, withoutEntry, type IdRecord } from './records';

/**
 * A message the signed-in user sent that the server has not confirmed yet. It shows at the end of
 * its timeline until the server's copy replaces it (by `clientId`), or stays `failed` with the
 * reason until retried or discarded.
 *
 * @example
 * const pending: PendingMessage = {
 *   clientId: 'c_1', roomId: 'general', authorId: 'ana', text: 'Hi', attachments: [], mentions: [],
 *   createdAt: Date.now(), status: 'sending',
 * };
 */
export interface PendingMessage {
  clientId: string;
  roomId: string;
  authorId: string;
  text: string;
  attachments: Attachment[];
  mentions: string[];
  parentId?: string;
  quotedId?: string;
  customData?: CustomData;
  /** `action` for an emote (`/me`). */
  kind?: 'action';
  /** Client clock, for display only; order is by server sequence once confirmed. */
  createdAt: number;
  status: 'sending' | 'failed';
  error?: ChatErrorPayload;
  /**
   * While the server's flood limit holds this send back: when it goes again (client clock). The
   * queue retries it by itself, in order; the UI shows a countdown instead of a silent wait.
   */
  throttledUntil?: number;
}

/**
 * One room's main timeline (thread replies live in their thread): the confirmed messages by
 * sequence, the stretches of sequences held completely, and the pending sends.
 *
 * @example
 * const timeline = selectTimeline(client.store.getState(), 'general');
 * timeline?.messages.size; // messages held
 */
export interface Timeline {
  readonly messages: SequenceTree<Message>;
  readonly covered: CoveredRanges;
  readonly pending: readonly PendingMessage[];
  /** What is being loaded now, if anything. */
  readonly loading: 'older' | 'newer' | 'gap' | null;
  /** Why the last load failed, until the next one succeeds. */
  readonly error: ChatErrorPayload | null;
}

/**
 * Replies to one message, loaded when the thread is opened.
 *
 * @example
 * const thread = selectThread(client.store.getState(), parentId);
 */
export interface Thread {
  readonly roomId: string;
  readonly parentId: string;
  readonly replies: SequenceTree<Message>;
  readonly pending: readonly PendingMessage[];
  readonly hasOlder: boolean;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: ChatErrorPayload | null;
}

/**
 * Timelines by room id and threads by parent message id.
 *
 * @example
 * const { timelines, threads } = client.store.getState();
 */
export interface TimelinesSlice {
  timelines: IdRecord<Timeline>;
  threads: IdRecord<Thread>;
}

export const initialTimelines: TimelinesSlice = { timelines: EMPTY_RECORD, threads: EMPTY_RECORD };

export const EMPTY_TIMELINE: Timeline = Object.freeze({
  messages: SequenceTree.empty<Message>(),
  covered: [],
  pending: [],
  loading: null,
  error: null,
});

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

/** Answers per tree, so that looking up an id that is not held does not rescan until the tree changes. */
const scans = new WeakMap<SequenceTree<Message>, Map<string, Message | undefined>>();

function findIn(tree: SequenceTree<Message>, messageId: string): Message | undefined {
  let answers = scans.get(tree);
  if (answers?.has(messageId)) return answers.get(messageId);
  let found: Message | undefined;
  for (const message of tree.values()) {
    if (message.id === messageId) {
      found = message;
      break;
    }
  }
  if (!answers) scans.set(tree, (answers = new Map()));
  answers.set(messageId, found);
  return found;
}

/**
 * One held message by id, top-level or a reply in a loaded thread of the room. O(log n) given a
 * hint or once it has been found (its place is remembered); otherwise the first lookup scans the
 * room once.
 *
 * @example
 * const parent = selectMessageById(client.store.getState(), 'general', parentId);
 */
export function selectMessageById(
  state: TimelinesSlice & Partial<MessagePlacesSlice>,
  roomId: string,
  messageId: string,
  /** Where the message probably is (a copy of it at hand): checked first, O(log n). */
  hint?: Pick<Message, 'sequence' | 'parentId'>,
): Message | undefined {
  // Where it was last found (messages never change sequence), so one check confirms it.
  const known = hint ? { roomId, parentId: hint.parentId, sequence: hint.sequence } : state.messagePlaces?.get(messageId, roomId);
  if (known && known.roomId === roomId) {
    const tree = known.parentId === undefined ? selectTimeline(state, roomId).messages : lookup(state.threads, known.parentId)?.replies;
    const held = tree?.get(known.sequence);
    if (held && held.id === messageId) return held;
  }
  let found = findIn(selectTimeline(state, roomId).messages, messageId);
  if (!found) {
    for (const thread of Object.values(state.threads)) {
      if (thread.roomId !== roomId) continue;
      found = findIn(thread.replies, messageId);
      if (found) break;
    }
  }
  if (found) state.messagePlaces?.remember(messageId, { roomId, parentId: found.parentId, sequence: found.sequence });
  return found;
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

/**
 * Why a message's text may not be sent as it stands, or null when it may: at most
 * `limits.maxTextBytes` UTF-8 bytes, and not blank unless the message carries attachments.
 *
 * @example
 * checkMessageText('', { hasAttachments: false, limits: DEFAULT_LIMITS })?.code; // 'invalid'
 */
export function checkMessageText(text: string, options: { hasAttachments: boolean; limits: Pick<Limits, 'maxTextBytes'> }): ChatError | null {
  const { maxTextBytes } = options.limits;
  const bytes = utf8ByteLength(text);
  if (bytes > maxTextBytes) {
    return new ChatError('too_large', `The message is ${bytes} bytes; the limit is ${maxTextBytes} bytes (UTF-8). Shorten it or send it in parts.`);
  }
  if (text.trim() === '' && !options.hasAttachments) return new ChatError('invalid', 'A message needs text or an attachment.');
  return null;
}

/** Why custom data is too large to send, or null. */
export function checkCustomDataSize(customData: CustomData | undefined, limits: Pick<Limits, 'maxCustomDataBytes'>): ChatError | null {
  const { maxCustomDataBytes } = limits;
  const bytes = jsonByteLength(customData);
  return bytes > maxCustomDataBytes ? new ChatError('too_large', `Custom data is ${bytes} bytes; the limit is ${maxCustomDataBytes} bytes.`) : null;
}

/**
 * The checks `ChatClient.sendMessage` (mode `send`) and `editMessage` (mode `edit`) make before
 * anything goes out, as a pure function of the store: a composer shows the same verdict before
 * the user presses send. Null when the message may go.
 *
 * @example
 * const problem = validateMessage(client.store.getState(), 'general', { text: draft });
 * if (problem) showHint(problem.message);
 */
export function validateMessage(
  state: { me: string | null; rooms: IdRecord<Room>; limits: Readonly<Limits> },
  roomId: string,
  input: { text: string; attachments?: readonly Attachment[]; customData?: CustomData },
  mode: 'send' | 'edit' = 'send',
): ChatError | null {
  if (mode === 'send') {
    if (!state.me) return new ChatError('unavailable', 'Not signed in yet: call connect() first.');
    if (!lookup(state.rooms, roomId)) return new ChatError('not_found', `You are not in a room "${roomId}".`);
  }
  const hasAttachments = mode === 'edit' || (input.attachments?.length ?? 0) > 0;
  return checkMessageText(input.text, { hasAttachments, limits: state.limits }) ?? checkCustomDataSize(input.customData, state.limits);
}
