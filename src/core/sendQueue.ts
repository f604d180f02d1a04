import { ChatError, toChatError, type CommandOf, type Message } from '../protocol';
import { updateState, updateTimelines, type ClientContext } from './clientContext';
import type { OutboxStorage } from './outbox';
import { sendFailureVerdict, throttledUntil } from './sendRetry';
import { applyEvent, withCursor, withPending, withoutPendingMessage, type PendingMessage } from './store';

interface Waiter {
  resolve(message: Message): void;
  reject(error: ChatError): void;
}

/** Everything the client knows about one unconfirmed send, in one place. */
export interface SendRecord {
  pending: PendingMessage;
  /** The session the request went out on, while it is on the wire. */
  inFlightSession: number | null;
  /** Failed attempts in a row, for the backoff. */
  attempt: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  waiters: Waiter[];
}

/** The command that puts a pending send on the wire; the same client id every time. */
export function sendCommandOf(pending: PendingMessage): CommandOf<'message.send'> {
  return {
    type: 'message.send',
    roomId: pending.roomId,
    clientId: pending.clientId,
    text: pending.text,
    attachments: pending.attachments,
    mentions: pending.mentions,
    ...(pending.parentId !== undefined ? { parentId: pending.parentId } : {}),
    ...(pending.quotedId !== undefined ? { quotedId: pending.quotedId } : {}),
    ...(pending.customData !== undefined ? { customData: pending.customData } : {}),
    ...(pending.kind !== undefined ? { kind: pending.kind } : {}),
  };
}

/**
 * The first send of a room's queue that may go on the wire now, if any: one send per room is in
 * flight or waiting to retry at a time, so the server stores one person's messages in the order
 * they were made, whatever the rate limits and faults. Failed sends step aside.
 */
export function nextToSend(queue: readonly SendRecord[]): SendRecord | undefined {
  const head = queue.find((record) => record.pending.status === 'sending');
  return head && head.inFlightSession === null && head.retryTimer === null ? head : undefined;
}

/**
 * The outbox at work: every unconfirmed send is one record in its room's queue, in the order it
 * was made. Each room's queue leaves in order, one send at a time; a confirmed send leaves the
 * queue, a send refused for good stays as `failed` until retried (it then goes to the end) or
 * discarded.
 */
export class SendQueue {
  private readonly rooms = new Map<string, SendRecord[]>();

  constructor(
    private readonly ctx: ClientContext,
    private readonly outbox: OutboxStorage,
    private readonly random: () => number = Math.random,
  ) {}

  /** Takes back what a previous page left in the outbox; it goes out with the next session. */
  restore(entries: readonly PendingMessage[]): void {
    for (const entry of entries) {
      const pending: PendingMessage = { ...entry, status: 'sending' };
      this.append(pending);
      updateTimelines(this.ctx.store, (slice) => withPending(slice, pending));
    }
  }

  /** Queues a new send; resolves with the server's copy. */
  enqueue(pending: PendingMessage): Promise<Message> {
    const record = this.append(pending);
    this.show(record);
    this.persist(this.outbox.put(pending));
    const result = this.waitFor(record);
    this.pump(pending.roomId);
    return result;
  }

  /** Sends a failed message again, with the same client id, after everything queued in its room. */
  retry(clientId: string): Promise<Message> {
    const record = this.find(clientId);
    if (!record) return Promise.reject(new ChatError('not_found', 'There is no unsent message with that id.'));
    if (record.pending.status === 'sending') return this.waitFor(record);
    const { error: _error, ...rest } = record.pending;
    const queue = this.queueOf(record.pending.roomId);
    queue.splice(queue.indexOf(record), 1);
    queue.push(record);
    record.pending = { ...rest, status: 'sending' };
    record.attempt = 0;
    this.show(record);
    this.persist(this.outbox.put(record.pending));
    const result = this.waitFor(record);
    this.pump(record.pending.roomId);
    return result;
  }

  /** Drops a send that was not confirmed; whoever awaits it gets `conflict`. */
  discard(clientId: string): void {
    const record = this.find(clientId);
    if (!record) return;
    this.remove(record);
    updateTimelines(this.ctx.store, (slice) => withoutPendingMessage(slice, record.pending));
    this.settle(record, (waiter) => waiter.reject(new ChatError('conflict', 'The message was discarded before it was sent.')));
    this.pump(record.pending.roomId);
  }

  /** The server's copy of one of our sends arrived (as the answer, an event or in a page, whichever came first). */
  confirmed(message: Message): void {
    const record = this.queueOf(message.roomId).find((item) => item.pending.clientId === message.clientId);
    if (!record) return;
    this.remove(record);
    updateState(this.ctx.store, (state) =>
      state.me ? { cursors: withCursor(state.cursors, { roomId: message.roomId, userId: state.me, sequence: message.sequence, updatedAt: message.createdAt }) } : {},
    );
    this.settle(record, (waiter) => waiter.resolve(message));
    this.pump(message.roomId);
  }

  /** A session opened: every room's queue goes out again, in order, before anything newer. */
  resume(): void {
    for (const queue of this.rooms.values()) {
      for (const record of queue) {
        if (record.retryTimer) clearTimeout(record.retryTimer);
        record.retryTimer = null;
      }
    }
    for (const roomId of this.rooms.keys()) this.pump(roomId);
  }

