/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Virtuoso, type ListRange, type VirtuosoHandle } from 'react-virtuoso';
import {
  useCurrentUserId,
  useMarkRead,
  useMessages,
  useReadCursor,
  useRoom,
  useUser,
  type Message as ChatMessage,
  type PendingMessage,
  type SequenceRange,
} from '../react';
import { cx, useSlot, useStrings } from './config';
import { withNames } from './format/bidi';
import { GapMarker, type GapMarkerProps } from './GapMarker';
import { Message, type MessageProps } from './Message';
import { GROUP_WINDOW_MS, MediaLoadContext } from './messageParts';
import { JumpToUnreadButton, NewMessagesPill, type NewMessagesPillProps } from './NewMessagesPill';
import { ReadReceipts, type ReadReceiptsProps } from './ReadReceipts';
import { useRoomView } from './roomView';
import { DateSeparator, UnreadSeparator, type DateSeparatorProps, type UnreadSeparatorProps } from './Separators';
import { TypingIndicator, type TypingIndicatorProps } from './TypingIndicator';

/**
 * One row of the message list, as light as possible: rows read their own data from the store, so
 * the list passes only what places them (a sequence, a separator's day, a gap's range).
 *
 * @example
 * const row: MessageListItem = { kind: 'message', key: 'm:ana:c1', sequence: 42, grouped: false };
 */

/** How long after a wheel, touch, key or scrollbar press a move away from the bottom counts as the reader's. */
const READER_SCROLL_WINDOW_MS = 1000;
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

const isMessageItem = (item: MessageListItem | undefined) => item?.kind === 'message' || item?.kind === 'pending';

/** Where Virtuoso's indices start: far from zero, so that history can be prepended by lowering it. */
const FIRST_INDEX = 1_000_000_000;

/** Whether the page is visible and focused: reading only happens then. */
function subscribeActive(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  window.addEventListener('focus', onChange);
  window.addEventListener('blur', onChange);
  document.addEventListener('focusin', onChange);
  return () => {
    document.removeEventListener('visibilitychange', onChange);
    window.removeEventListener('focus', onChange);
    window.removeEventListener('blur', onChange);
    document.removeEventListener('focusin', onChange);
  };
}
const isActive = () => document.visibilityState !== 'hidden' && document.hasFocus();
const isActiveOnServer = () => false;

/** What the list hands its rows and header through Virtuoso's context. */
interface ListContext {
  roomId: string;
  roomName: string;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadingGap: boolean;
  olderFailed: boolean;
  /** When the first row was written: its day heads the list. */
  firstTimestamp: number | undefined;
  loadOlder(): void;
  fillGap(gap: SequenceRange): void;
  parts: Parts;
}

interface Parts {
  Message: ComponentType<MessageProps>;
  ReadReceipts: ComponentType<ReadReceiptsProps>;
  DateSeparator: ComponentType<DateSeparatorProps>;
  UnreadSeparator: ComponentType<UnreadSeparatorProps>;
  GapMarker: ComponentType<GapMarkerProps>;
}

/** A confirmed message and, under it, who has read this far. Memoized: it re-renders only for its own message. */
const MessageRow = memo(function MessageRow({ roomId, sequence, grouped, parts }: { roomId: string; sequence: number; grouped: boolean; parts: Parts }): ReactNode {
  return (
    <div className="confab-message-row">
      <parts.Message roomId={roomId} sequence={sequence} grouped={grouped} />
      <parts.ReadReceipts roomId={roomId} sequence={sequence} />
    </div>
  );
});

const PendingRow = memo(function PendingRow({ roomId, pending, grouped, parts }: { roomId: string; pending: PendingMessage; grouped: boolean; parts: Parts }): ReactNode {
  return (
    <div className="confab-message-row">
      <parts.Message roomId={roomId} pending={pending} grouped={grouped} />
    </div>
  );
});

