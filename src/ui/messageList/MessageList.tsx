/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Virtuoso, type IndexLocationWithAlign, type ListRange, type VirtuosoHandle } from 'react-virtuoso';
import { useCurrentUserId, useLatest, useMessageFocus, useMessages, useReadCursor, useReadingHold, useRoom, useUnreadLanding, type SequenceRange } from '../../react';
import { cx, useSlot, useStrings } from '../config';
import { GapMarker } from '../GapMarker';
import { Message } from '../Message';
import { MediaLoadContext, ToolbarOwnerContext, createToolbarOwner } from '../messageParts';
import { JumpToLatestButton, JumpToUnreadButton, NewMessagesPill, type NewMessagesPillProps } from '../NewMessagesPill';
import { ReadReceipts } from '../ReadReceipts';
import { useRoomView } from '../roomView';
import { DateSeparator, UnreadSeparator } from '../Separators';
import { TypingIndicator, type TypingIndicatorProps } from '../TypingIndicator';
import { useFollowBottom } from './followBottom';
import { createMessageListBuilder, type MessageListItem } from './items';
import { useFirstItemIndex, useKeepPlaceOnPrepend } from './keepPlace';
import { focusLocation, useJumpFocus } from './jumpFocus';
import { useListKeyboard } from './keyboard';
import { LiveAnnouncer } from './LiveAnnouncer';
import { usePageActive } from './pageActive';
import { openingLocation, useReadAsSeen } from './reading';
import { itemKey, renderItem, VIRTUOSO_COMPONENTS, type ListContext, type RowParts } from './rows';

/** About the height of a message row with its name line, in px (rows are measured once drawn). */
const ESTIMATED_ROW_HEIGHT = 56;

/**
 * Props of {@link MessageList}.
 *
 * @example
 * <MessageList roomId="general" />
 */
export interface MessageListProps {
  roomId: string;
  /**
   * Shows who is typing under the list. Default true; turn it off to place `<TypingIndicator>`
   * yourself (the line under the list stays, for its jump buttons).
   */
  showTyping?: boolean;
  className?: string;
}

