/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useChatClient, useRoom, useRoomGone } from '../react';
import { Composer } from './composer';
import { ConnectionBanner } from './ConnectionBanner';
import { MessageList } from './MessageList';
import { RoomHeader } from './RoomHeader';
import { RoomList, type RoomSelectReason } from './RoomList';
import { ThreadPanel } from './ThreadPanel';
import type { ChatComponents } from './components';
import { ChatUIProvider, cx, useLocale, useSlot, useStrings, useTextDirection, type ChatUIOptions } from './config';
import { ChatNavigationProvider, type ChatNavigation } from './people/navigation';
import { RoomViewProvider } from './roomView';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';
import { activeElementOf } from './dom';

/**
 * Props of {@link Chat}: which room is open (controlled with `roomId` + `onRoomChange`, or not
 * with `defaultRoomId`), theme and direction, and the look-and-language options of
 * `ChatUIProvider`.
 *
 * @example
 * <Chat defaultRoomId="general" theme="system" locale="en-GB" strings={{ send: 'Post' }} />
 */
export interface ChatProps extends Omit<ChatUIOptions, 'components'> {
  /** The open room (controlled). `null`: none. */
  roomId?: string | null;
  /** The room open at first when `roomId` is not given. */
  defaultRoomId?: string | null;
  /** Called when the user opens a room (or closes it). */
  onRoomChange?: (roomId: string | null) => void;
  /** `system` (default) follows the operating system's preference. */
  theme?: 'light' | 'dark' | 'system';
  /** Text direction; default: the language's when `locale` is given (`rtl` for Arabic), else inherited from the page. */
  dir?: 'ltr' | 'rtl';
  /** Replacements for default parts, by name, each typed with its part's props. */
  components?: Partial<ChatComponents>;
  /** Container width in CSS pixels below which one pane shows at a time. Default 720. */
  narrowBelow?: number;
  className?: string;
}

/** Width the thread panel takes beside the room (matches --confab-thread-width). */
const THREAD_COLUMN_WIDTH = 360;

/** The panes of the narrow layout, one shown at a time. */
type Pane = 'list' | 'room' | 'thread';

/**
 * The whole chat: the room list, the open room (header, messages, typing, composer) and a thread
 * panel, inside a `.confab-root` that carries theme and direction. Must be inside a
 * `ChatProvider`; add `confab-chat/styles.css` for the default look.
 *
 * It fills its container (give that a height), and adapts to its own width, not the window's (it
 * may live in a small panel): below `narrowBelow` (720 px) it shows one pane at a time (list →
 * room → thread) with a back button in the header, and marks itself `data-layout="narrow"`.
 *
 * @example
 * import 'confab-chat/styles.css';
 * import { ChatProvider } from 'confab-chat';
 * import { Chat } from 'confab-chat/ui';
 *
 * <ChatProvider client={client}>
 *   <Chat defaultRoomId="general" theme="dark" />
 * </ChatProvider>
 */
export function Chat({ locale, strings, localeFallback, components, now, uploads, emoji, ...layout }: ChatProps): ReactNode {
  return (
    <ChatUIProvider
      locale={locale}
      strings={strings}
      localeFallback={localeFallback}
      components={components as ChatUIOptions['components']}
      now={now}
      uploads={uploads}
      emoji={emoji}
    >
      <ChatLayout {...layout} />
    </ChatUIProvider>
  );
}

type LayoutProps = Omit<ChatProps, keyof ChatUIOptions>;

