import { ChatError, toChatError, type CommandOf, type Message, type ResultOf, type Room, type SequenceRange } from '../protocol';
import { updateState, updateTimelines, type ClientContext } from './clientContext';
import { lookup, selectGaps, withEntry, selectThread, selectTimeline, withLoading, withMessages, withReplies, withRoom, withThreadState } from './store';

/**
 * What a history page covers: the page's own range, stretched to the edge it was asked towards
 * when it is the last page (sequences with nothing visible in them, such as hidden authors, count
 * as held).
 *
 * @example
 * coveredByPage({ from: 3, to: 12 }, false, { from: 1, to: 12 }); // { from: 1, to: 12 }
 */
export function coveredByPage(range: SequenceRange, hasMore: boolean, toEdge: SequenceRange | null): SequenceRange {
  if (hasMore || !toEdge) return range;
  return { from: Math.min(range.from, toEdge.from), to: Math.max(range.to, toEdge.to) };
}

/** How many times one history read waits out the server's read limit before giving up with the error. */
const MAX_RATE_LIMITED_RETRIES = 5;

/**
 * Whether a history read refused for its rate should be asked again, and after how long: the
 * server's `retryAfterMs`, a few times. Scrolling fast through a long room is not an error.
 *
 * @example
 * retryReadAfterMs(new ChatError('rate_limited', 'Slow down.', { retryAfterMs: 80 }), 0); // 80
 */
export function retryReadAfterMs(error: ChatError, attempt: number): number | null {
  if (error.code !== 'rate_limited' || attempt >= MAX_RATE_LIMITED_RETRIES) return null;
  return Math.max(1, error.retryAfterMs ?? 100);
}

/** Where each held room's timeline ends: what `room.resume` asks for after a reconnect. */
export function resumePoints(timelines: Readonly<Record<string, { covered: readonly SequenceRange[] }>>): Array<{ roomId: string; afterSequence: number }> {
  return Object.entries(timelines).flatMap(([roomId, timeline]) => {
    const last = timeline.covered[timeline.covered.length - 1];
    return last ? [{ roomId, afterSequence: last.to }] : [];
  });
}

/**
 * Pages of history into the store: older, newer, gaps, threads, and what a room missed while the
 * connection was down. One load per room and direction at a time; a second call joins the first.
 * A page that answers after its room was reloaded (another server's history) is dropped.
 */
export class HistoryLoader {
  private readonly loads = new Map<string, Promise<void>>();
  /** Bumped when a room's copy is thrown away, so answers about the old copy are not folded in. */
  private readonly generations = new Map<string, number>();
  /** The generation of its room each running load was started in. */
  private readonly loadGenerations = new WeakMap<Promise<void>, number>();

  constructor(
    private readonly ctx: ClientContext,
    /** Messages per page. */
    readonly pageSize: number,
    /** Our own messages seen in a page or a replay: they confirm pending sends. */
    private readonly onOwnMessage: (message: Message) => void,
    /** A room's history turned out not to match the one held (`room.resume` answered `conflict`). */
    private readonly onForeignHistory: (roomId: string) => void,
  ) {}

  loadOlder(roomId: string): Promise<void> {
    return this.run(`older:${roomId}`, roomId, async () => {
      this.requireRoom(roomId);
      const first = selectTimeline(this.ctx.store.getState(), roomId).covered[0];
      if (first && first.from <= 1) return;
      const command: CommandOf<'message.history'> = { type: 'message.history', roomId, limit: this.pageSize, ...(first ? { before: first.from } : {}) };
      await this.loadPage(roomId, 'older', command, first ? { from: 1, to: first.from - 1 } : null);
    });
  }

  loadNewer(roomId: string): Promise<void> {
    return this.run(`newer:${roomId}`, roomId, async () => {
      const room = this.requireRoom(roomId);
      const covered = selectTimeline(this.ctx.store.getState(), roomId).covered;
      const last = covered[covered.length - 1];
      if (!last) return this.loadOlder(roomId);
      if (last.to >= room.lastSequence) return;
      await this.loadPage(roomId, 'newer', { type: 'message.history', roomId, after: last.to, limit: this.pageSize }, null);
    });
  }

  fillGap(roomId: string, gap?: SequenceRange): Promise<void> {
    return this.run(`gap:${roomId}`, roomId, async () => {
      this.requireRoom(roomId);
      const state = this.ctx.store.getState();
      const target = gap ?? selectGaps(state, roomId)[0];
      if (!target) return;
      const limit = Math.min(state.limits.maxHistoryPage, Math.max(this.pageSize, target.to - target.from + 1));
      await this.loadPage(roomId, 'gap', { type: 'message.history', roomId, after: target.from - 1, limit }, null);
    });
  }

  loadThread(roomId: string, parentId: string): Promise<void> {
    return this.run(`thread:${parentId}`, roomId, async () => {
      this.requireRoom(roomId);
      const thread = selectThread(this.ctx.store.getState(), parentId);
      if (thread?.loaded && !thread.hasOlder) return;
      const before = thread?.loaded ? thread.replies.firstKey() : undefined;
      const generation = this.generationOf(roomId);
      updateTimelines(this.ctx.store, (slice) => withThreadState(slice, roomId, parentId, { loading: true, error: null }));
      try {
        const page = await this.read({ type: 'thread.history', roomId, parentId, limit: this.pageSize, ...(before !== undefined ? { before } : {}) });
        if (generation !== this.generationOf(roomId)) return;
        updateTimelines(this.ctx.store, (slice) => withReplies(slice, roomId, parentId, page.messages, page.hasMore, this.ctx.store.getState().me));
        this.confirmOwn(page.messages);
      } catch (error) {
        const chatError = toChatError(error);
        if (generation === this.generationOf(roomId)) {
          updateTimelines(this.ctx.store, (slice) => withThreadState(slice, roomId, parentId, { loading: false, error: chatError.toPayload() }));
        }
        throw chatError;
      }
    });
  }

