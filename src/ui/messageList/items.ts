/**
 * The list's rows as data: a pure function of the timeline (no React, no DOM), so it is tested in
 * Node, and incremental, so an arriving message costs O(1) rows.
 */
import type { Message as ChatMessage, PendingMessage, SequenceRange } from '../../react';
import { GROUP_WINDOW_MS } from '../messageParts';

/**
 * One row of the message list, as light as possible: rows read their own data from the store, so
 * the list passes only what places them (a sequence, a separator's day, a gap's range).
 *
 * @example
 * const row: MessageListItem = { kind: 'message', key: 'm:ana:c1', sequence: 42, grouped: false };
 */
export type MessageListItem =
  | { kind: 'message'; key: string; sequence: number; grouped: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage; grouped: boolean }
  | { kind: 'date'; key: string; timestamp: number }
  | { kind: 'unread'; key: string }
  | { kind: 'gap'; key: string; gap: SequenceRange };

/** Local midnight of an instant's day, and of the next day (found through the calendar, so days of 23 or 25 hours count right). */
function dayBounds(timestamp: number): { start: number; end: number } {
  const day = new Date(timestamp);
  day.setHours(0, 0, 0, 0);
  const start = day.getTime();
  day.setDate(day.getDate() + 1);
  return { start, end: day.getTime() };
}

/**
 * What {@link messageListItems} works from.
 *
 * @example
 * const input: MessageListInput = { messages, pending, gaps, unreadAfter: 40, me: 'ana', hasOlder: false };
 */
export interface MessageListInput {
  messages: readonly ChatMessage[];
  pending: readonly PendingMessage[];
  gaps: readonly SequenceRange[];
  /** The reader's read cursor when the room was opened; null: no unread separator. */
  unreadAfter: number | null;
  me: string | null;
  /** Whether older messages exist than those held (the unread line waits for them if it would top the list). */
  hasOlder: boolean;
}

/** Where the walk over the confirmed messages stood, so that appending can carry on from there. */
interface WalkState {
  previousAuthor: string | null;
  previousAt: number;
  day: { start: number; end: number } | null;
  gapIndex: number;
  unreadPlaced: boolean;
  /** A separator (unread line, gap) stands before the next message: no grouping across it. */
  broken: boolean;
}

function walk(
  items: MessageListItem[],
  state: WalkState,
  entries: readonly (ChatMessage | PendingMessage)[],
  from: number,
  input: MessageListInput,
  pending: boolean,
  /** Messages that once topped the list: never grouped, so older history arriving above them does not reshape them under the reader's eyes. */
  groupStarts: ReadonlySet<number>,
): void {
  const { gaps, unreadAfter, me, hasOlder } = input;
  for (let index = from; index < entries.length; index++) {
    const entry = entries[index] as ChatMessage | PendingMessage;
    if (!pending) {
      const sequence = (entry as ChatMessage).sequence;
      while (state.gapIndex < gaps.length && (gaps[state.gapIndex] as SequenceRange).to < sequence) {
        const gap = gaps[state.gapIndex] as SequenceRange;
        // A gap before everything held is "older history", which the top of the list loads.
        if (index > 0) {
          items.push({ kind: 'gap', key: `g:${gap.from}`, gap });
          state.broken = true;
        }
        state.gapIndex++;
      }
      if (!state.unreadPlaced && sequence > (unreadAfter as number) && entry.authorId !== me) {
        state.unreadPlaced = true;
        if (index > 0 || !hasOlder) {
          items.push({ kind: 'unread', key: 'unread' });
          state.broken = true;
        }
      }
    }
    // The same key for a pending send and its confirmed copy, so confirming keeps the row in place.
    const key = `m:${entry.authorId}:${entry.clientId}`;
    const sameDay = state.day !== null && entry.createdAt >= state.day.start && entry.createdAt < state.day.end;
    if (!sameDay) {
      // The first day's heading is in the list's header, not a row: so a page of older history
      // only ever adds rows above the first one, which is what keeps the reader's place.
      if (state.day !== null) items.push({ kind: 'date', key: `d:${key}`, timestamp: entry.createdAt });
      state.day = dayBounds(entry.createdAt);
    }
    const pinned = !pending && groupStarts.has((entry as ChatMessage).sequence);
    const grouped = !state.broken && !pinned && sameDay && state.previousAuthor === entry.authorId && entry.createdAt - state.previousAt < GROUP_WINDOW_MS;
    items.push(pending ? { kind: 'pending', key, pending: entry as PendingMessage, grouped } : { kind: 'message', key, sequence: (entry as ChatMessage).sequence, grouped });
    state.previousAuthor = entry.authorId;
    state.previousAt = entry.createdAt;
    state.broken = false;
  }
}