function renderItem(_index: number, item: MessageListItem, context: ListContext): ReactNode {
  const { parts } = context;
  switch (item.kind) {
    case 'message':
      return <MessageRow roomId={context.roomId} sequence={item.sequence} grouped={item.grouped} parts={parts} />;
    case 'pending':
      return <PendingRow roomId={context.roomId} pending={item.pending} grouped={item.grouped} parts={parts} />;
    case 'date':
      return <parts.DateSeparator timestamp={item.timestamp} />;
    case 'unread':
      return <parts.UnreadSeparator />;
    case 'gap':
      return <parts.GapMarker gap={item.gap} loading={context.loadingGap} onLoad={context.fillGap} />;
  }
}

const itemKey = (_index: number, item: MessageListItem) => item.key;

/**
 * The top of the list: loading older messages, a retry after a failure, or the beginning of the
 * room, over the first day's heading. One height whatever it shows, so that older history
 * arriving under it keeps the reader's place.
 */
function ListHeader({ context }: { context: ListContext }): ReactNode {
  const strings = useStrings();
  const { DateSeparator: DatePart } = context.parts;
  const state = context.loadingOlder ? 'loading' : context.olderFailed && context.hasOlder ? 'failed' : context.hasOlder ? 'more' : 'beginning';
  return (
    <div className="confab-message-list-header" data-state={state}>
      <div className="confab-message-list-status" role={state === 'loading' ? 'status' : undefined}>
        {state === 'loading' && (
          <>
            <span className="confab-spinner" aria-hidden="true" />
            {strings.loadingOlder}
          </>
        )}
        {state === 'failed' && (
          <button type="button" className="confab-message-list-load-older" onClick={context.loadOlder}>
            {strings.loadOlder}
          </button>
        )}
        {state === 'beginning' && withNames(strings.beginningOfRoom, context.roomName)}
      </div>
      {context.firstTimestamp !== undefined && <DatePart timestamp={context.firstTimestamp} />}
    </div>
  );
}

function ListFooter(): ReactNode {
  return <div className="confab-message-list-footer" />;
}

const VIRTUOSO_COMPONENTS = { Header: ListHeader, Footer: ListFooter };

/**
 * Props of {@link MessageList}.
 *
 * @example
 * <MessageList roomId="general" />
 */
export interface MessageListProps {
  roomId: string;
  /** Shows who is typing under the list. Default true; turn it off to place `<TypingIndicator>` yourself. */
  showTyping?: boolean;
  className?: string;
}

/**
 * A room's messages, virtualized with react-virtuoso so the page holds about a screenful of rows
 * however long the history.
 *
 * - Opens at the first unread message (under a "New" line frozen while the room is open), else at
 *   the bottom; older history loads at the top and the first visible message stays exactly in
 *   place; a marker stands in each gap and loads it.
 * - Follows new messages only while the reader is at the bottom; scrolled up, a pill counts
 *   them and jumps down. One's own send always scrolls down.
 * - Marks messages read as they come into view while the page is visible and focused.
 * - Days are separated, and consecutive messages by one author within five minutes are grouped.
 * - A polite live region announces each message that arrives from someone else; the list is one
 *   tab stop, Up and Down move between messages, Escape goes to the composer.
 *
 * Each row reads its own message, so an arriving message renders one new row and re-renders no
 * other; a reaction re-renders its row; typing re-renders only the typing line.
 *
 * @example
 * <RoomViewProvider roomId={roomId}>
 *   <MessageList roomId={roomId} />
 *   <Composer roomId={roomId} />
 * </RoomViewProvider>
 */
export function MessageList(props: MessageListProps): ReactNode {
  // A new room is a new list: its scroll position, unread line and counters start over.
  return <MessageListView key={props.roomId} {...props} />;
}

