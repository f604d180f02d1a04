/**
 * The in-process transport: a ChatClient talks to a reference server in the same page, with
 * optional simulated latency and an offline switch. Several clients (different people) on one
 * server exchange events, which is how the playground, the stories and the tests run.
 *
 * @packageDocumentation
 * @module confab/transports/memory
 */
import { ChatError, type CommandOf, type CommandType, type ResultOf, type ServerEvent } from '../../protocol';
import type { ConnectionStatus, Transport, TransportListener } from '../../core';
import type { ReferenceServer, ServerSession } from '../../server';

/**
 * Options of the memory transport.
 *
 * @example
 * const transport = createMemoryTransport(server, { userId: 'ana', latencyMs: 80 });
 */
export interface MemoryTransportOptions {
  /** Who this client is. The server must know the user. */
  userId: string;
  /** One-way delay for requests, answers and events, in ms. A function gives jitter. Default 0 (next microtask). */
  latencyMs?: number | (() => number);
  /** Start offline (as if the network were down). Default false. */
  startOffline?: boolean;
}

/**
 * A Transport with a network switch, for simulations and tests.
 *
 * @example
 * const transport = createMemoryTransport(server, { userId: 'ana' });
 * transport.setOnline(false); // sends now wait in the client's outbox
 * transport.setOnline(true);  // the client resumes its rooms and flushes the outbox
 */
export interface MemoryTransport extends Transport {
  /** Takes the simulated connection down or brings it back. */
  setOnline(online: boolean): void;
  readonly online: boolean;
  /** Changes the simulated one-way latency. */
  setLatency(latencyMs: number | (() => number)): void;
}

/**
 * Connects a client to a reference server in the same process.
 *
 * @example
 * const server = createReferenceServer();
 * server.upsertUser({ id: 'ana', name: 'Ana' });
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 * await client.connect();
 */
export function createMemoryTransport(server: ReferenceServer, options: MemoryTransportOptions): MemoryTransport {
  let latency = options.latencyMs ?? 0;
  let wantOnline = !options.startOffline;
  let listener: TransportListener | null = null;
  let session: ServerSession | null = null;
  let closed = false;
  // Everything that crosses the simulated wire runs through one FIFO so that, as on a real socket,
  // an answer never overtakes an event pushed before it.
  let lastDelivery = 0;

  const delay = () => (typeof latency === 'function' ? latency() : latency);

  function deliver(task: () => void) {
    const wait = Math.max(0, delay());
    const at = Math.max(Date.now() + wait, lastDelivery);
    lastDelivery = at;
    const run = () => {
      if (!closed) task();
    };
    if (wait === 0 && at <= Date.now()) queueMicrotask(run);
    else setTimeout(run, at - Date.now());
  }

  function setStatus(status: ConnectionStatus) {
    listener?.onStatus(status);
  }

  function openSession() {
    if (closed || !listener || session || !wantOnline) return;
    let opened: ServerSession;
    try {
      opened = server.connect(options.userId, (event: ServerEvent) => {
        // Events of a session that has since dropped are lost, as on a real network.
        if (session !== opened) return;
        const copy = structuredClone(event);
        deliver(() => {
          if (session === opened) listener?.onEvent(copy);
        });
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setStatus({ state: 'offline', reason });
      return;
    }
    session = opened;
    const snapshot = structuredClone(opened.snapshot());
    deliver(() => {
      if (session !== opened) return;
      setStatus({ state: 'online' });
      listener?.onSession(snapshot);
    });
  }

  function dropSession(reason: string) {
    if (!session) return;
    const dropped = session;
    session = null;
    dropped.close();
    setStatus(closed ? { state: 'closed', reason } : { state: 'offline', reason });
  }

  return {
    open(next) {
      if (closed) throw new ChatError('unavailable', 'This transport was closed; create a new one to connect again.');
      listener = next;
      setStatus(wantOnline ? { state: 'connecting' } : { state: 'offline', reason: 'The simulated network is off.' });
      openSession();
    },
    request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
      const sent = session;
      if (!sent) return Promise.reject(new ChatError('unavailable', 'Not connected: the request was not sent.'));
      const wire = structuredClone(command);
      return new Promise<ResultOf<T>>((resolve, reject) => {
        deliver(() => {
          if (session !== sent) {
            reject(new ChatError('unavailable', 'The connection dropped before the request reached the server.'));
            return;
          }
          const outcome = sent.handle<T>(wire);
          const answer = outcome.ok ? structuredClone(outcome.value) : outcome.error;
          deliver(() => {
            if (session !== sent) {
              // The server acted, but the answer was lost with the connection: the caller must retry (idempotently).
              reject(new ChatError('unavailable', 'The connection dropped before the answer arrived.'));
            } else if (outcome.ok) resolve(answer as ResultOf<T>);
            else reject(answer);
          });
        });
      });
    },
    close() {
      if (closed) return;
      closed = true;
      if (session) dropSession('Closed by the client.');
      else setStatus({ state: 'closed' });
      listener = null;
    },
    setOnline(online) {
      if (closed || online === wantOnline) return;
      wantOnline = online;
      if (online) {
        setStatus({ state: 'connecting' });
        openSession();
      } else dropSession('The simulated network is off.');
    },
    get online() {
      return session !== null;
    },
    setLatency(next) {
      latency = next;
    },
  };
}
export { createMemoryUploadAdapter, type MemoryUploadAdapter, type MemoryUploadOptions } from './upload';
