import { toChatError, type CommandOf, type Message, type ResultOf, type SequenceRange } from '../protocol';
import { lookup, selectCursor, selectTimeline, withLoading, type ChatState, type ChatStore, type TimelinesSlice } from './store';

/**
 * What {@link loadAround} needs from a client: small, so that it can be tested over a plain
 * transport and a store, and wired into any client.
 *
 * @example
 * const host: LoadAroundHost = { store, pageSize: 50, request: (command) => transport.request(command), fold: (roomId, messages, range) => {} };
 */
export interface LoadAroundHost {
  readonly store: ChatStore;
  /** Messages per page, in each direction. */
  readonly pageSize: number;
  request(command: CommandOf<'message.history'>): Promise<ResultOf<'message.history'>>;
  /** Folds a page into the store's held ranges (and confirms one's own sends among them). */
  fold(roomId: string, messages: readonly Message[], range: SequenceRange): void;
}

/**
 * Loads the page before `sequence` and the page from `sequence` on, both at once, into the room's
 * held ranges: what a list needs to open at a given message (the first unread one) with context
 * above and below it. With `sequence` past the room's newest message it loads the newest page (the
 * way to "jump to latest" over a gap). The two pages meet at `sequence`, so they are one held
 * stretch; a failure of either leaves `error` on the timeline and rejects with a ChatError.
 *
 * @example
 * await loadAround(host, 'general', 101); // messages ~51..150 held, 101 among them
 */
export async function loadAround(host: LoadAroundHost, roomId: string, sequence: number): Promise<void> {
  const { store, pageSize } = host;
  const lastSequence = lookup(store.getState().rooms, roomId)?.lastSequence ?? 0;
  const setTimelines = (change: (slice: TimelinesSlice) => TimelinesSlice) =>
    store.setState((state) => {
      const next = change(state);
      return next === state ? {} : { timelines: next.timelines, threads: next.threads };
    });
  setTimelines((slice) => withLoading(slice, roomId, 'older'));
  try {
    const before = sequence > 1 ? host.request({ type: 'message.history', roomId, before: sequence, limit: pageSize }) : null;
    const after = sequence - 1 < lastSequence ? host.request({ type: 'message.history', roomId, after: sequence - 1, limit: pageSize }) : null;
    const [older, newer] = await Promise.all([before, after]);
    if (older) host.fold(roomId, older.messages, older.range);
    if (newer) host.fold(roomId, newer.messages, newer.range);
    setTimelines((slice) => withLoading(slice, roomId, null));
  } catch (error) {
    const chatError = toChatError(error);
    setTimelines((slice) => withLoading(slice, roomId, null, chatError.toPayload()));
    throw chatError;
  }
}

/**
 * Where a room's reader stopped: the first sequence after their read cursor when the room has
 * messages beyond it, or null when they have read everything (or the room is unknown).
 *
 * @example
 * selectFirstUnread(client.store.getState(), 'general'); // 101 when read up to 100 of 300
 */
export function selectFirstUnread(state: ChatState, roomId: string): number | null {
  const room = lookup(state.rooms, roomId);
  if (!room || state.me === null) return null;
  const cursor = selectCursor(state, roomId, state.me)?.sequence ?? 0;
  return room.lastSequence > cursor ? cursor + 1 : null;
}

/**
 * Whether the client holds a stretch from just before `sequence` through it: enough to open a list
 * at that message with what precedes it. When false, {@link loadAround} fetches it.
 *
 * @example
 * if (!selectHoldsAround(client.store.getState(), 'general', 101)) await client.loadAround('general', 101);
 */
export function selectHoldsAround(state: ChatState, roomId: string, sequence: number): boolean {
  const from = Math.max(1, sequence - 1);
  return selectTimeline(state, roomId).covered.some((range) => range.from <= from && range.to >= sequence);
}

/**
 * Whether the client holds a room's newest messages in one stretch with everything else it holds
 * (no gap below, nothing newer on the server): "jump to latest" can scroll there without loading.
 *
 * @example
 * if (!selectHoldsLatest(client.store.getState(), 'general')) await client.loadAround('general', room.lastSequence + 1);
 */
export function selectHoldsLatest(state: ChatState, roomId: string): boolean {
  const covered = selectTimeline(state, roomId).covered;
  const last = covered[covered.length - 1];
  const lastSequence = lookup(state.rooms, roomId)?.lastSequence ?? 0;
  return covered.length <= 1 && (last?.to ?? 0) >= lastSequence;
}

/**
 * How far the read cursor may move when the reader has seen messages up to `seen`: never past a
 * sequence the client does not hold (a gap, or history not loaded), so it only follows the reader
 * down through what was actually on screen. Returns `cursor` when it may not move.
 *
 * @example
 * readableUpTo([{ from: 1, to: 150 }, { from: 300, to: 305 }], 100, 305); // 150
 */
export function readableUpTo(covered: readonly SequenceRange[], cursor: number, seen: number): number {
  if (seen <= cursor) return cursor;
  const stretch = covered.find((range) => range.from <= cursor + 1 && range.to >= cursor);
  if (!stretch) return cursor;
  return Math.min(seen, stretch.to);
}