function ChatLayout({ roomId: controlledRoomId, defaultRoomId = null, onRoomChange, theme = 'system', dir, narrowBelow = 720, className }: LayoutProps): ReactNode {
  const strings = useStrings();
  const languageDirection = useTextDirection();
  const locale = useLocale();
  const rootRef = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(rootRef);

  const [ownRoomId, setOwnRoomId] = useState<string | null>(defaultRoomId);
  const roomId = controlledRoomId !== undefined ? controlledRoomId : ownRoomId;
  const room = useRoom(roomId ?? '');
  const [thread, setThread] = useState<{ roomId: string; parentId: string } | null>(null);
  const threadParentId = thread !== null && thread.roomId === roomId ? thread.parentId : null;
  // An open thread takes its own column: when that would squeeze the room below a usable width,
  // show one pane at a time instead (the thread, with the room a close away).
  const narrow = typeof width === 'number' && width < narrowBelow + (threadParentId !== null ? THREAD_COLUMN_WIDTH : 0);
  const [showList, setShowList] = useState(roomId === null);

  const ListPart = useSlot('RoomList', RoomList);
  const HeaderPart = useSlot('RoomHeader', RoomHeader);
  const ThreadPart = useSlot('ThreadPanel', ThreadPanel);
  const BannerPart = useSlot('ConnectionBanner', ConnectionBanner);
  const ComposerPart = useSlot('Composer', Composer);
  const MessageListPart = useSlot('MessageList', MessageList);

  // A room that is not (or no longer) in the store has no view to show: the list takes its place.
  const pane: Pane = room === undefined || showList ? 'list' : threadParentId !== null ? 'thread' : 'room';
  const focusPaneOnChange = useRef(false);

  // A room just created or opened as a direct message is there to be written in: its composer
  // takes focus (not the button that opened the dialog, where a space would open it again).
  const focusComposerOf = useRef<string | null>(null);

  const selectRoom = useCallback(
    (next: string, reason: RoomSelectReason = 'list') => {
      focusPaneOnChange.current = true;
      focusComposerOf.current = reason === 'list' ? null : next;
      setShowList(false);
      if (controlledRoomId === undefined) setOwnRoomId(next);
      if (next !== roomId) onRoomChange?.(next);
    },
    [controlledRoomId, roomId, onRoomChange],
  );

  const onThreadChange = useCallback(
    (parentId: string | null) => {
      focusPaneOnChange.current = false;
      setThread(parentId === null || roomId === null ? null : { roomId, parentId });
    },
    [roomId],
  );

  // A jump to a message (a search result, a quote) in another room opens that room; its list
  // then scrolls to the message. In the narrow layout the room pane comes forward. Each new jump
  // counts once, whatever room changes happen while it waits.
  const client = useChatClient();
  const openForJump = useRef<(jumpRoomId: string) => void>(() => {});
  useEffect(() => {
    openForJump.current = (jumpRoomId) => {
      if (jumpRoomId !== roomId) selectRoom(jumpRoomId);
      else setShowList(false);
    };
  }, [roomId, selectRoom]);
  useEffect(
    () =>
      client.store.subscribe((state, previous) => {
        if (state.focus !== null && state.focus !== previous.focus) openForJump.current(state.focus.roomId);
      }),
    [client],
  );

  const back = useCallback(() => {
    focusPaneOnChange.current = true;
    setShowList(true);
  }, []);

  // In the narrow layout the pane the user came from disappears; move focus into the new one.
  useEffect(() => {
    if (!narrow || !focusPaneOnChange.current) return;
    focusPaneOnChange.current = false;
    const root = rootRef.current;
    if (!root) return;
    const first = (...selectors: string[]) => selectors.map((selector) => root.querySelector<HTMLElement>(selector)).find(Boolean);
    const target =
      pane === 'list'
        ? first('.confab-chat-sidebar [role="listbox"]', '.confab-chat-sidebar input')
        : first('.confab-chat-room textarea', '.confab-chat-room h2');
    target?.focus();
  }, [narrow, pane]);

  const roomShown = room !== undefined;
  useEffect(() => {
    if (focusComposerOf.current === null || focusComposerOf.current !== roomId || !roomShown) return;
    focusComposerOf.current = null;
    rootRef.current?.querySelector<HTMLElement>('.confab-chat-room textarea')?.focus();
  }, [roomId, roomShown]);

  // The open room went away (left, deleted, removed): the most recently active other room opens
  // in its place (in the narrow layout the list shows, with it selected).
  const focusListAfterLoss = useRef(false);
  useRoomGone(roomId, (next) => {
    focusListAfterLoss.current = true;
    if (next === null) return;
    if (controlledRoomId === undefined) setOwnRoomId(next);
    onRoomChange?.(next);
    if (narrow) setShowList(true);
  });

  // The lost room's pane is gone with the focus it held, so the room list takes focus.
  const hadRoom = useRef(roomShown);
  useEffect(() => {
    const lost = (hadRoom.current && !roomShown) || focusListAfterLoss.current;
    hadRoom.current = roomShown;
    focusListAfterLoss.current = false;
    const root = rootRef.current;
    if (!lost || !root) return;
    const active = activeElementOf(root);
    if (active !== null && active !== document.body && root.contains(active)) return;
    (root.querySelector<HTMLElement>('.confab-chat-sidebar [role="listbox"]') ?? root.querySelector<HTMLElement>('.confab-chat-sidebar input'))?.focus();
  }, [roomShown, roomId]);

  const navigation = useMemo<ChatNavigation>(() => ({ openRoom: (next) => selectRoom(next, 'direct') }), [selectRoom]);

  const visible = (name: Pane) => !narrow || pane === name;

  return (
    <div
      ref={rootRef}
      className={cx('confab-root confab-chat', className)}
      data-theme={theme === 'system' ? undefined : theme}
      dir={dir ?? (locale !== undefined ? languageDirection : undefined)}
      data-layout={narrow ? 'narrow' : 'wide'}
      data-pane={pane}
      data-thread-open={threadParentId !== null ? '' : undefined}
    >
      <BannerPart />
      {/* The panes wait for the first measure (taken before the first paint), so that no part
          lays itself out, or measures itself, in a layout about to change. */}
      {width !== undefined && (
        <ChatNavigationProvider value={navigation}>
          <div className="confab-chat-panes">
            <div className="confab-chat-sidebar" hidden={!visible('list')}>
              <ListPart selectedRoomId={roomId} onSelectRoom={selectRoom} />
            </div>
            {roomId !== null && room ? (
              <RoomViewProvider key={roomId} roomId={roomId} threadParentId={threadParentId} onThreadChange={onThreadChange}>
                <section className="confab-chat-room" hidden={!visible('room')} aria-label={room.name || undefined}>
                  <HeaderPart roomId={roomId} onBack={narrow ? back : undefined} />
                  {/* The list's own line under it shows who types and its jump buttons, never over messages. */}
                  <MessageListPart roomId={roomId} />
                  <ComposerPart roomId={roomId} />
                </section>
                {threadParentId !== null && (
                  <div className="confab-chat-thread" hidden={!visible('thread')}>
                    <ThreadPart key={threadParentId} roomId={roomId} parentId={threadParentId} onClose={() => onThreadChange(null)} />
                  </div>
                )}
              </RoomViewProvider>
            ) : (
              <section className="confab-chat-room confab-chat-placeholder" hidden={narrow}>
                <p className="confab-chat-placeholder-text">{strings.selectRoom}</p>
              </section>
            )}
          </div>
        </ChatNavigationProvider>
      )}
    </div>
  );
}

/**
 * The width of an element, followed with a ResizeObserver (the window's resize event where there
 * is none). Undefined until first measured (a layout effect, so before the first paint); null when
 * the element has no layout (e.g. jsdom), which callers treat as "wide".
 */
function useContainerWidth(ref: RefObject<HTMLElement | null>): number | null | undefined {
  const [width, setWidth] = useState<number | null | undefined>(undefined);
  useIsomorphicLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (next: number) => setWidth(next > 0 ? Math.round(next) : null);
    update(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'function') {
      const observer = new ResizeObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (entry) update(entry.contentRect.width);
      });
      observer.observe(element);
      return () => observer.disconnect();
    }
    if (typeof window === 'undefined') return;
    const onResize = () => update(element.getBoundingClientRect().width);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [ref]);
  return width;
}