/**
 * A room's messages, virtualized with react-virtuoso so the page holds about a screenful of rows
 * however long the history.
 *
 * - Opens at the first unread message, with the pages before and after it loaded, under a "New"
 *   line frozen while the room is open; else at the bottom. Older history loads at the top and
 *   the first visible message stays exactly in place; newer at the bottom; a marker stands in
 *   each gap and loads it.
 * - Follows new messages only while the reader is at the bottom; scrolled up, a button counts
 *   them (or offers "Jump to latest") and jumps down. One's own send always scrolls down.
 * - Moves the read cursor as messages come into view while the page is visible and focused, and
 *   never past messages that were not on screen. After "Mark unread" it waits until the reader
 *   interacts with the list (scrolls, presses a key, taps), so the messages on screen then do not
 *   undo the mark.
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
  // Before useMessages: opening at the first unread asks for its pages first, and the newest page
  // that useMessages would ask for joins that load instead of being fetched too.
  const landing = useUnreadLanding(roomId);
  const { messages, pending, gaps, hasOlder, hasNewer, loading, error, loadOlder, loadNewer, fillGap } = useMessages(roomId);
  const latest = useLatest(roomId);
  const readCursor = useReadCursor(roomId);
  const pageActive = usePageActive();
  const [toolbarOwner] = useState(createToolbarOwner);

  const MessagePart = useSlot('Message', Message);
  const ReceiptsPart = useSlot('ReadReceipts', ReadReceipts);
  const DatePart = useSlot('DateSeparator', DateSeparator);
  const UnreadPart = useSlot('UnreadSeparator', UnreadSeparator);
  const GapPart = useSlot('GapMarker', GapMarker);
  const parts = useMemo<RowParts>(
    () => ({ Message: MessagePart, ReadReceipts: ReceiptsPart, DateSeparator: DatePart, UnreadSeparator: UnreadPart, GapMarker: GapPart }),
    [MessagePart, ReceiptsPart, DatePart, UnreadPart, GapPart],
  );
  const PillPart = useSlot<NewMessagesPillProps>('NewMessagesPill', NewMessagesPill);
  const TypingPart = useSlot<TypingIndicatorProps>('TypingIndicator', TypingIndicator);

  const { unreadAfter } = landing;
  // The builder keeps its last result, so an arriving message adds rows instead of rebuilding all.
  const [buildItems] = useState(createMessageListBuilder);
  const items = useMemo(() => buildItems({ messages, pending, gaps, unreadAfter, me, hasOlder }), [buildItems, messages, pending, gaps, unreadAfter, me, hasOlder]);
  const firstItemIndex = useFirstItemIndex(items);
  const unreadIndex = items.findIndex((item) => item.kind === 'unread');

  // Where the list opens, fixed when it first has rows of the landed room.
  const ready = landing.ready && items.length > 0;
  const [initialLocation, setInitialLocation] = useState<IndexLocationWithAlign | null>(null);
  const pendingJump = useMessageFocus(roomId).focus;
  // A jump waiting for this room opens the list at its message, not at the unread line.
  if (initialLocation === null && ready) setInitialLocation(focusLocation(items, pendingJump) ?? openingLocation(items));

  const virtuoso = useRef<VirtuosoHandle>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<ListRange | null>(null);
  const [scrollSettled, setScrollSettled] = useState(0);
  const place = useKeepPlaceOnPrepend(loading === 'older', firstItemIndex);
  const follow = useFollowBottom(messages, me);
  const { scrollerRef: followScrollerRef } = follow;
  const { scrollerRef: placeScrollerRef } = place;
  const scrollerRef = useCallback(
    (element: HTMLElement | Window | null) => {
      placeScrollerRef(element);
      followScrollerRef(element);
    },
    [placeScrollerRef, followScrollerRef],
  );

  const scrollToBottom = useCallback(() => {
    virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, []);
  // "Jump to latest": load the newest page when it is not held (after opening at an old unread
  // message), then scroll to it once its rows are in.
  const [latestLoads, setLatestLoads] = useState(0);
  const jumpToLatest = useCallback(() => {
    follow.follow();
    if (latest.held) scrollToBottom();
    else void latest.load().then(() => setLatestLoads((count) => count + 1), () => {});
  }, [follow, latest, scrollToBottom]);
  useEffect(() => {
    if (latestLoads > 0) scrollToBottom();
  }, [latestLoads, scrollToBottom]);
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
    if (latest.held) scrollToBottom();
    else jumpToLatest();
  }, [newestPendingId, latest.held, scrollToBottom, jumpToLatest]);

  // While Virtuoso measures the rows it opens at, it may call the list "at the bottom" before the
  // newest row is even rendered: a bottom counts once the last row is in the range.
  const { onAtBottomChange: followAtBottom } = follow;
  const bottomCheck = useRef({ lastIndex: 0, range: null as ListRange | null, waiting: false });
  const lastIndex = firstItemIndex + items.length - 1;
  useEffect(() => {
    bottomCheck.current.lastIndex = lastIndex;
  }, [lastIndex]);
  const onAtBottomChange = useCallback(
    (bottom: boolean) => {
      const check = bottomCheck.current;
      check.waiting = bottom && (check.range?.endIndex ?? -1) < check.lastIndex;
      if (!check.waiting) followAtBottom(bottom);
    },
    [followAtBottom],
  );
  const onRangeChanged = useCallback(
    (next: ListRange) => {
      const check = bottomCheck.current;
      check.range = next;
      setRange(next);
      if (check.waiting && next.endIndex >= check.lastIndex) {
        check.waiting = false;
        followAtBottom(true);
      }
    },
    [followAtBottom],
  );

  const readingHold = useReadingHold(roomId);
  useReadAsSeen({
    roomId,
    cursor: readCursor,
    active: pageActive && initialLocation !== null && unreadAfter !== null && !readingHold.held,
    atBottom: follow.atBottom,
    items,
    range,
    firstItemIndex,
    scroller: place.scroller,
    tick: scrollSettled,
  });

  const onStartReached = useCallback(() => {
    if (!hasOlder || loading !== null || error !== null) return;
    place.note();
    void loadOlder().catch(() => {});
  }, [hasOlder, loading, error, loadOlder, place]);
  const onEndReached = useCallback(() => {
    if (hasNewer && loading === null && error === null) void loadNewer().catch(() => {});
  }, [hasNewer, loading, error, loadNewer]);
  // Measure what is seen again when a scroll comes to rest (Virtuoso also reports "not
  // scrolling" when nothing moved: only the end of a scroll counts).
  const scrolling = useRef(false);
  const onScrolling = useCallback((now: boolean) => {
    if (scrolling.current && !now) setScrollSettled((tick) => tick + 1);
    scrolling.current = now;
  }, []);

  const highlightedSequence = useJumpFocus({ roomId, items, shown: ready && initialLocation !== null, virtuoso, view });

  const retryOlder = useCallback(() => void loadOlder().catch(() => {}), [loadOlder]);
  const loadGap = useCallback((gap: SequenceRange) => void fillGap(gap).catch(() => {}), [fillGap]);
  const firstTimestamp = (messages[0] ?? pending[0])?.createdAt;
  const context = useMemo<ListContext>(
    () => ({
      roomId,
      hasOlder,
      loadingOlder: loading === 'older',
      loadingGap: loading === 'gap',
      olderFailed: error !== null,
      firstTimestamp,
      loadOlder: retryOlder,
      fillGap: loadGap,
      parts,
      highlightedSequence,
    }),
    [roomId, hasOlder, loading, error, firstTimestamp, retryOlder, loadGap, parts, highlightedSequence],
  );

  const onKeyDown = useListKeyboard({ items, range, firstItemIndex, virtuoso, wrapper, view });

  const empty = !ready && room !== undefined && room.lastSequence === 0 && loading === null;
  const shown = ready && initialLocation !== null;
  const unreadAbove = shown && unreadIndex >= 0 && range !== null && range.startIndex - firstItemIndex > unreadIndex;
  // Once Virtuoso has laid the list out (a range), so that opening at the bottom does not flash it.
  const belowBottom = shown && range !== null && !follow.atBottom;
  const newest = messages[messages.length - 1];
  const jumps = unreadAbove || belowBottom;

  return (
    <div
      ref={wrapper}
      className={cx('confab-message-list', className)}
      data-state={ready ? 'ready' : empty ? 'empty' : error ? 'failed' : 'loading'}
      data-at-bottom={follow.atBottom ? '' : undefined}
      onKeyDown={(event) => {
        readingHold.interacted();
        follow.onReaderKey(event);
        onKeyDown(event);
      }}
      onWheel={(event) => {
        readingHold.interacted();
        if (event.deltaY < 0) follow.onReaderScroll();
      }}
      onTouchMove={() => {
        readingHold.interacted();
        follow.onReaderScroll();
      }}
      // The scrollbar is part of the scroller: a press on it is the reader scrolling.
      onPointerDown={() => {
        readingHold.interacted();
        follow.onReaderScroll();
      }}
    >
      <LiveAnnouncer message={newest} me={me} />
      {ready && initialLocation ? (
        <ToolbarOwnerContext.Provider value={toolbarOwner}>
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
              initialTopMostItemIndex={initialLocation}
              computeItemKey={itemKey}
              itemContent={renderItem}
              components={VIRTUOSO_COMPONENTS}
              startReached={onStartReached}
              endReached={onEndReached}
              followOutput={follow.followOutput}
              atBottomStateChange={onAtBottomChange}
              atBottomThreshold={48}
              rangeChanged={onRangeChanged}
              isScrolling={onScrolling}
              scrollerRef={scrollerRef}
              increaseViewportBy={{ top: 0, bottom: 0 }}
              // A close guess of a row's height lets Virtuoso render the rows where the list opens
              // at once, instead of one row to measure and the rest a few frames later.
              defaultItemHeight={ESTIMATED_ROW_HEIGHT}
            />
          </MediaLoadContext.Provider>
        </ToolbarOwnerContext.Provider>
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
      {/* Under the messages, not over them: the way back to the unread line and down to the
          newest message share the typing line, so they never cover a message or its toolbar.
          The line is always there, so showing them moves nothing. */}
      <div className="confab-message-list-bar">
        {showTyping && <TypingPart roomId={roomId} />}
        {jumps && (
          <div className="confab-message-list-jumps">
            {unreadAbove && <JumpToUnreadButton onClick={scrollToUnread} />}
            {belowBottom && (follow.unseen > 0 ? <PillPart count={follow.unseen} onClick={jumpToLatest} /> : <JumpToLatestButton onClick={jumpToLatest} />)}
          </div>
        )}
      </div>
    </div>
  );
}
