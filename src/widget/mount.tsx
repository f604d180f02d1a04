import { createRoot, type Root } from 'react-dom/client';
import { selectTotalUnread } from '../core';
import { ChatError, toChatError, type ChatErrorPayload } from '../protocol';
// eslint-disable-next-line confab/layers -- the widget inlines the one stylesheet (src/styles is CSS, not a layer of code) into its shadow root.
import chatCss from '../styles/index.css?inline';
import widgetCss from './widget.css?inline';
import { EVENT_NAMES, inLanguage, resolveIdentity, resolveOptions, type Identity, type ResolvedOptions, type WidgetEventName, type WidgetEvents, type WidgetOptions } from './options';
import { createSession, type Session } from './session';
import { createPanelStore, WidgetRoot } from './Widget';
import { loadChatDictionary, loadChatStrings } from '../ui';

/** A callback for one of the widget's events. */
export type WidgetListener<E extends WidgetEventName> = (payload: WidgetEvents[E]) => void;

/**
 * What the page can do with a mounted widget, beside unmounting it.
 *
 * @example
 * const unmount = mount(document.body, { demo: true });
 * unmount.open();
 * unmount.on('unread', ({ count }) => { document.title = count ? `(${count}) Shop` : 'Shop'; });
 * unmount(); // removes everything it made
 */
export interface WidgetControls {
  open(): void;
  close(): void;
  toggle(): void;
  readonly isOpen: boolean;
  /** The `ready` event's payload once connected (null before, and again after `setUser` until reconnected). */
  readonly ready: WidgetEvents['ready'] | null;
  /** Signs in as someone else: closes the connection and opens a new one. */
  setUser(identity: Pick<WidgetOptions, 'user' | 'token' | 'tokenProvider'>): void;
  /** Adds a listener; returns a function that removes it. A `ready` listener added after ready is called at once. */
  on<E extends WidgetEventName>(event: E, listener: WidgetListener<E>): () => void;
  off<E extends WidgetEventName>(event: E, listener: WidgetListener<E>): void;
}

/** `mount`'s result: call it to unmount; it also carries the controls. */
export type MountedWidget = (() => void) & WidgetControls;

const isBrowser = () => typeof document !== 'undefined' && typeof document.createElement === 'function';

let baseSheet: CSSStyleSheet | null = null;

/** The stylesheet every widget on the page shares (constructed once: no `<style>`, no request). */
function sharedSheet(): CSSStyleSheet {
  if (!baseSheet) {
    baseSheet = new CSSStyleSheet();
    baseSheet.replaceSync(`${chatCss}\n${widgetCss}`);
  }
  return baseSheet;
}

/**
 * The theme's `--confab-*` overrides as a sheet of their own, set through the CSSOM (a value can
 * never escape its declaration). On the widget's root and on the chat's root inside it, which
 * declares the defaults again.
 */
function themeSheet(tokens: ResolvedOptions['tokens']): CSSStyleSheet | null {
  if (tokens.length === 0) return null;
  const sheet = new CSSStyleSheet();
  sheet.insertRule('.confab-widget.confab-root, .confab-widget .confab-root {}');
  const rule = sheet.cssRules[0] as CSSStyleRule;
  for (const [name, value] of tokens) rule.style.setProperty(name, value);
  return sheet;
}

/**
 * Mounts the chat widget: a launcher bubble and a panel with the whole chat, in a shadow root of
 * a `<confab-widget>` element appended to `element` (default `document.body`). The page's CSS
 * does not reach inside, and the widget's CSS does not reach out.
 *
 * Returns `unmount`, which removes every node, listener, socket and timer the widget made; it
 * also carries `open`, `close`, `toggle`, `setUser`, `on` and `off`. Throws a ChatError `invalid`
 * for options it cannot use.
 *
 * @example
 * const unmount = mount(document.body, {
 *   server: 'https://chat.example.com',
 *   tokenProvider: () => fetch('/chat-token').then((r) => r.text()),
 *   room: 'support',
 * });
 */
