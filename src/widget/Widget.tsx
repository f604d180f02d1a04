import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ChatProvider, useTotalUnread, type Notifier } from '../react';
import { emojiMart } from '../emoji-mart';
import { Chat, ChatUIProvider, createBrowserNotifier, NotifierContext, useChatNotifications } from '../ui';
import type { ResolvedOptions } from './options';
import type { Session } from './session';

/** The panel's open state and the room shown, kept outside React so the global API can drive them. */
export interface PanelState {
  open: boolean;
  roomId: string | null;
  /** Bumped by each opening (launcher or API), so focus moves into the panel each time; 0 for a panel open from the start. */
  openedAt: number;
}

/** A tiny external store of {@link PanelState}. */
export interface PanelStore {
  get(): PanelState;
  set(patch: Partial<PanelState>): void;
  subscribe(listener: () => void): () => void;
}

export function createPanelStore(initial: PanelState): PanelStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch };
      if (next.open === state.open && next.roomId === state.roomId && next.openedAt === state.openedAt) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What the shell needs from the widget. */
export interface WidgetShellProps {
  session: Session;
  options: ResolvedOptions;
  panel: PanelStore;
  /** Opens or closes the panel (and tells the page: `open`/`close` events). */
  setOpen(open: boolean): void;
}

/** The root of the widget's React tree: a provider over the session's client, and the shell. */
export function WidgetRoot(props: WidgetShellProps): ReactNode {
  return (
    <ChatProvider client={props.session.client}>
      <WidgetShell {...props} />
    </ChatProvider>
  );
}

function ChatBubbleIcon(): ReactNode {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12Z" />
    </svg>
  );
}

function CloseIcon(): ReactNode {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}

/** The first place worth focusing in the panel: the composer, else the room list, else the close button. */
function focusTarget(panel: HTMLElement): HTMLElement | null {
  const candidates = ['.confab-chat-room:not([hidden]) textarea', '.confab-chat-sidebar:not([hidden]) [role="listbox"]', '.confab-chat-sidebar:not([hidden]) input', '.confab-widget-close'];
  for (const selector of candidates) {
    const element = panel.querySelector<HTMLElement>(selector);
    if (element) return element;
  }
  return null;
}

/**
 * The launcher bubble (a button with the unread count) and, while open, the panel: a labelled
 * dialog with a title bar and the whole `<Chat>`. The chat is unmounted while the panel is closed,
 * so nothing is marked read unseen; the room shown is kept in the panel store.
 */
