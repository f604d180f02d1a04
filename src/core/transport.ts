import type { ChatErrorPayload, CommandOf, CommandType, ResultOf, ServerEvent, SessionSnapshot } from '../protocol';

/**
 * Where the connection stands.
 *
 * - `connecting`: the first attempt is under way.
 * - `online`: a session is open; commands go out at once.
 * - `reconnecting`: the connection dropped; the next attempt is at `retryAt` (ms since epoch).
 * - `offline`: no connection and none being attempted (switched off, or the network is gone).
 * - `closed`: `close()` was called, or the server refused for good; this transport will not connect again.
 *
 * `error` says why, when the server refused the connection (e.g. `unauthorized`).
 *
 * @example
 * const status: ConnectionStatus = { state: 'reconnecting', retryAt: Date.now() + 2000, attempt: 3 };
 */
export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'online' }
  | { state: 'reconnecting'; retryAt: number; attempt: number; reason?: string }
  | { state: 'offline'; reason?: string; error?: ChatErrorPayload }
  | { state: 'closed'; reason?: string; error?: ChatErrorPayload };

/**
 * What a transport tells its client.
 *
 * @example
 * transport.open({
 *   onSession: (snapshot) => console.log('signed in as', snapshot.me.name),
 *   onEvent: (event) => console.log(event.type),
 *   onStatus: (status) => console.log(status.state),
 * });
 */
export interface TransportListener {
  /** A session opened (the first time, and after every reconnect) with a fresh snapshot. */
  onSession(snapshot: SessionSnapshot): void;
  /** An event the server pushed. */
  onEvent(event: ServerEvent): void;
  /** The connection status changed. */
  onStatus(status: ConnectionStatus): void;
}

/**
 * The one interface between a ChatClient and a backend. Implement it to reach your own server;
 * Confab ships `memory` (in-process reference server) and `websocket` (the Node host).
 *
 * Contract:
 * - `open` starts connecting and keeps the session alive, reconnecting as it sees fit; every
 *   session that opens is announced with `onSession` before any of its events.
 * - `request` sends one command and resolves with its result, or rejects with a `ChatError`
 *   (`unavailable` when there is no session, `timeout` when no answer came).
 * - Requests may be retried: `message.send` is idempotent on its `clientId`.
 *
 * @example
 * const transport: Transport = createMemoryTransport(server, { userId: 'ana' });
 * const client = createChatClient({ transport });
 * await client.connect();
 */
export interface Transport {
  open(listener: TransportListener): void;
  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>>;
  close(): void;
}
