/// <reference types="node" />
import { performance } from 'node:perf_hooks';
import type { RawData, WebSocket } from 'ws';
import { ChatError, CLOSE_CODES, parseClientMessage, toChatError, type Outcome, type ServerEvent } from '../protocol';
import type { ChatServer, ChatServerSession } from '../server';
import { fitReason } from './closeReason';
import type { FrameSender } from './frameSender';
import type { HostMetrics } from './metrics';
import type { HandledRequest } from './options';
import type { OwnUploads } from './ownUploads';

const MAX_TIMER_MS = 2 ** 31 - 1;

interface Connection {
  socket: WebSocket;
  userId: string;
  session: ChatServerSession;
  /** One socket's commands run one after another, in the order they arrived. */
  queue: Promise<void>;
  missedPongs: number;
  awaitingPong: boolean;
  expiryTimer: ReturnType<typeof setTimeout> | null;
  /** The host names the client connected to (Host, and X-Forwarded-Host behind a proxy): an attachment URL on one of them is this host's own. */
  hostNames: readonly string[];
}

/** What the sessions of admitted sockets need of the host. */
export interface ConnectionsOptions {
  server: ChatServer;
  sender: FrameSender;
  ownUploads: OwnUploads;
  now: () => number;
  /** The host's metrics once it has them (listening with an admin key). */
  metrics(): HostMetrics | undefined;
  onRequestHandled?: (request: HandledRequest) => void;
  reportError(error: unknown): void;
}

/** The admitted sockets of one host, each with its session; see {@link createConnections}. */
export interface Connections {
  /** Opens a session for an admitted socket: the snapshot first, then events, and requests answered in order. */
  open(ws: WebSocket, userId: string, expiresAt: number, hostNames: readonly string[]): void;
  /** One heartbeat: pings every socket, and terminates one that missed two pongs. */
  beat(): void;
  /** Open sockets with a session. */
  readonly size: number;
  /** The sockets with a session of one person (to end them when the account goes). */
  socketsOf(userId: string): WebSocket[];
}

/** Resolves after the I/O that is already waiting has had its turn. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function commandTypeOf(command: unknown): string {
  const type = (command as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : 'unknown';
}

/**
 * The sessions behind the host's sockets: opening one (events held back until its snapshot is
 * out), answering its requests one at a time and fairly between sockets, heartbeats, closing it
 * when its token expires, and closing the session after the socket's last command.
 *
 * @example
 * const connections = createConnections({ server, sender, ownUploads, now: Date.now, metrics: () => undefined, reportError: console.error });
 * connections.open(ws, 'ana', expiresAt, hostNamesOf(req));
 */