function WidgetShell({ session, options, panel, setOpen }: WidgetShellProps): ReactNode {
  const { open, roomId, openedAt } = useSyncExternalStore(panel.subscribe, panel.get, panel.get);
  const unread = useTotalUnread();
  const panelId = useId();
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const { labels, title } = options;

  // Focus moves into the panel when it opens: to the composer, or, while the room is still on its
  // way (connecting, loading), to the best place there is now, then on to the composer when it
  // appears, unless the visitor has moved focus meanwhile. Gives up waiting after about 3 s.
  // A panel open from the start (`open: true`) does not take focus from the page as it loads.
  useEffect(() => {
    if (!open || openedAt === 0) return;
    let frame = 0;
    let frames = 0;
    let placed: HTMLElement | null = null;
    const place = () => {
      const element = panelRef.current;
      if (!element) return;
      const root = element.getRootNode() as Document | ShadowRoot;
      const target = focusTarget(element) ?? element;
      const movedByVisitor = placed !== null && root.activeElement !== placed;
      if (movedByVisitor) return;
      if (target !== placed) {
        target.focus();
        placed = target;
      }
      if (target.tagName !== 'TEXTAREA' && frames++ < 180) frame = requestAnimationFrame(place);
    };
    frame = requestAnimationFrame(place);
    return () => cancelAnimationFrame(frame);
  }, [open, openedAt]);

  // When the panel closes with focus inside it (Escape, its close button, Confab('close')), focus
  // goes back to the launcher, once it is shown again (on a phone it hides under the open panel).
  const focusInPanel = useRef(false);
  useLayoutEffect(() => {
    if (open || !focusInPanel.current) return;
    focusInPanel.current = false;
    launcherRef.current?.focus();
  }, [open]);
  const onPanelFocus = () => {
    focusInPanel.current = true;
  };
  const onPanelBlur = (event: FocusEvent<HTMLDivElement>) => {
    const panelElement = event.currentTarget;
    if (panelElement.contains(event.relatedTarget as Node | null)) return;
    // Decided after the render: the browser also reports a focusout when the panel is removed
    // with focus inside, which React suppresses during its commit and Preact (the widget's
    // renderer) does not. A removal is not focus leaving; the effect above has run by then.
    queueMicrotask(() => {
      if (panelElement.isConnected) focusInPanel.current = false;
    });
  };

  const close = useCallback(() => setOpen(false), [setOpen]);

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Pickers, menus, dialogs and the composer handle their own Escape first and mark it handled.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    close();
  };

  const onRoomChange = useCallback((next: string | null) => panel.set({ roomId: next }), [panel]);

  // Notifications run beside the panel, not in it: they matter most while it is closed.
  const [notifier] = useState(() => (options.notifications ? createBrowserNotifier() : null));
  const openFromNotification = useCallback(
    (next: string, messageId: string, sequence: number) => {
      panel.set({ roomId: next });
      setOpen(true);
      // The panel's list scrolls to the message and marks it, as for a search result.
      session.client.jumpToMessage(next, messageId, sequence).catch(() => {});
    },
    [panel, setOpen, session],
  );

  const name = open ? labels.close : unread > 0 ? `${labels.open}, ${labels.unread(unread)}` : labels.open;

  return (
    <div className="confab-root confab-widget" data-theme={options.mode === 'system' ? undefined : options.mode} data-position={options.position} data-state={open ? 'open' : 'closed'}>
      {notifier !== null && options.notifications !== null && (
        <ChatUIProvider {...(options.locale !== undefined ? { locale: options.locale } : {})} {...(options.strings !== undefined ? { strings: options.strings } : {})}>
          <NotificationsRunner notifier={notifier} settings={options.notifications} openRoomId={open ? roomId : null} onOpenRoom={openFromNotification} />
        </ChatUIProvider>
      )}
      {open && (
        <div ref={panelRef} id={panelId} className="confab-widget-panel" role="dialog" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onPanelKeyDown} onFocus={onPanelFocus} onBlur={onPanelBlur}>
          <div className="confab-widget-header">
            <h2 id={titleId} className="confab-widget-title">
              {title}
            </h2>
            <button type="button" className="confab-widget-close" aria-label={labels.close} title={labels.close} onClick={close}>
              <CloseIcon />
            </button>
          </div>
          <div className="confab-widget-body">
            <NotifierContext.Provider value={notifier}>
              <Chat
                roomId={roomId}
                onRoomChange={onRoomChange}
                theme={options.mode}
                uploads={session.uploads}
                emoji={emojiMart}
                {...(options.locale !== undefined ? { locale: options.locale } : {})}
                {...(options.strings !== undefined ? { strings: options.strings } : {})}
              />
            </NotifierContext.Provider>
          </div>
        </div>
      )}
      <button
        ref={launcherRef}
        type="button"
        className="confab-widget-launcher"
        aria-label={name}
        title={name}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-unread={unread > 0 ? unread : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {open ? <CloseIcon /> : <ChatBubbleIcon />}
        {unread > 0 && (
          <span className="confab-widget-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
    </div>
  );
}

/** The widget's notifications, in a part of its own (what it follows re-renders it alone). */
function NotificationsRunner(props: { notifier: Notifier; settings: NonNullable<ResolvedOptions['notifications']>; openRoomId: string | null; onOpenRoom: (roomId: string, messageId: string, sequence: number) => void }): null {
  useChatNotifications({ notifier: props.notifier, title: props.settings.title, sound: props.settings.sound, openRoomId: props.openRoomId, onOpenRoom: props.onOpenRoom });
  return null;
}
