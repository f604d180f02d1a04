import {
  ChatError,
  codePointLength,
  isRetryable,
  toChatError,
  TYPING_TTL_MS,
  type Attachment,
  type CommandOf,
  type CommandType,
  type CustomData,
  type Message,
  type ResultOf,
  type Role,
  type Room,
  type SequenceRange,
  type ServerEvent,
  type SessionSnapshot,
  type User,
} from '../protocol';
import { loadAround } from './loadAround';
import { createMemoryOutbox, type OutboxStorage } from './outbox';
import {
  applyEvent,
  applySnapshot,
  checkCustomDataSize,
  checkMessageText,
  createChatStore,
  lookup,
  nextTypingExpiry,
  pruneTyping,
  selectCursor,
  selectGaps,
  selectThread,
  selectTimeline,
  withCursor,
  withLoading,
  withMessages,
  withPending,
  withReplies,
  withRoom,
  withThreadState,
  withUpdatedMessage,
  withUser,
  withoutPendingMessage,
  type ChatState,
  type ChatStore,
  type PendingMessage,
  type TimelinesSlice,
} from './store';
import { forgetRoom } from './store/events';
import type { ConnectionStatus, Transport } from './transport';

/**
 * Options of {@link createChatClient}.
 *
 * @example
 * const client = createChatClient({ transport, typingThrottleMs: 3000, onError: console.warn });
 */
export interface ChatClientOptions {
  transport: Transport;
  /** Where unsent messages wait. Default: in memory. */
  outbox?: OutboxStorage;
  /** The clock, for typing expiry and pending timestamps. Default `Date.now`. */
  now?: () => number;
  /** At most one typing notice per room this often, in ms. Default 2000 (notices last 5000). */
  typingThrottleMs?: number;
  /** Messages per history page. Default 50. */
  pageSize?: number;
  /** Makes idempotency keys for sends. Default: 128 random bits. */
  createClientId?: () => string;
  /** Failures of background work (resume, outbox, read cursors) that no caller awaits. */
  onError?: (error: ChatError) => void;
}

/**
 * What a person writes. Only `text` (or an attachment) is required.
 *
 * @example
 * await client.sendMessage('general', { text: 'See you at 3?', mentions: ['bo'] });
 */
export interface SendMessageInput {
  text: string;
  attachments?: Attachment[];
  mentions?: string[];
  /** Makes this a reply in the thread of that message. */
  parentId?: string;
  /** Quotes that message. */
  quotedId?: string;
  customData?: CustomData;
}

/**
 * A framework-free chat client: commands go out through the transport, server events fold into
 * `store`, and anything (React hooks, another framework, a test) reads the store.
 *
 * @example
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 * await client.connect();
 * await client.loadOlder('general');
 * await client.sendMessage('general', { text: 'Hello' });
 * client.store.getState().timelines;
 */
export interface ChatClient {
  readonly store: ChatStore;
  /** Opens the transport; resolves when the first session is open. */
  connect(): Promise<void>;
  /** Closes the transport and stops every timer. */
  close(): void;