  /** Asks for what each held room missed while the connection was down. */
  async resume(): Promise<void> {
    await Promise.all(
      resumePoints(this.ctx.store.getState().timelines).map(async ({ roomId, afterSequence }) => {
        const generation = this.generationOf(roomId);
        try {
          const result = await this.read({ type: 'room.resume', roomId, afterSequence });
          if (generation !== this.generationOf(roomId)) return;
          updateState(this.ctx.store, (state) => ({ rooms: withRoom(state.rooms, result.room) }));
          this.foldPage(roomId, result.messages, result.range);
        } catch (error) {
          const chatError = toChatError(error);
          if (chatError.code === 'conflict' && generation === this.generationOf(roomId)) this.onForeignHistory(roomId);
          else this.ctx.reportError(chatError);
        }
      }),
    );
  }

  /**
   * Loads a room again from scratch after its copy was thrown away: the room as the server has it
   * now and its newest messages (up to the server's replay bound), as one resume from the start.
   */
  async reload(roomId: string): Promise<void> {
    const generation = this.generationOf(roomId);
    updateTimelines(this.ctx.store, (slice) => withLoading(slice, roomId, 'older'));
    try {
      const result = await this.read({ type: 'room.resume', roomId, afterSequence: 0 });
      if (generation !== this.generationOf(roomId)) return;
      updateState(this.ctx.store, (state) => ({ rooms: withEntry(state.rooms, roomId, result.room) }));
      this.foldPage(roomId, result.messages, result.range);
      updateTimelines(this.ctx.store, (slice) => withLoading(slice, roomId, null));
    } catch (error) {
      const chatError = toChatError(error);
      if (generation === this.generationOf(roomId)) updateTimelines(this.ctx.store, (slice) => withLoading(slice, roomId, null, chatError.toPayload()));
      this.ctx.reportError(chatError);
    }
  }

  /** Forgets that anything was asked about a room: its copy was thrown away, so answers about it are dropped. */
  forgetRoom(roomId: string): void {
    this.generations.set(roomId, this.generationOf(roomId) + 1);
  }

  /** Sends a history read, waiting out the server's read limit (see {@link retryReadAfterMs}). */
  private async read<T extends 'message.history' | 'thread.history' | 'room.resume'>(command: CommandOf<T>): Promise<ResultOf<T>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.ctx.transport.request(command)) as ResultOf<T>;
      } catch (error) {
        const chatError = toChatError(error);
        const delayMs = this.ctx.isClosed() ? null : retryReadAfterMs(chatError, attempt);
        if (delayMs === null) throw chatError;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private generationOf(roomId: string): number {
    return this.generations.get(roomId) ?? 0;
  }

  /**
   * Runs a load of a room under a key, one at a time: a second call with the same key joins the
   * running one, unless the room's copy was thrown away since it started. For loads written beside
   * this class (such as loading around a sequence).
   */
  run(key: string, roomId: string, work: () => Promise<void>): Promise<void> {
    const generation = this.generationOf(roomId);
    const running = this.loads.get(key);
    if (running && this.loadGenerations.get(running) === generation) return running;
    const promise = work().finally(() => {
      if (this.loads.get(key) === promise) this.loads.delete(key);
    });
    this.loads.set(key, promise);
    this.loadGenerations.set(promise, generation);
    return promise;
  }

  private async loadPage(roomId: string, kind: 'older' | 'newer' | 'gap', command: CommandOf<'message.history'>, toEdge: SequenceRange | null): Promise<void> {
    const generation = this.generationOf(roomId);
    updateTimelines(this.ctx.store, (slice) => withLoading(slice, roomId, kind));
    try {
      const page = await this.read(command);
      if (generation !== this.generationOf(roomId)) return;
      this.foldPage(roomId, page.messages, coveredByPage(page.range, page.hasMore, toEdge));
      updateTimelines(this.ctx.store, (slice) => withLoading(slice, roomId, null));
    } catch (error) {
      const chatError = toChatError(error);
      if (generation === this.generationOf(roomId)) updateTimelines(this.ctx.store, (slice) => withLoading(slice, roomId, null, chatError.toPayload()));
      throw chatError;
    }
  }

  /** Folds messages of a page or a replay into the room (covering `range`), and confirms our own sends among them. */
  foldPage(roomId: string, messages: readonly Message[], range?: SequenceRange): void {
    updateTimelines(this.ctx.store, (slice) => withMessages(slice, roomId, messages, { me: this.ctx.store.getState().me, replace: true, ...(range ? { range } : {}) }));
    this.confirmOwn(messages);
  }

  private confirmOwn(messages: readonly Message[]): void {
    const me = this.ctx.store.getState().me;
    for (const message of messages) if (message.authorId === me) this.onOwnMessage(message);
  }

  private requireRoom(roomId: string): Room {
    const room = lookup(this.ctx.store.getState().rooms, roomId);
    if (!room) throw new ChatError('not_found', `You are not in a room "${roomId}".`);
    return room;
  }
}