  /** Shows a room's unconfirmed sends again (after its timeline was reloaded). */
  showRoom(roomId: string): void {
    for (const record of this.queueOf(roomId)) this.show(record);
  }

  /** Stops every retry timer (the client closed). */
  stop(): void {
    for (const queue of this.rooms.values()) {
      for (const record of queue) {
        if (record.retryTimer) clearTimeout(record.retryTimer);
        record.retryTimer = null;
      }
    }
  }

  /** Whether a send with this client id is waiting (sending or failed). */
  has(clientId: string): boolean {
    return this.find(clientId) !== undefined;
  }

  private append(pending: PendingMessage): SendRecord {
    const record: SendRecord = { pending, inFlightSession: null, attempt: 0, retryTimer: null, waiters: [] };
    const queue = this.rooms.get(pending.roomId);
    if (queue) queue.push(record);
    else this.rooms.set(pending.roomId, [record]);
    return record;
  }

  private queueOf(roomId: string): SendRecord[] {
    return this.rooms.get(roomId) ?? [];
  }

  private find(clientId: string): SendRecord | undefined {
    for (const queue of this.rooms.values()) {
      const record = queue.find((item) => item.pending.clientId === clientId);
      if (record) return record;
    }
    return undefined;
  }

  private remove(record: SendRecord): void {
    const queue = this.queueOf(record.pending.roomId);
    const index = queue.indexOf(record);
    if (index !== -1) queue.splice(index, 1);
    if (queue.length === 0) this.rooms.delete(record.pending.roomId);
    if (record.retryTimer) clearTimeout(record.retryTimer);
    record.retryTimer = null;
    this.persist(this.outbox.remove(record.pending.clientId));
  }

  private show(record: SendRecord): void {
    updateTimelines(this.ctx.store, (slice) => withPending(slice, record.pending));
  }

  private waitFor(record: SendRecord): Promise<Message> {
    return new Promise<Message>((resolve, reject) => record.waiters.push({ resolve, reject }));
  }

  private settle(record: SendRecord, action: (waiter: Waiter) => void): void {
    const waiters = record.waiters;
    record.waiters = [];
    waiters.forEach(action);
  }

  private persist(work: Promise<void>): void {
    work.catch((error: unknown) => this.ctx.reportError(toChatError(error)));
  }

  private isQueued(record: SendRecord): boolean {
    return this.queueOf(record.pending.roomId).includes(record);
  }

  /** Puts the room's next send on the wire, if it may go now. */
  private pump(roomId: string): void {
    if (!this.ctx.isOnline() || this.ctx.isClosed()) return;
    const record = nextToSend(this.queueOf(roomId));
    if (record) this.dispatch(record);
  }

  private dispatch(record: SendRecord): void {
    this.dispatchClearingThrottle(record);
    const session = this.ctx.sessionCount();
    record.inFlightSession = session;
    this.ctx.transport.request(sendCommandOf(record.pending)).then(
      (message) => {
        record.inFlightSession = null;
        updateState(this.ctx.store, (state) => applyEvent(state, { type: 'message.created', message }, this.ctx.now()));
        this.confirmed(message);
      },
      (reason: unknown) => {
        record.inFlightSession = null;
        if (!this.isQueued(record) || this.ctx.isClosed()) return;
        const error = toChatError(reason);
        record.attempt += 1;
        const verdict = sendFailureVerdict(error, {
          online: this.ctx.isOnline(),
          newerSession: this.ctx.sessionCount() !== session,
          attempt: record.attempt,
          random: this.random,
        });
        if (verdict.kind === 'fail') this.fail(record, error);
        const until = verdict.kind === 'retryAfter' ? throttledUntil(error, this.ctx.now()) : undefined;
        if (until !== undefined) this.throttle(record, until);
        if (verdict.kind === 'retryAfter') {
          record.retryTimer = setTimeout(() => {
            record.retryTimer = null;
            this.pump(record.pending.roomId);
          }, verdict.delayMs);
        }
        // `awaitSession` waits for resume(); the others send the room's next (or this one) now or later.
        this.pump(record.pending.roomId);
      },
    );
  }

  /** Shows that the flood limit holds this send until `until`; the next attempt clears it. */
  private throttle(record: SendRecord, until: number): void {
    record.pending = { ...record.pending, throttledUntil: until };
    this.show(record);
  }

  private dispatchClearingThrottle(record: SendRecord): void {
    if (record.pending.throttledUntil === undefined) return;
    const { throttledUntil: _until, ...rest } = record.pending;
    record.pending = rest;
    this.show(record);
  }

  private fail(record: SendRecord, error: ChatError): void {
    const { throttledUntil: _until, ...pending } = record.pending;
    record.pending = { ...pending, status: 'failed', error: error.toPayload() };
    // A send that failed for good is not retried by itself, so a reload need not keep it.
    this.persist(this.outbox.remove(record.pending.clientId));
    this.show(record);
    this.settle(record, (waiter) => waiter.reject(error));
  }
}