  /** Sends optimistically: the message shows as `sending` at once and resolves with the server's copy. */
  sendMessage(roomId: string, input: SendMessageInput): Promise<Message>;
  /** Sends a failed message again with the same client id. */
  retrySend(clientId: string): Promise<Message>;
  /** Drops a pending or failed message that was not confirmed. */
  discardPending(clientId: string): void;
  editMessage(roomId: string, messageId: string, input: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message>;
  deleteMessage(roomId: string, messageId: string): Promise<Message>;
  toggleReaction(roomId: string, messageId: string, emoji: string): Promise<Message>;
  /** Moves the signed-in user's read cursor forward to `sequence` (default: the room's newest). */
  markRead(roomId: string, sequence?: number): Promise<void>;
  /** Tells the room the user is typing; throttled, so call it on every keystroke. */
  notifyTyping(roomId: string): void;
  stopTyping(roomId: string): void;

  /** Loads the page before the oldest held message (the newest page when none is held). */
  loadOlder(roomId: string): Promise<void>;
  /** Loads the page after the newest held message. */
  loadNewer(roomId: string): Promise<void>;
  /** Loads one page into a gap (the oldest gap by default). */
  fillGap(roomId: string, gap?: SequenceRange): Promise<void>;
  /** Loads the pages before and from `sequence` (e.g. the first unread), to open a room there. */
  loadAround(roomId: string, sequence: number): Promise<void>;
  /** Loads a thread's newest replies, or the page before those held. */
  loadThread(roomId: string, parentId: string): Promise<void>;

  createRoom(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room>;
  updateRoom(roomId: string, patch: { name?: string; customData?: CustomData }): Promise<Room>;
  deleteRoom(roomId: string): Promise<void>;
  joinRoom(roomId: string): Promise<Room>;
  leaveRoom(roomId: string): Promise<void>;
  addMembers(roomId: string, userIds: string[]): Promise<Room>;
  removeMembers(roomId: string, userIds: string[]): Promise<Room>;
  setRole(roomId: string, userId: string, role: Role): Promise<Room>;
  listPublicRooms(): Promise<Room[]>;
  /** Finds or creates the direct room with one person. */
  openDirectRoom(userId: string): Promise<Room>;

  blockUser(userId: string): Promise<void>;
  unblockUser(userId: string): Promise<void>;
  updateProfile(patch: { name?: string; avatarUrl?: string; customData?: CustomData }): Promise<User>;
  getUsers(userIds: string[]): Promise<User[]>;

  /** Sends any command as is; the escape hatch for what has no method yet. */
  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>>;
}

interface Waiter {
  resolve(message: Message): void;
  reject(error: ChatError): void;
}

const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30_000;

function randomClientId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `c_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Creates a chat client over a transport.
 *
 * @example
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 * await client.connect();
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new DefaultChatClient(options);
}

class DefaultChatClient implements ChatClient {
  readonly store: ChatStore = createChatStore();
  private readonly transport: Transport;
  private readonly outbox: OutboxStorage;
  private readonly now: () => number;
  private readonly typingThrottleMs: number;
  private readonly pageSize: number;
  private readonly createClientId: () => string;
  private readonly reportError: (error: ChatError) => void;

  /** Unconfirmed sends in the order they were made; the wire order on every (re)connect. */
  private readonly unsent = new Map<string, PendingMessage>();
  private readonly inFlight = new Set<string>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly retryAttempts = new Map<string, number>();
  private readonly loads = new Map<string, Promise<void>>();
  private readonly typingSentAt = new Map<string, number>();
  private readonly readTargets = new Map<string, number>();
  private readonly readsInFlight = new Set<string>();
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private online = false;
  private closed = false;
  private connecting: Promise<void> | null = null;

  constructor(options: ChatClientOptions) {
    this.transport = options.transport;
    this.outbox = options.outbox ?? createMemoryOutbox();
    this.now = options.now ?? Date.now;
    this.typingThrottleMs = options.typingThrottleMs ?? 2000;
    this.pageSize = options.pageSize ?? 50;
    this.createClientId = options.createClientId ?? randomClientId;
    this.reportError = options.onError ?? (() => {});
  }

  private get state(): ChatState {
    return this.store.getState();
  }

  private update(change: (state: ChatState) => Partial<ChatState>): void {
    this.store.setState((state) => change(state));
  }

  private updateTimelines(change: (slice: TimelinesSlice) => TimelinesSlice): void {
    this.update((state) => {
      const next = change(state);
      return next === state ? {} : { timelines: next.timelines, threads: next.threads };
    });
  }

  connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      const saved = await this.outbox.load();
      for (const entry of saved) {
        const pending: PendingMessage = { ...entry, status: 'sending' };
        this.unsent.set(pending.clientId, pending);
        this.updateTimelines((slice) => withPending(slice, pending));
      }
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        this.transport.open({
          onSession: (snapshot) => {
            this.handleSession(snapshot);
            if (!settled) {
              settled = true;
              resolve();
            }
          },
          onEvent: (event) => this.handleEvent(event),
          onStatus: (status) => {
            this.handleStatus(status);
            if (!settled && (status.state === 'closed' || status.state === 'offline')) {
              settled = true;
              const error = status.error ? ChatError.fromPayload(status.error) : new ChatError('unavailable', status.reason ?? 'Could not connect.');
              reject(error);
            }
          },
        });
      });
    })();
    return this.connecting;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.online = false;
    this.transport.close();
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
  }

  // ---- transport callbacks -------------------------------------------------------------------

  private handleStatus(status: ConnectionStatus): void {
    this.online = status.state === 'online';
    this.update(() => ({ connection: status }));
  }

  private handleSession(snapshot: SessionSnapshot): void {
    this.online = true;
    const now = this.now();
    this.update((state) => ({ ...applySnapshot(state, snapshot, now), connection: { state: 'online' } }));
    this.scheduleTypingPrune();
    // The outbox goes first, in order, so that nothing sent later can overtake it on the wire.
    for (const pending of this.unsent.values()) if (pending.status === 'sending') this.dispatch(pending);
    void this.resumeRooms();
  }

  private handleEvent(event: ServerEvent): void {
    const now = this.now();
    this.update((state) => applyEvent(state, event, now));
    if (event.type === 'message.created' && event.message.authorId === this.state.me) this.confirmed(event.message);
    if (event.type === 'typing.started' || event.type === 'message.created') this.scheduleTypingPrune();
  }

  /** Asks for what each held room missed while the connection was down. */
  private async resumeRooms(): Promise<void> {
    const state = this.state;
    const rooms = Object.entries(state.timelines).flatMap(([roomId, timeline]) => {
      const last = timeline.covered[timeline.covered.length - 1];
      return last ? [{ roomId, afterSequence: last.to }] : [];
    });
    await Promise.all(
      rooms.map(async ({ roomId, afterSequence }) => {
        try {
          const result = await this.transport.request({ type: 'room.resume', roomId, afterSequence });
          this.update((current) => ({ rooms: withRoom(current.rooms, result.room) }));
          this.foldMessages(roomId, result.messages, result.range);
        } catch (error) {
          this.reportError(toChatError(error));
        }
      }),
    );
  }

  private foldMessages(roomId: string, messages: readonly Message[], range?: SequenceRange): void {
    this.update((state) => {
      const next = withMessages(state, roomId, messages, { me: state.me, replace: true, ...(range ? { range } : {}) });
      return next === state ? {} : { timelines: next.timelines, threads: next.threads };
    });
    const me = this.state.me;
    for (const message of messages) if (message.authorId === me) this.confirmed(message);
  }

  private scheduleTypingPrune(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    const next = nextTypingExpiry(this.state.typing);
    if (next === undefined || this.closed) return;
    this.typingTimer = setTimeout(() => {
      this.typingTimer = null;
      this.update((state) => {
        const typing = pruneTyping(state.typing, this.now());
        return typing === state.typing ? {} : { typing };
      });
      this.scheduleTypingPrune();
    }, Math.max(0, next - this.now()));
  }

  // ---- sending -------------------------------------------------------------------------------

  // The rules live in store/timelines.ts (checkMessageText, validateMessage) so composers can show them before sending.
  private checkText(text: string, hasAttachments: boolean): void {
    const problem = checkMessageText(text, { hasAttachments, limits: this.state.limits });
    if (problem) throw problem;
  }

  private checkCustomData(customData: CustomData | undefined): void {
    const problem = checkCustomDataSize(customData, this.state.limits);
    if (problem) throw problem;
  }

  sendMessage(roomId: string, input: SendMessageInput): Promise<Message> {
    try {
      const state = this.state;
      if (!state.me) throw new ChatError('unavailable', 'Not signed in yet: call connect() first.');
      if (!lookup(state.rooms, roomId)) throw new ChatError('not_found', `You are not in a room "${roomId}".`);
      this.checkText(input.text, (input.attachments?.length ?? 0) > 0);
      this.checkCustomData(input.customData);
      const pending: PendingMessage = {
        clientId: this.createClientId(),
        roomId,
        authorId: state.me,
        text: input.text,
        attachments: input.attachments ?? [],
        mentions: input.mentions ?? [],
        createdAt: this.now(),
        status: 'sending',
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
        ...(input.quotedId !== undefined ? { quotedId: input.quotedId } : {}),
        ...(input.customData !== undefined ? { customData: input.customData } : {}),
      };
      this.typingSentAt.delete(roomId);
      return this.enqueue(pending);
    } catch (error) {
      return Promise.reject(toChatError(error));
    }
  }

  retrySend(clientId: string): Promise<Message> {
    const pending = this.unsent.get(clientId);
    if (!pending) return Promise.reject(new ChatError('not_found', 'There is no unsent message with that id.'));
    if (pending.status === 'sending') return this.waitFor(clientId);
    this.retryAttempts.delete(clientId);
    const { error: _error, ...rest } = pending;
    return this.enqueue({ ...rest, status: 'sending' });
  }

  discardPending(clientId: string): void {
    const pending = this.unsent.get(clientId);
    if (!pending) return;
    this.forgetUnsent(clientId);
    this.updateTimelines((slice) => withoutPendingMessage(slice, pending));
    this.settle(clientId, (waiter) => waiter.reject(new ChatError('conflict', 'The message was discarded before it was sent.')));
  }

  private enqueue(pending: PendingMessage): Promise<Message> {
    this.unsent.set(pending.clientId, pending);
    this.updateTimelines((slice) => withPending(slice, pending));
    this.persist(this.outbox.put(pending));
    const result = this.waitFor(pending.clientId);
    if (this.online) this.dispatch(pending);
    return result;
  }

  private waitFor(clientId: string): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      const list = this.waiters.get(clientId) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(clientId, list);
    });
  }

  private settle(clientId: string, action: (waiter: Waiter) => void): void {
    const list = this.waiters.get(clientId);
    this.waiters.delete(clientId);
    list?.forEach(action);
  }

  private persist(work: Promise<void>): void {
    work.catch((error: unknown) => this.reportError(toChatError(error)));
  }

  private forgetUnsent(clientId: string): void {
    this.unsent.delete(clientId);
    this.inFlight.delete(clientId);
    this.retryAttempts.delete(clientId);
    const timer = this.retryTimers.get(clientId);
    if (timer) clearTimeout(timer);
    this.retryTimers.delete(clientId);
    this.persist(this.outbox.remove(clientId));
  }

  /** Puts one pending send on the wire. Retryable failures keep it waiting; others mark it failed. */
  private dispatch(pending: PendingMessage): void {
    if (this.inFlight.has(pending.clientId) || this.closed) return;
    this.inFlight.add(pending.clientId);
    const command: CommandOf<'message.send'> = {
      type: 'message.send',
      roomId: pending.roomId,
      clientId: pending.clientId,
      text: pending.text,
      attachments: pending.attachments,
      mentions: pending.mentions,
      ...(pending.parentId !== undefined ? { parentId: pending.parentId } : {}),
      ...(pending.quotedId !== undefined ? { quotedId: pending.quotedId } : {}),
      ...(pending.customData !== undefined ? { customData: pending.customData } : {}),
    };
    this.transport.request(command).then(
      (message) => {
        this.inFlight.delete(pending.clientId);
        this.update((state) => applyEvent(state, { type: 'message.created', message }, this.now()));
        this.confirmed(message);
      },
      (reason: unknown) => {
        this.inFlight.delete(pending.clientId);
        const error = toChatError(reason);
        if (!this.unsent.has(pending.clientId)) return;
        if (isRetryable(error)) this.scheduleRetry(pending, error);
        else this.fail(pending, error);
      },
    );
  }

  private scheduleRetry(pending: PendingMessage, error: ChatError): void {
    // `unavailable` waits for the next session, which flushes the outbox; the others back off.
    if (error.code === 'unavailable' && !this.online) return;
    const attempt = (this.retryAttempts.get(pending.clientId) ?? 0) + 1;
    this.retryAttempts.set(pending.clientId, attempt);
    const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
    const delay = error.retryAfterMs ?? Math.random() * backoff;
    this.retryTimers.set(
      pending.clientId,
      setTimeout(() => {
        this.retryTimers.delete(pending.clientId);
        const current = this.unsent.get(pending.clientId);
        if (current && current.status === 'sending' && this.online) this.dispatch(current);
      }, delay),
    );
  }

  private fail(pending: PendingMessage, error: ChatError): void {
    const failed: PendingMessage = { ...pending, status: 'failed', error: error.toPayload() };
    this.unsent.set(pending.clientId, failed);
    // A send that failed for good is not retried by itself, so a reload need not keep it.
    this.persist(this.outbox.remove(pending.clientId));
    this.updateTimelines((slice) => withPending(slice, failed));
    this.settle(pending.clientId, (waiter) => waiter.reject(error));
  }

  /** The server's copy of one of our sends arrived (as the answer or as the event, whichever came first). */
  private confirmed(message: Message): void {
    if (!this.unsent.has(message.clientId)) return;
    this.forgetUnsent(message.clientId);
    this.update((state) => (state.me ? { cursors: withCursor(state.cursors, { roomId: message.roomId, userId: state.me, sequence: message.sequence, updatedAt: message.createdAt }) } : {}));
    this.settle(message.clientId, (waiter) => waiter.resolve(message));
  }

  // ---- other message commands ----------------------------------------------------------------

  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
    return this.transport.request(command);
  }

  async editMessage(roomId: string, messageId: string, input: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message> {
    this.checkText(input.text, true);
    this.checkCustomData(input.customData);
    const message = await this.transport.request({ type: 'message.edit', roomId, messageId, ...input });
    this.updateTimelines((slice) => withUpdatedMessage(slice, message));
    return message;
  }

  async deleteMessage(roomId: string, messageId: string): Promise<Message> {
    const message = await this.transport.request({ type: 'message.delete', roomId, messageId });
    this.updateTimelines((slice) => withUpdatedMessage(slice, message));
    return message;
  }

  async toggleReaction(roomId: string, messageId: string, emoji: string): Promise<Message> {
    const message = await this.transport.request({ type: 'reaction.toggle', roomId, messageId, emoji });
    this.updateTimelines((slice) => withUpdatedMessage(slice, message));
    return message;
  }

  async markRead(roomId: string, sequence?: number): Promise<void> {
    const state = this.state;
    const room = lookup(state.rooms, roomId);
    if (!room || !state.me) return;
    const target = Math.min(sequence ?? room.lastSequence, room.lastSequence);
    const current = selectCursor(state, roomId, state.me)?.sequence ?? 0;
    if (target <= current && target <= (this.readTargets.get(roomId) ?? 0)) return;
    this.readTargets.set(roomId, Math.max(target, this.readTargets.get(roomId) ?? 0));
    const me = state.me;
    this.update((s) => ({ cursors: withCursor(s.cursors, { roomId, userId: me, sequence: target, updatedAt: this.now() }) }));
    if (this.readsInFlight.has(roomId)) return;
    // One request per room at a time; a newer target goes out when it answers.
    this.readsInFlight.add(roomId);
    try {
      let sent = 0;
      while ((this.readTargets.get(roomId) ?? 0) > sent) {
        sent = this.readTargets.get(roomId) ?? 0;
        const cursor = await this.transport.request({ type: 'cursor.set', roomId, sequence: sent });
        this.update((s) => ({ cursors: withCursor(s.cursors, cursor) }));
      }
    } catch (error) {
      this.reportError(toChatError(error));
    } finally {
      this.readsInFlight.delete(roomId);
    }
  }

  notifyTyping(roomId: string): void {
    const now = this.now();
    const last = this.typingSentAt.get(roomId);
    if (!this.online || (last !== undefined && now - last < this.typingThrottleMs)) return;
    this.typingSentAt.set(roomId, now);
    this.transport.request({ type: 'typing.start', roomId }).catch((error: unknown) => this.reportError(toChatError(error)));
  }

  stopTyping(roomId: string): void {
    const last = this.typingSentAt.get(roomId);
    this.typingSentAt.delete(roomId);
    if (!this.online || last === undefined || this.now() - last >= TYPING_TTL_MS) return;
    this.transport.request({ type: 'typing.stop', roomId }).catch((error: unknown) => this.reportError(toChatError(error)));
  }

  // ---- history -------------------------------------------------------------------------------

  /** One load per room and direction at a time; a second call joins the first. */
  private once(key: string, work: () => Promise<void>): Promise<void> {
    const running = this.loads.get(key);
    if (running) return running;
    const promise = work().finally(() => this.loads.delete(key));
    this.loads.set(key, promise);
    return promise;
  }

  private async loadPage(roomId: string, kind: 'older' | 'newer' | 'gap', command: CommandOf<'message.history'>, coverToEdge: SequenceRange | null): Promise<void> {
    this.updateTimelines((slice) => withLoading(slice, roomId, kind));
    try {
      const page = await this.transport.request(command);
      // A last page covers everything up to the edge, even sequences with nothing visible in them.
      const range = !page.hasMore && coverToEdge ? { from: Math.min(page.range.from, coverToEdge.from), to: Math.max(page.range.to, coverToEdge.to) } : page.range;
      this.foldMessages(roomId, page.messages, range);
      this.updateTimelines((slice) => withLoading(slice, roomId, null));
    } catch (error) {
      const chatError = toChatError(error);
      this.updateTimelines((slice) => withLoading(slice, roomId, null, chatError.toPayload()));
      throw chatError;
    }
  }

  loadOlder(roomId: string): Promise<void> {
    return this.once(`older:${roomId}`, async () => {
      this.requireRoom(roomId);
      const first = selectTimeline(this.state, roomId).covered[0];
      if (first && first.from <= 1) return;
      const command: CommandOf<'message.history'> = { type: 'message.history', roomId, limit: this.pageSize, ...(first ? { before: first.from } : {}) };
      await this.loadPage(roomId, 'older', command, first ? { from: 1, to: first.from - 1 } : null);
    });
  }

  loadNewer(roomId: string): Promise<void> {
    return this.once(`newer:${roomId}`, async () => {
      const room = this.requireRoom(roomId);
      const covered = selectTimeline(this.state, roomId).covered;
      const last = covered[covered.length - 1];
      if (!last) return this.loadOlder(roomId);
      if (last.to >= room.lastSequence) return;
      await this.loadPage(roomId, 'newer', { type: 'message.history', roomId, after: last.to, limit: this.pageSize }, null);
    });
  }

  fillGap(roomId: string, gap?: SequenceRange): Promise<void> {
    return this.once(`gap:${roomId}`, async () => {
      this.requireRoom(roomId);
      const target = gap ?? selectGaps(this.state, roomId)[0];
      if (!target) return;
      const limit = Math.min(this.state.limits.maxHistoryPage, Math.max(this.pageSize, target.to - target.from + 1));
      await this.loadPage(roomId, 'gap', { type: 'message.history', roomId, after: target.from - 1, limit }, null);
    });
  }

  loadAround(roomId: string, sequence: number): Promise<void> {
    // Under the key of loadOlder: a first-page load asked at the same time joins this one.
    const host = { store: this.store, pageSize: this.pageSize, request: this.transport.request.bind(this.transport), fold: this.foldMessages.bind(this) };
    return this.once(`older:${roomId}`, () => loadAround(host, roomId, sequence));
  }

  loadThread(roomId: string, parentId: string): Promise<void> {
    return this.once(`thread:${parentId}`, async () => {
      this.requireRoom(roomId);
      const thread = selectThread(this.state, parentId);
      if (thread?.loaded && !thread.hasOlder) return;
      const before = thread?.loaded ? thread.replies.firstKey() : undefined;
      this.updateTimelines((slice) => withThreadState(slice, roomId, parentId, { loading: true, error: null }));
      try {
        const page = await this.transport.request({ type: 'thread.history', roomId, parentId, limit: this.pageSize, ...(before !== undefined ? { before } : {}) });
        this.updateTimelines((slice) => withReplies(slice, roomId, parentId, page.messages, page.hasMore, this.state.me));
        for (const reply of page.messages) if (reply.authorId === this.state.me) this.confirmed(reply);
      } catch (error) {
        const chatError = toChatError(error);
        this.updateTimelines((slice) => withThreadState(slice, roomId, parentId, { loading: false, error: chatError.toPayload() }));
        throw chatError;
      }
    });
  }

  private requireRoom(roomId: string): Room {
    const room = lookup(this.state.rooms, roomId);
    if (!room) throw new ChatError('not_found', `You are not in a room "${roomId}".`);
    return room;
  }

  // ---- rooms and people ----------------------------------------------------------------------

  private keepRoom(room: Room): Room {
    this.update((state) => ({ rooms: withRoom(state.rooms, room) }));
    return room;
  }

  private checkRoomName(name: string | undefined): void {
    if (name === undefined) return;
    const { maxRoomNameLength } = this.state.limits;
    const length = codePointLength(name.trim());
    if (length === 0) throw new ChatError('invalid', 'A room name must not be empty.');
    if (length > maxRoomNameLength) throw new ChatError('too_large', `A room name is at most ${maxRoomNameLength} characters; this one has ${length}.`);
  }

  async createRoom(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room> {
    this.checkRoomName(input.name);
    this.checkCustomData(input.customData);
    return this.keepRoom(await this.transport.request({ type: 'room.create', ...input }));
  }

  async updateRoom(roomId: string, patch: { name?: string; customData?: CustomData }): Promise<Room> {
    this.checkRoomName(patch.name);
    this.checkCustomData(patch.customData);
    return this.keepRoom(await this.transport.request({ type: 'room.update', roomId, ...patch }));
  }

  async deleteRoom(roomId: string): Promise<void> {
    await this.transport.request({ type: 'room.delete', roomId });
    this.update((state) => forgetRoom(state, roomId));
  }

  async joinRoom(roomId: string): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'room.join', roomId }));
  }

  async leaveRoom(roomId: string): Promise<void> {
    await this.transport.request({ type: 'room.leave', roomId });
    this.update((state) => forgetRoom(state, roomId));
  }

  async addMembers(roomId: string, userIds: string[]): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'room.addMembers', roomId, userIds }));
  }

  async removeMembers(roomId: string, userIds: string[]): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'room.removeMembers', roomId, userIds }));
  }

  async setRole(roomId: string, userId: string, role: Role): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'room.setRole', roomId, userId, role }));
  }

  listPublicRooms(): Promise<Room[]> {
    return this.transport.request({ type: 'room.listPublic' });
  }

  async openDirectRoom(userId: string): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'direct.open', userId }));
  }

  async blockUser(userId: string): Promise<void> {
    const { blockedUserIds } = await this.transport.request({ type: 'user.block', userId });
    this.update(() => ({ blockedUserIds }));
  }

  async unblockUser(userId: string): Promise<void> {
    const { blockedUserIds } = await this.transport.request({ type: 'user.unblock', userId });
    this.update(() => ({ blockedUserIds }));
  }

  async updateProfile(patch: { name?: string; avatarUrl?: string; customData?: CustomData }): Promise<User> {
    this.checkCustomData(patch.customData);
    const user = await this.transport.request({ type: 'user.update', ...patch });
    this.update((state) => withUser(state, user));
    return user;
  }

  async getUsers(userIds: string[]): Promise<User[]> {
    const users = await this.transport.request({ type: 'user.get', userIds });
    this.update((state) => {
      let next: Partial<ChatState> = {};
      for (const user of users) next = { ...next, ...withUser({ ...state, ...next }, user) };
      return next;
    });
    return users;
  }
}