export function mount(element: Element | null | undefined, options: WidgetOptions): MountedWidget {
  if (!isBrowser()) throw new Error('The Confab widget needs a browser document.');
  let resolved = resolveOptions(options);
  const parent = element ?? document.body;

  const listeners = new Map<WidgetEventName, Set<(payload: never) => void>>(EVENT_NAMES.map((name) => [name, new Set()]));
  let readyPayload: WidgetEvents['ready'] | null = null;
  let destroyed = false;

  function emit<E extends WidgetEventName>(event: E, payload: WidgetEvents[E]): void {
    if (destroyed) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        (listener as WidgetListener<E>)(payload);
      } catch (error) {
        // A page's callback that throws must not break the widget.
        console.error(`[confab widget] a "${event}" listener threw:`, error);
      }
    }
  }

  // ---- DOM: one host element, everything else in its shadow root --------------------------------
  const host = document.createElement('confab-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  const theme = themeSheet(resolved.tokens);
  shadow.adoptedStyleSheets = theme ? [sharedSheet(), theme] : [sharedSheet()];
  const container = document.createElement('div');
  container.className = 'confab-widget-container';
  shadow.appendChild(container);
  parent.appendChild(host);
  const root: Root = createRoot(container);

  // Fetch the language's texts while the panel is still closed, so that it opens in that language
  // at once; then the launcher, title and direction follow. If they cannot be fetched, the chat
  // shows English (and says why) when it opens.
  const locale = resolved.locale;
  if (locale !== undefined) {
    Promise.all([loadChatDictionary(locale), loadChatStrings(locale)]).then(
      ([dictionary, strings]) => {
        if (destroyed) return;
        container.dir = dictionary.direction;
        resolved = inLanguage(resolved, strings, options);
        render();
      },
      () => {},
    );
  }

  const panel = createPanelStore({ open: resolved.open, roomId: resolved.room, openedAt: 0 });

  function setOpen(open: boolean): void {
    if (destroyed || panel.get().open === open) return;
    panel.set(open ? { open, openedAt: panel.get().openedAt + 1 } : { open });
    emit(open ? 'open' : 'close', {});
  }

  // ---- the connection ---------------------------------------------------------------------------
  let session: Session | null = null;
  let stopWatching: (() => void) | null = null;
  let generation = 0;

  function report(error: ChatErrorPayload): void {
    emit('error', error);
  }

  function start(identity: Identity): void {
    const mine = ++generation;
    readyPayload = null;
    const next = createSession(resolved, identity, {
      onMessage: (roomId, message) => {
        if (mine === generation) emit('message', { roomId, message });
      },
      onError: (error) => {
        if (mine === generation) report(error);
      },
    });
    session = next;
    if (panel.get().roomId === null && next.room !== null) panel.set({ roomId: next.room });

    const { client } = next;
    let unread = selectTotalUnread(client.store.getState());
    let connectionError: ChatErrorPayload | undefined;
    stopWatching = client.store.subscribe((state) => {
      const count = selectTotalUnread(state);
      if (count !== unread) {
        unread = count;
        emit('unread', { count });
      }
      const status = state.connection;
      const error = status.state === 'closed' || status.state === 'offline' ? status.error : undefined;
      if (error && error !== connectionError) report(error);
      connectionError = error;
    });

    client.connect().then(
      async () => {
        if (mine !== generation) return;
        const state = client.store.getState();
        const userId = state.me ?? '';
        // Public rooms the visitor was sent to but is not in yet.
        const wanted = [...new Set([...(resolved.room !== null ? [resolved.room] : []), ...resolved.rooms])];
        for (const roomId of wanted) {
          if (Object.hasOwn(client.store.getState().rooms, roomId)) continue;
          try {
            await client.joinRoom(roomId);
          } catch (error) {
            if (mine === generation) report(toChatError(error).toPayload());
          }
        }
        if (mine !== generation) return;
        // With no room named, a visitor in exactly one room sees it at once.
        if (panel.get().roomId === null) {
          const rooms = Object.keys(client.store.getState().rooms);
          if (rooms.length === 1 && rooms[0] !== undefined) panel.set({ roomId: rooms[0] });
        }
        readyPayload = { userId };
        emit('ready', readyPayload);
        if (unread > 0) emit('unread', { count: unread });
      },
      (error: unknown) => {
        // The store subscription reports refusals that close the connection; report the rest.
        const payload = toChatError(error).toPayload();
        if (mine === generation && payload !== connectionError) report(payload);
      },
    );
    render();
  }

  function stop(): void {
    stopWatching?.();
    stopWatching = null;
    session?.dispose();
    session = null;
  }

  function render(): void {
    if (!session) return;
    // A new session is a new provider: keyed, so nothing of the previous user's view survives.
    root.render(<WidgetRoot key={generation} session={session} options={resolved} panel={panel} setOpen={setOpen} />);
  }

  start(resolved.identity);

  // ---- the controls -----------------------------------------------------------------------------
  const unmount = (() => {
    if (destroyed) return;
    destroyed = true;
    generation++;
    root.unmount();
    stop();
    host.remove();
    for (const set of listeners.values()) set.clear();
  }) as MountedWidget;

  const controls: WidgetControls = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!panel.get().open),
    get isOpen() {
      return panel.get().open;
    },
    get ready() {
      return readyPayload;
    },
    setUser(identity) {
      if (destroyed) return;
      const next = resolveIdentity(identity);
      if (!resolved.demo && !next.token && !next.tokenProvider && !next.user) {
        throw new ChatError('invalid', 'Confab widget: setUser needs `token`, `tokenProvider` or (dev hosts) `user`.');
      }
      stop();
      panel.set({ roomId: resolved.room });
      start(next);
    },
    on(event, listener) {
      const set = listeners.get(event);
      if (!set) throw new ChatError('invalid', `Confab widget: no event "${String(event)}"; events are ${EVENT_NAMES.join(', ')}.`);
      set.add(listener as (payload: never) => void);
      if (event === 'ready' && readyPayload) {
        const payload = readyPayload;
        queueMicrotask(() => {
          if (set.has(listener as (payload: never) => void) && readyPayload === payload) (listener as WidgetListener<'ready'>)(payload);
        });
      }
      return () => controls.off(event, listener);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener as (payload: never) => void);
    },
  };
  return Object.defineProperties(unmount, Object.getOwnPropertyDescriptors(controls)) as MountedWidget;
}