function MessageListView({ roomId, showTyping = true, className }: MessageListProps): ReactNode {
  const strings = useStrings();
  const view = useRoomView();
  const room = useRoom(roomId);
  const me = useCurrentUserId();
  const { messages, pending, gaps, hasOlder, loading, error, loadOlder, fillGap } = useMessages(roomId);
  const readCursor = useReadCursor(roomId);
  const markRead = useMarkRead(roomId);
  const pageActive = useSyncExternalStore(subscribeActive, isActive, isActiveOnServer);

  const MessagePart = useSlot('Message', Message);
  const ReceiptsPart = useSlot('ReadReceipts', ReadReceipts);
  const DatePart = useSlot('DateSeparator', DateSeparator);
  const UnreadPart = useSlot('UnreadSeparator', UnreadSeparator);
  const GapPart = useSlot('GapMarker', GapMarker);
  const parts = useMemo<Parts>(
    () => ({ Message: MessagePart, ReadReceipts: ReceiptsPart, DateSeparator: DatePart, UnreadSeparator: UnreadPart, GapMarker: GapPart }),
    [MessagePart, ReceiptsPart, DatePart, UnreadPart, GapPart],
  );
  const PillPart = useSlot<NewMessagesPillProps>('NewMessagesPill', NewMessagesPill);
  const TypingPart = useSlot<TypingIndicatorProps>('TypingIndicator', TypingIndicator);

  // The read cursor as it was when the room first showed messages: the unread line stays put
  // while the reader reads on.
  const [unreadAfter, setUnreadAfter] = useState<number | null>(null);
  if (unreadAfter === null && messages.length > 0) setUnreadAfter(readCursor);

  // The builder keeps its last result, so an arriving message adds rows instead of rebuilding all.
  const [buildItems] = useState(createMessageListBuilder);
  const items = useMemo(() => buildItems({ messages, pending, gaps, unreadAfter, me, hasOlder }), [buildItems, messages, pending, gaps, unreadAfter, me, hasOlder]);

  // Prepending history: lower firstItemIndex by the rows that came in above the first message
  // held before, so Virtuoso keeps that message exactly where it was on screen.
  const firstMessageIndex = items.findIndex(isMessageItem);
  const firstMessageKey = items[firstMessageIndex]?.key;
  const [anchor, setAnchor] = useState({ key: firstMessageKey, index: firstMessageIndex, firstItemIndex: FIRST_INDEX });
  let firstItemIndex = anchor.firstItemIndex;
  if (anchor.key !== firstMessageKey || anchor.index !== firstMessageIndex) {
    const moved = anchor.key === undefined ? -1 : items.findIndex((item) => item.key === anchor.key);
    if (moved >= 0) firstItemIndex = Math.max(0, anchor.firstItemIndex - (moved - anchor.index));
    setAnchor({ key: firstMessageKey, index: firstMessageIndex, firstItemIndex });
  }

  const unreadIndex = items.findIndex((item) => item.kind === 'unread');
  // Where the list opens, fixed when it first has rows: at the unread line, else at the bottom.
  const [initialLocation, setInitialLocation] = useState<{ index: number; align: 'start' | 'end' } | null>(null);
  if (initialLocation === null && items.length > 0 && unreadAfter !== null) {
    setInitialLocation(unreadIndex >= 0 ? { index: unreadIndex, align: 'start' } : { index: items.length - 1, align: 'end' });
  }

  const virtuoso = useRef<VirtuosoHandle>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  // Not at the bottom until Virtuoso says so: opening at the unread line must not mark all read.
  const [atBottom, setAtBottom] = useState(false);
  const [range, setRange] = useState<ListRange | null>(null);
  /** The newest sequence when the reader left the bottom: messages after it are "new". */
  const [leftBottomAt, setLeftBottomAt] = useState<number | null>(null);
  const lastSequence = messages[messages.length - 1]?.sequence ?? 0;

  // Whether the reader wants to follow new messages. Set when they reach the bottom, cleared only
  // when they scroll up themselves: when messages come faster than the list can scroll, the bottom
  // runs ahead for a moment, and that must not count as the reader leaving it.
  const following = useRef({ sticky: false, userScrolledAt: -Infinity, sequenceAtBottom: 0 });
  const onReaderScroll = useCallback(() => {
    following.current.userScrolledAt = performance.now();
  }, []);
  const onReaderKey = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'Home') onReaderScroll();
    },
    [onReaderScroll],
  );

  const onAtBottomChange = useCallback(
    (bottom: boolean) => {
      const state = following.current;
      const byReader = performance.now() - state.userScrolledAt < READER_SCROLL_WINDOW_MS;
      const grewSinceBottom = lastSequence > state.sequenceAtBottom;
      if (!bottom && state.sticky && grewSinceBottom && !byReader) return;
      state.sticky = bottom;
      if (bottom) state.sequenceAtBottom = lastSequence;
      setAtBottom(bottom);
      setLeftBottomAt(bottom ? null : lastSequence);
    },
    [lastSequence],
  );

  let unseen = 0;
  if (!atBottom && leftBottomAt !== null) {
    for (let index = messages.length - 1; index >= 0; index--) {
      const message = messages[index] as ChatMessage;
      if (message.sequence <= leftBottomAt) break;
      if (message.authorId !== me) unseen++;
    }
  }

  const scrollToBottom = useCallback(() => {
    virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, []);
  // A picture that loads in the newest message grows it; keep following if the reader was at the bottom.
  const onMediaLoad = useCallback(() => virtuoso.current?.autoscrollToBottom(), []);
  const scrollToUnread = useCallback(() => {
    if (unreadIndex >= 0) virtuoso.current?.scrollToIndex({ index: unreadIndex, align: 'start', behavior: 'auto' });
  }, [unreadIndex]);

  // One's own new send brings the reader down to it, wherever they were.
  const newestPendingId = pending[pending.length - 1]?.clientId;
  const seenPendingId = useRef(newestPendingId);
  useEffect(() => {
    if (newestPendingId === undefined || newestPendingId === seenPendingId.current) return;
    seenPendingId.current = newestPendingId;
    scrollToBottom();
  }, [newestPendingId, scrollToBottom]);

  // Read as far as can be seen: the bottom, or the last message in view.
  let seenSequence = 0;
  if (atBottom) seenSequence = lastSequence;
  else if (range) {
    for (let index = Math.min(range.endIndex - firstItemIndex, items.length - 1); index >= 0; index--) {
      const item = items[index];
      if (item?.kind === 'message') {
        seenSequence = item.sequence;
        break;
      }
    }
  }
  useEffect(() => {
    if (pageActive && unreadAfter !== null && seenSequence > readCursor) markRead(seenSequence);
  }, [pageActive, unreadAfter, seenSequence, readCursor, markRead]);

  const followOutput = useCallback((bottom: boolean): 'auto' | false => (bottom || following.current.sticky ? 'auto' : false), []);

  // Keeping the reader's place when older history comes in. Virtuoso shifts the list by its
  // estimate of the new rows' heights, which can be off by a few rows' difference; so the list also
  // notes where the first visible message was when it asked for the page, and after the page is
  // in, scrolls by whatever that message has moved, for a few frames, until Virtuoso has settled.
  const scroller = useRef<HTMLElement | null>(null);
  const placeBeforePrepend = useRef<{ sequence: string; top: number } | null>(null);
  const notePlace = useCallback(() => {
    placeBeforePrepend.current = firstVisibleRow(scroller.current);
  }, []);
  const onScrollerRef = useCallback((element: HTMLElement | Window | null) => {
    scroller.current = element instanceof HTMLElement ? element : null;
  }, []);
  useEffect(() => {
    const element = scroller.current;
    if (loading !== 'older' || !element) return;
    // The reader may still scroll while the page loads: the place is where they are when it lands.
    element.addEventListener('scroll', notePlace, { passive: true });
    return () => element.removeEventListener('scroll', notePlace);
  }, [loading, notePlace]);
  useEffect(() => {
    const element = scroller.current;
    const place = placeBeforePrepend.current;
    if (!element || !place) return;
    placeBeforePrepend.current = null;
    return keepPlace(element, place);
  }, [firstItemIndex]);

  const onStartReached = useCallback(() => {
    if (!hasOlder || loading !== null || error !== null) return;
    notePlace();
    void loadOlder().catch(() => {});
  }, [hasOlder, loading, error, loadOlder, notePlace]);

  const retryOlder = useCallback(() => void loadOlder().catch(() => {}), [loadOlder]);
  const loadGap = useCallback((gap: SequenceRange) => void fillGap(gap).catch(() => {}), [fillGap]);
  const firstTimestamp = (messages[0] ?? pending[0])?.createdAt;
  const context = useMemo<ListContext>(
    () => ({
      roomId,
      roomName: room?.name ?? '',
      hasOlder,
      loadingOlder: loading === 'older',
      loadingGap: loading === 'gap',
      olderFailed: error !== null,
      firstTimestamp,
      loadOlder: retryOlder,
      fillGap: loadGap,
      parts,
    }),
    [roomId, room?.name, hasOlder, loading, error, firstTimestamp, retryOlder, loadGap, parts],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (event.defaultPrevented || !wrapper.current?.contains(target)) return;
    if (target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
    if (event.key === 'Escape') {
      if (view) {
        event.preventDefault();
        view.focusComposer();
      }
      return;
    }
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const row = target.closest<HTMLElement>('.confab-message');
    let from: number;
    if (row) {
      const index = items.findIndex((item) => keyMatches(item, row));
      if (index < 0) return;
      from = index;
    } else if (target.classList.contains('confab-message-list-scroller')) {
      // From the list itself, Up and Down start at the last message in view.
      from = Math.min(items.length, (range ? range.endIndex - firstItemIndex : items.length - 1) + (event.key === 'ArrowUp' ? 1 : 0));
      if (event.key === 'ArrowDown') from = Math.max(-1, from - 1);
    } else return;
    const step = event.key === 'ArrowUp' ? -1 : 1;
    let to = from + step;
    while (to >= 0 && to < items.length && !isMessageItem(items[to])) to += step;
    event.preventDefault();
    if (to < 0 || to >= items.length) return;
    const targetItem = items[to] as MessageListItem;
    virtuoso.current?.scrollIntoView({
      index: to,
      behavior: 'auto',
      done: () => requestAnimationFrame(() => findRow(wrapper.current, targetItem)?.focus()),
    });
    // Already rendered: focus at once (done also runs, harmlessly).
    findRow(wrapper.current, targetItem)?.focus();
  };

  const ready = items.length > 0;
  const empty = !ready && room !== undefined && room.lastSequence === 0 && loading === null;
  const unreadAbove = unreadIndex >= 0 && range !== null && range.startIndex - firstItemIndex > unreadIndex;
  const newest = messages[messages.length - 1];

  return (
    <div
      ref={wrapper}
      className={cx('confab-message-list', className)}
      data-state={ready ? 'ready' : empty ? 'empty' : error ? 'failed' : 'loading'}
      data-at-bottom={atBottom ? '' : undefined}
      onKeyDown={(event) => {
        onReaderKey(event);
        onKeyDown(event);
      }}
      onWheel={(event) => event.deltaY < 0 && onReaderScroll()}
      onTouchMove={onReaderScroll}
      // The scrollbar is part of the scroller: a press on it is the reader scrolling.
      onPointerDown={onReaderScroll}
    >
      <LiveAnnouncer message={newest} me={me} />
      {ready ? (
        <MediaLoadContext.Provider value={onMediaLoad}>
          <Virtuoso<MessageListItem, ListContext>
            ref={virtuoso}
            className="confab-message-list-scroller"
            // A named, focusable region: one tab stop for keyboard scrolling and Up/Down between
            // messages. Not the live region: rows mount as the reader scrolls.
            role="region"
            tabIndex={0}
            aria-label={strings.messageList}
            data={items}
            context={context}
            firstItemIndex={firstItemIndex}
            {...(initialLocation ? { initialTopMostItemIndex: initialLocation } : {})}
            computeItemKey={itemKey}
            itemContent={renderItem}
            components={VIRTUOSO_COMPONENTS}
            startReached={onStartReached}
            followOutput={followOutput}
            atBottomStateChange={onAtBottomChange}
            atBottomThreshold={48}
            rangeChanged={setRange}
            scrollerRef={onScrollerRef}
            increaseViewportBy={{ top: 0, bottom: 0 }}
          />
        </MediaLoadContext.Provider>
      ) : empty ? (
        <div className="confab-message-list-empty">{strings.emptyRoom}</div>
      ) : error ? (
        <div className="confab-message-list-empty" data-state="failed">
          <button type="button" className="confab-message-list-load-older" onClick={retryOlder}>
            {strings.loadOlder}
          </button>
        </div>
      ) : (
        <div className="confab-message-list-empty" data-state="loading" role="status">
          <span className="confab-spinner" aria-hidden="true" />
          {strings.loading}
        </div>
      )}
      {unreadAbove && <JumpToUnreadButton onClick={scrollToUnread} />}
      {!atBottom && unseen > 0 && <PillPart count={unseen} onClick={scrollToBottom} />}
      {showTyping && <TypingPart roomId={roomId} />}
    </div>
  );
}

/** The first message row in view, and how far below the top of the scroller it starts. */
function firstVisibleRow(element: HTMLElement | null): { sequence: string; top: number } | null {
  if (!element) return null;
  const top = element.getBoundingClientRect().top;
  for (const row of element.querySelectorAll<HTMLElement>('.confab-message[data-sequence]')) {
    const box = row.getBoundingClientRect();
    if (box.height > 0 && box.bottom > top + 1) return { sequence: row.dataset['sequence'] as string, top: box.top - top };
  }
  return null;
}

/** Frames during which the list puts the noted message back where it was. */
const SETTLE_FRAMES = 8;

/**
 * Scrolls so that the message noted in `place` is again `place.top` below the top of the
 * scroller, once a frame for a few frames (Virtuoso measures the new rows over the first ones),
 * and stops at once if the reader scrolls by hand. Returns a function that cancels it.
 */
function keepPlace(element: HTMLElement, place: { sequence: string; top: number }): () => void {
  let frames = 0;
  let request = 0;
  const stop = () => {
    cancelAnimationFrame(request);
    element.removeEventListener('wheel', stop);
    element.removeEventListener('touchstart', stop);
    element.removeEventListener('keydown', stop);
  };
  element.addEventListener('wheel', stop, { passive: true });
  element.addEventListener('touchstart', stop, { passive: true });
  element.addEventListener('keydown', stop);
  const step = () => {
    const row = element.querySelector<HTMLElement>(`.confab-message[data-sequence="${place.sequence}"]`);
    if (row) {
      const moved = row.getBoundingClientRect().top - element.getBoundingClientRect().top - place.top;
      if (Math.abs(moved) >= 0.5) element.scrollTop += moved;
    }
    if (++frames < SETTLE_FRAMES) request = requestAnimationFrame(step);
    else stop();
  };
  request = requestAnimationFrame(step);
  return stop;
}

function keyMatches(item: MessageListItem, row: HTMLElement): boolean {
  if (item.kind === 'message') return row.dataset['sequence'] === String(item.sequence);
  if (item.kind === 'pending') return row.dataset['clientId'] === item.pending.clientId;
  return false;
}

function findRow(root: HTMLElement | null, item: MessageListItem): HTMLElement | null {
  if (!root) return null;
  for (const row of root.querySelectorAll<HTMLElement>('.confab-message')) if (keyMatches(item, row)) return row;
  return null;
}

/**
 * A visually hidden polite log that receives only messages arriving from others after the list
 * opened: the rows themselves come and go as the reader scrolls, and must not be announced.
 */
function LiveAnnouncer({ message, me }: { message: ChatMessage | undefined; me: string | null }): ReactNode {
  const [baseline, setBaseline] = useState<number | null>(null);
  if (baseline === null && message) setBaseline(message.sequence);
  const announce = message && baseline !== null && message.sequence > baseline && message.authorId !== me && message.deletedAt === undefined ? message : undefined;
  return (
    <div className="confab-visually-hidden" role="log" aria-live="polite" aria-atomic="false" aria-relevant="additions">
      {announce && <Announcement key={announce.id} message={announce} />}
    </div>
  );
}

function Announcement({ message }: { message: ChatMessage }): ReactNode {
  const strings = useStrings();
  const author = useUser(message.authorId);
  const text = message.text || message.attachments.map((attachment) => attachment.name).join(', ') || strings.attachment;
  return <p>{strings.newMessageFrom(author?.name ?? strings.someone, text)}</p>;
}
