import { ChatError, type CommandOf, type CommandType, type ResultOf, type SessionSnapshot } from '../../src/protocol';
import type { Transport, TransportListener } from '../../src/core';
import type { ReferenceServer, ServerSession } from '../../src/server';

/**
 * A transport in front of one reference server at a time, as a client sees a host that dies and
 * comes back with another store: `kill()` ends the server (requests fail `unavailable`, answers
 * on their way are lost), `replaceWith(server)` opens a session on the new one. Answers and events
 * arrive in order, each in its own task as frames of a socket do; `holdAnswers()` keeps answers
 * back so they are lost with the server.
 */
export class SwitchableTransport implements Transport {
  private listener: TransportListener | null = null;
  private session: ServerSession | null = null;
  private holding = false;
  private readonly held: Array<{ deliver(): void; lose(): void }> = [];
  readonly requests: CommandOf<CommandType>[] = [];

  constructor(
    private server: ReferenceServer,
    readonly userId: string,
    /** Changes each snapshot on its way, as a lagging replica might answer. */
    private readonly editSnapshot: (snapshot: SessionSnapshot) => SessionSnapshot = (snapshot) => snapshot,
  ) {}

  open(listener: TransportListener): void {
    this.listener = listener;
    this.startSession();
  }

  /** Keeps every answer back from now on, until the server is killed (they are lost) or `releaseAnswers()`. */
  holdAnswers(): void {
    this.holding = true;
  }

  releaseAnswers(): void {
    this.holding = false;
    for (const answer of this.held.splice(0)) answer.deliver();
  }

  /** The server dies: its session ends and the answers still on their way are lost. */
  kill(): void {
    this.session?.close();
    this.session = null;
    this.holding = false;
    for (const answer of this.held.splice(0)) answer.lose();
    this.listener?.onStatus({ state: 'reconnecting', retryAt: Date.now() + 1000, attempt: 1 });
  }

  /** Another server takes the dead one's place (a restart with a wiped or restored store). */
  replaceWith(server: ReferenceServer): void {
    this.server = server;
    this.startSession();
  }

  private startSession(): void {
    const session = this.server.connect(this.userId, (event) => {
      const copy = structuredClone(event);
      setTimeout(() => {
        if (this.session === session) this.listener?.onEvent(copy);
      }, 0);
    });
    this.session = session;
    this.listener?.onStatus({ state: 'online' });
    this.listener?.onSession(this.editSnapshot(structuredClone(session.snapshot())));
  }

  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
    this.requests.push(structuredClone(command) as CommandOf<CommandType>);
    const session = this.session;
    if (!session) return Promise.reject(new ChatError('unavailable', 'The server is down.'));
    const outcome = session.handle<T>(structuredClone(command));
    return new Promise<ResultOf<T>>((resolve, reject) => {
      const deliver = () => {
        if (this.session !== session) reject(new ChatError('unavailable', 'The connection dropped before the answer arrived.'));
        else if (outcome.ok) resolve(structuredClone(outcome.value));
        else reject(outcome.error);
      };
      const lose = () => reject(new ChatError('unavailable', 'The connection dropped before the answer arrived.'));
      if (this.holding) this.held.push({ deliver, lose });
      else setTimeout(deliver, 0);
    });
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }
}
