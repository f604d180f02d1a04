/**
 * Small helpers shared by the message list's parts.
 */
import { createContext, useContext, useEffect, type RefObject } from 'react';

/**
 * Wraps text someone typed (a name) in Unicode directional isolates, for places where a `<bdi>`
 * cannot go: attribute values such as `title` and `aria-label`. A right-to-left name then cannot
 * reorder the sentence around it.
 *
 * @example
 * strings.seenBy(names.map(isolate));
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/**
 * Messages by one author closer together than this are grouped under one avatar and name.
 *
 * @example
 * const grouped = next.authorId === previous.authorId && next.createdAt - previous.createdAt < GROUP_WINDOW_MS;
 */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

/**
 * The quick reactions offered on every message, in order.
 *
 * @example
 * QUICK_REACTIONS.map((emoji) => <button key={emoji}>{emoji}</button>);
 */
export const QUICK_REACTIONS: readonly string[] = Object.freeze(['👍', '❤️', '😂', '🎉', '😮', '😢']);

/**
 * Called by media in a message once it has loaded and taken its height (and by a streamed message
 * each time it grows), so a list following its newest message can scroll down by what was added.
 * Null outside a message list.
 *
 * @example
 * const onMediaLoad = useContext(MediaLoadContext);
 * <img onLoad={() => onMediaLoad?.()} />
 */
export const MediaLoadContext = createContext<(() => void) | null>(null);

/**
 * Which message shows its toolbar: one at a time in a list. The pointer entering a message
 * claims it and leaving gives it up; keyboard focus claims it and keeps it (the pointer passing
 * over other messages does not take it away); an open popup of the toolbar (the emoji picker, a
 * delete to confirm) holds it until closed.
 *
 * @example
 * const state: ToolbarState = { owner: 'm_12', keyboard: false, held: false };
 */
export interface ToolbarState {
  owner: string | null;
  keyboard: boolean;
  held: boolean;
}

/** What happened to a message that bears on its toolbar. */
export type ToolbarEvent =
  | { type: 'enter'; id: string }
  | { type: 'leave'; id: string }
  | { type: 'focus'; id: string }
  /** Focus left the message; `hovered`: the pointer is still over it. */
  | { type: 'blur'; id: string; hovered: boolean }
  | { type: 'hold'; id: string; held: boolean; hovered: boolean };

const NO_TOOLBAR: ToolbarState = Object.freeze({ owner: null, keyboard: false, held: false });

/**
 * The toolbar state after an event: pure, so the rules are tested without a DOM.
 *
 * @example
 * nextToolbar({ owner: 'a', keyboard: false, held: false }, { type: 'enter', id: 'b' }).owner; // 'b'
 */
export function nextToolbar(state: ToolbarState, event: ToolbarEvent): ToolbarState {
  const { type, id } = event;
  const mine = state.owner === id;
  // Keyboard focus or an open popup pins the toolbar: the pointer neither takes nor closes it.
  const pinned = state.keyboard || state.held;
  if (type === 'focus') return mine && state.keyboard ? state : { owner: id, keyboard: true, held: mine && state.held };
  if (type === 'enter') return mine || (state.owner !== null && pinned) ? state : { owner: id, keyboard: false, held: false };
  if (!mine) return state;
  if (type === 'leave') return pinned ? state : NO_TOOLBAR;
  if (type === 'hold' && event.held) return state.held ? state : { ...state, held: true };
  // Focus left, or the popup closed: what is left keeps it (the other pin, or the pointer).
  const keyboard = type === 'hold' && state.keyboard;
  const held = type === 'blur' && state.held;
  if (type === 'hold' && !state.held) return state;
  return keyboard || held ? { owner: id, keyboard, held } : event.hovered ? { owner: id, keyboard: false, held: false } : NO_TOOLBAR;
}

/**
 * A small store of {@link ToolbarState}, one per list (rows subscribe to whether they own it, so
 * a change re-renders the two rows concerned).
 *
 * @example
 * const owner = createToolbarOwner();
 * owner.dispatch({ type: 'enter', id: message.id });
 */
export interface ToolbarOwner {
  get(): ToolbarState;
  dispatch(event: ToolbarEvent): void;
  subscribe(listener: () => void): () => void;
}

/** Creates a {@link ToolbarOwner}. */
export function createToolbarOwner(): ToolbarOwner {
  let state = NO_TOOLBAR;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(event) {
      const next = nextToolbar(state, event);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The toolbar owner of the nearest message list; outside one, a page-wide one (one pointer, one
 * toolbar).
 *
 * @example
 * const owner = useContext(ToolbarOwnerContext);
 */
export const ToolbarOwnerContext = createContext<ToolbarOwner>(createToolbarOwner());

/**
 * The id the toolbar store knows a message's toolbar by, for the toolbar's own parts. Null outside a
 * `<Message>`, by design: `<MessageActions>` used alone has no row toolbar to hold open.
 */
export const ToolbarIdContext = createContext<string | null>(null);

/**
 * Keeps the toolbar of the message it is in open while `held` (an open picker, a delete to
 * confirm), even when the pointer leaves; closes it when released unless hovered or focused.
 *
 * @example
 * useHoldToolbar(pickerOpen || confirmingDelete, toolbarRef);
 */
export function useHoldToolbar(held: boolean, element: RefObject<HTMLElement | null>): void {
  const owner = useContext(ToolbarOwnerContext);
  const id = useContext(ToolbarIdContext);
  useEffect(() => {
    if (id === null || !held) return;
    owner.dispatch({ type: 'hold', id, held: true, hovered: true });
    // Released when no longer held, and when the toolbar goes away while held.
    const row = element.current?.closest('.confab-message');
    return () => owner.dispatch({ type: 'hold', id, held: false, hovered: row?.matches(':hover') ?? false });
  }, [owner, id, held, element]);
}