/**
 * Builds the list's rows, reusing the previous build when messages were only appended (the usual
 * case: one arrives), so an arriving message costs O(1) rows, not a walk over the whole history.
 * Anything else (a prepended page, a filled gap, a new unread line) is a fresh walk.
 *
 * @example
 * const build = createMessageListBuilder();
 * const items = build({ messages, pending, gaps, unreadAfter: null, me: 'ana', hasOlder: false });
 */
export function createMessageListBuilder(): (input: MessageListInput) => MessageListItem[] {
  let last: { input: MessageListInput; confirmedItems: MessageListItem[]; state: WalkState } | null = null;
  const groupStarts = new Set<number>();
  return (input) => {
    const previous = last;
    const first = input.messages[0];
    if (first) groupStarts.add(first.sequence);
    let confirmedItems: MessageListItem[];
    let state: WalkState;
    if (previous && appendedOnly(previous.input, input)) {
      confirmedItems = previous.confirmedItems.slice();
      state = { ...previous.state };
      walk(confirmedItems, state, input.messages, previous.input.messages.length, input, false, groupStarts);
    } else {
      confirmedItems = [];
      state = { previousAuthor: null, previousAt: 0, day: null, gapIndex: 0, unreadPlaced: input.unreadAfter === null, broken: false };
      walk(confirmedItems, state, input.messages, 0, input, false, groupStarts);
    }
    last = { input, confirmedItems, state };
    if (input.pending.length === 0) return confirmedItems;
    const items = confirmedItems.slice();
    walk(items, { ...state }, input.pending, 0, input, true, groupStarts);
    return items;
  };
}

/** Whether `next` only adds messages after those of `previous`, everything else the same. */
function appendedOnly(previous: MessageListInput, next: MessageListInput): boolean {
  if (previous.gaps !== next.gaps || previous.unreadAfter !== next.unreadAfter || previous.me !== next.me || previous.hasOlder !== next.hasOlder) return false;
  const before = previous.messages;
  const after = next.messages;
  if (after.length < before.length) return false;
  // Rows depend on sequence, author, time and client id, none of which a message ever changes,
  // so an edit or a reaction (a new object at the same sequence) changes no row.
  for (let index = 0; index < before.length; index++) if ((before[index] as ChatMessage).sequence !== (after[index] as ChatMessage).sequence) return false;
  return true;
}

/**
 * The list's rows from a room's timeline: date separators between days (the first day's is the
 * list's header), the unread separator
 * before the first message by someone else after `unreadAfter`, a marker for each gap, and each
 * message grouped with the one before when both are by one author within five minutes.
 *
 * @example
 * const items = messageListItems({ messages, pending, gaps, unreadAfter: 40, me: 'ana', hasOlder: false });
 */
export function messageListItems(input: MessageListInput): MessageListItem[] {
  return createMessageListBuilder()(input);
}

/**
 * Whether a row is a message (confirmed or pending), the rows keyboard navigation stops at.
 *
 * @example
 * items.filter(isMessageItem).length;
 */
export const isMessageItem = (item: MessageListItem | undefined): boolean => item?.kind === 'message' || item?.kind === 'pending';