export function createConnections(options: ConnectionsOptions): Connections {
  const { server, sender, ownUploads, now, reportError } = options;
  const { send } = sender;
  const connections = new Set<Connection>();

  function open(ws: WebSocket, userId: string, expiresAt: number, hostNames: readonly string[]): void {
    // Events that arrive while the session opens wait until its snapshot has been sent; those
    // raised by opening it (one's own presence) are in the snapshot already.
    let pending: ServerEvent[] | null = null;
    let live = false;
    const onEvent = (event: ServerEvent) => {
      if (live) send(ws, { kind: 'event', event });
      else pending?.push(event);
    };
    server.connect(userId, onEvent).then(
      async (session) => {
        if (ws.readyState !== ws.OPEN) {
          await session.close();
          return;
        }
        pending = [];
        const connection: Connection = { socket: ws, userId, session, queue: Promise.resolve(), missedPongs: 0, awaitingPong: false, expiryTimer: null, hostNames };
        connections.add(connection);
        attachConnection(connection);
        try {
          send(ws, { kind: 'session', snapshot: await session.snapshot() });
          const queued = pending;
          pending = null;
          live = true;
          for (const event of queued) send(ws, { kind: 'event', event });
          if (ws.readyState === ws.OPEN) scheduleExpiry(connection, expiresAt);
        } catch (error) {
          reportError(error);
          ws.close(1011, 'The host could not open the session.');
        }
      },
      (error: unknown) => {
        const chatError = toChatError(error);
        if (chatError.code === 'unauthorized') ws.close(CLOSE_CODES.unauthorized, fitReason(chatError.message));
        else {
          if (chatError.code === 'internal') reportError(error);
          ws.close(1011, fitReason(chatError.code === 'unavailable' ? chatError.message : 'The host could not open the session.'));
        }
      },
    );
  }

  function scheduleExpiry(connection: Connection, expiresAt: number): void {
    const left = expiresAt - now();
    if (left <= 0) {
      connection.socket.close(CLOSE_CODES.tokenExpired, 'The token has expired.');
      return;
    }
    connection.expiryTimer = setTimeout(() => scheduleExpiry(connection, expiresAt), Math.min(left, MAX_TIMER_MS));
    connection.expiryTimer.unref?.();
  }

  function attachConnection(connection: Connection): void {
    const ws = connection.socket;
    ws.on('pong', () => {
      connection.missedPongs = 0;
      connection.awaitingPong = false;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      connection.queue = connection.queue
        // Each request waits its turn behind other sockets' I/O, so one busy socket cannot hold the
        // event loop for its whole backlog; and a socket whose answers are not being read gets no
        // more answers made for it.
        .then(() => sender.drained(ws) ?? nextTurn())
        // Requests still queued from a socket closed as too slow are dropped unanswered, like those a network loses.
        .then(() => (sender.isTooSlow(ws) ? undefined : onMessage(connection, data, isBinary)))
        .catch((error: unknown) => {
          reportError(error);
          send(ws, { kind: 'result', id: '', ok: false, error: new ChatError('internal', 'The host failed to handle that frame.').toPayload() });
        });
    });
    ws.on('close', () => {
      connections.delete(connection);
      if (connection.expiryTimer) clearTimeout(connection.expiryTimer);
      connection.expiryTimer = null;
      // After the socket's last command: closing first would mark the person offline under it.
      connection.queue = connection.queue.then(() => connection.session.close()).catch(reportError);
    });
  }

  async function onMessage(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    const ws = connection.socket;
    connection.missedPongs = 0;
    if (isBinary) {
      send(ws, { kind: 'result', id: '', ok: false, error: new ChatError('invalid', 'Binary frames are not supported; send JSON text.').toPayload() });
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      send(ws, { kind: 'result', id: parsed.id ?? '', ok: false, error: parsed.error.toPayload() });
      return;
    }
    const frame = parsed.value;
    if (frame.kind === 'ping') {
      send(ws, { kind: 'pong' });
      return;
    }
    let outcome: Outcome<unknown>;
    const started = performance.now();
    try {
      const refused = await ownUploads.refuseForeignAttachments(frame.command, connection.hostNames);
      outcome = refused ? { ok: false, error: refused } : await connection.session.handle(frame.command);
    } catch (error) {
      reportError(error);
      outcome = { ok: false, error: new ChatError('internal', 'The server failed on this command; it was not applied.') };
    }
    options.metrics()?.commandDone(commandTypeOf(frame.command), outcome.ok ? 'ok' : toChatError(outcome.error).code, (performance.now() - started) / 1000);
    if (options.onRequestHandled) {
      let terminated = false;
      options.onRequestHandled({
        userId: connection.userId,
        id: frame.id,
        command: frame.command,
        outcome,
        terminate() {
          terminated = true;
          ws.terminate();
        },
      });
      if (terminated) return;
    }
    send(
      ws,
      outcome.ok ? { kind: 'result', id: frame.id, ok: true, value: outcome.value } : { kind: 'result', id: frame.id, ok: false, error: toChatError(outcome.error).toPayload() },
    );
  }

  function beat(): void {
    for (const connection of connections) {
      const ws = connection.socket;
      if (connection.awaitingPong) connection.missedPongs++;
      if (connection.missedPongs >= 2) {
        ws.terminate();
        continue;
      }
      connection.awaitingPong = true;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }

  return {
    open,
    beat,
    get size() {
      return connections.size;
    },
    socketsOf: (userId) => [...connections].filter((connection) => connection.userId === userId).map((connection) => connection.socket),
  };
}
