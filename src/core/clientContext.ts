import type { ChatError } from '../protocol';
import type { ChatState, ChatStore, TimelinesSlice } from './store';
import type { Transport } from './transport';

/**
 * What the parts of a ChatClient (send queue, history loader, read cursors, typing notices) share:
 * the transport, the writable store and the clock. Internal: users see only the read-only store.
 */
export interface ClientContext {
  readonly transport: Transport;
  readonly store: ChatStore;
  now(): number;
  /** Failures of background work that no caller awaits. */
  reportError(error: ChatError): void;
  /** Whether a session is open, so commands go out at once. */
  isOnline(): boolean;
  /** How many sessions have opened so far: tells a request sent on an older session from one sent on this one. */
  sessionCount(): number;
  /** Whether `close()` was called: nothing more goes out and no timer is set. */
  isClosed(): boolean;
}

/**
 * Whether a change replaces any slice of the state with another value. zustand notifies every
 * subscriber of any `setState`, even `{}`; a change that keeps every slice must notify no one.
 *
 * @example
 * changesState(state, { cursors: state.cursors }); // false
 */
export function changesState(state: ChatState, change: Partial<ChatState>): boolean {
  for (const key of Object.keys(change) as Array<keyof ChatState>) if (!Object.is(change[key], state[key])) return true;
  return false;
}

/** Applies a change to the store; a change that changes nothing (a duplicate event, say) notifies no one. */
export function updateState(store: ChatStore, change: (state: ChatState) => Partial<ChatState>): void {
  store.setState((state) => {
    const next = change(state);
    return changesState(state, next) ? next : state;
  });
}

/** Applies a change to the timelines and threads, and only when it changed something. */
export function updateTimelines(store: ChatStore, change: (slice: TimelinesSlice) => TimelinesSlice): void {
  updateState(store, (state) => {
    const next = change(state);
    return next === state ? {} : { timelines: next.timelines, threads: next.threads };
  });
}

/** Throws the problem a pure check found, if any: one copy of each rule lives in the store's checks. */
export function orThrow(problem: ChatError | null): void {
  if (problem) throw problem;
}
