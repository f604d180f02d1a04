import { ChatError, type CommandOf, type CommandType, type ResultOf, type ServerEvent } from '../../src/protocol';
import type { Transport, TransportListener } from '../../src/core';
import type { ReferenceServer, ServerSession } from '../../src/server';

/**
 * A transport whose network the test drives by hand: requests reach the server at once, but their
 * answers and the pushed events wait in queues until the test delivers them, in any order, once or
 * twice. It lets a test produce every interleaving a real network could.
 */
export class ScriptedTransport implements Transport {
  private listener: TransportListener | null = null;
  private session: ServerSession | null = null;
  readonly answers: Array<() => void> = [];
  readonly events: ServerEvent[] = [];
  readonly delivered: ServerEvent[] = [];

  constructor(
    private readonly server: ReferenceServer,
    readonly userId: string,
  ) {}

  open(listener: TransportListener): void {
    this.listener = listener;
    this.startSession();
  }

  /** Drops the session (answers and events in flight are lost) and opens a new one. */
  reconnect(): void {
    const lost = this.answers.splice(0);
    this.events.splice(0);
    this.session?.close();
    this.session = null;
    this.listener?.onStatus({ state: 'reconnecting', retryAt: 0, attempt: 1 });
    for (const answer of lost) answer();
    this.startSession();
  }

  private startSession(): void {
    const session = this.server.connect(this.userId, (event) => {
      if (this.session === session) this.events.push(structuredClone(event));
    });
    this.session = session;
    this.listener?.onStatus({ state: 'online' });
    this.listener?.onSession(structuredClone(session.snapshot()));
  }

  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
    const session = this.session;
    return new Promise((resolve, reject) => {
      if (!session) return reject(new ChatError('unavailable', 'Not connected.'));
      const outcome = session.handle<T>(structuredClone(command));
      this.answers.push(() => {
        // As the Transport contract says: a ChatError `unavailable`, so the client knows it may retry.
        if (this.session !== session) reject(new ChatError('unavailable', 'The connection dropped before the answer arrived.'));
        else if (outcome.ok) resolve(structuredClone(outcome.value));
        else reject(outcome.error);
      });
    });
  }

  /** Delivers the answer at `index` (modulo the queue), if any. */
  deliverAnswer(index: number): void {
    if (this.answers.length === 0) return;
    const [answer] = this.answers.splice(index % this.answers.length, 1);
    answer?.();
  }

  /** Delivers the event at `index` (modulo the queue), if any: out of order when index > 0. */
  deliverEvent(index: number): void {
    if (this.events.length === 0) return;
    const [event] = this.events.splice(index % this.events.length, 1);
    if (!event) return;
    this.delivered.push(event);
    this.listener?.onEvent(structuredClone(event));
  }

  /** Delivers again an event already delivered. */
  duplicateEvent(index: number): void {
    if (this.delivered.length === 0) return;
    const event = this.delivered[index % this.delivered.length];
    if (event) this.listener?.onEvent(structuredClone(event));
  }

  deliverEverything(): void {
    while (this.answers.length > 0 || this.events.length > 0) {
      this.deliverAnswer(0);
      this.deliverEvent(0);
    }
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }
}
