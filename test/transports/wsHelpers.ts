import { WebSocket } from 'ws';
import { createChatClient, type ChatClient, type ChatClientOptions, type ConnectionStatus } from '../../src/core';
import { createHost, type Host, type HostOptions } from '../../src/host';
import { createReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../src/server';
import { createWebSocketTransport, type WebSocketTransport, type WebSocketTransportOptions } from '../../src/transports/websocket';

export const SECRET = 'test-secret-for-confab-host';
export const PEOPLE = ['ana', 'bo', 'chen'] as const;

/** A server with ana, bo and chen in `general` (flood limit off), behind a host on a random port. */
export async function startHost(options: Partial<HostOptions> & { serverOptions?: ReferenceServerOptions; server?: ReferenceServer } = {}) {
  const { serverOptions, ...hostOptions } = options;
  const server = options.server ?? createReferenceServer({ floodLimit: false, ...serverOptions });
  if (!options.server) {
    for (const id of PEOPLE) server.upsertUser({ id, name: id.toUpperCase() });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: [...PEOPLE] });
  }
  const errors: unknown[] = [];
  const host = createHost({ port: 0, secret: SECRET, heartbeatIntervalMs: 60_000, onError: (error) => errors.push(error), ...hostOptions, server });
  const { url, port } = await host.listen();
  return { host, server, url, port, errors };
}

export interface TestClient {
  userId: string;
  client: ChatClient;
  transport: WebSocketTransport;
  statuses: ConnectionStatus[];
  tokenCalls: number;
  /** Sockets this client made, newest last. */
  sockets: WebSocket[];
  errors: unknown[];
}

/** A ChatClient over the WebSocket transport for one person, with a fast backoff for tests. */
export function wsClient(
  url: string,
  host: Pick<Host, 'signToken'>,
  userId: string,
  options: Partial<WebSocketTransportOptions> & { clientOptions?: Partial<ChatClientOptions>; ttlSeconds?: number } = {},
): TestClient {
  const { clientOptions, ttlSeconds, ...transportOptions } = options;
  const sockets: WebSocket[] = [];
  class Socket extends WebSocket {
    constructor(address: string) {
      super(address);
      sockets.push(this);
    }
  }
  const result: TestClient = {
    userId,
    statuses: [],
    tokenCalls: 0,
    sockets,
    errors: [],
    client: undefined as unknown as ChatClient,
    transport: undefined as unknown as WebSocketTransport,
  };
  result.transport = createWebSocketTransport({
    url,
    WebSocket: Socket,
    tokenProvider: () => {
      result.tokenCalls++;
      return host.signToken(userId, ttlSeconds);
    },
    backoff: { baseMs: 20, maxMs: 200 },
    requestTimeoutMs: 5000,
    onError: (error) => result.errors.push(error),
    ...transportOptions,
  });
  const transport = result.transport;
  // Record every status the transport reports, whoever listens.
  const open = transport.open.bind(transport);
  transport.open = (listener) =>
    open({
      ...listener,
      onStatus(status) {
        result.statuses.push(status);
        listener.onStatus(status);
      },
    });
  result.client = createChatClient({ transport, onError: (error) => result.errors.push(error), ...clientOptions });
  return result;
}

/** Polls until the predicate holds (or throws after `timeoutMs`). */
export async function until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Messages of a room's main timeline in the client's store, in order. */
export function timelineOf(client: ChatClient, roomId: string) {
  return client.store.getState().timelines[roomId]?.messages.toArray() ?? [];
}

export function pendingOf(client: ChatClient, roomId: string) {
  return client.store.getState().timelines[roomId]?.pending ?? [];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw `ws` client: its frames, and how it closed. */
export interface RawClient {
  socket: WebSocket;
  frames: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  /** Sends a request frame and resolves with its result frame. */
  request(id: string, command: unknown): Promise<Record<string, unknown>>;
  /** Resolves with the next frame matching the predicate (already received ones included). */
  next(predicate: (frame: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function rawClient(url: string, query: Record<string, string> = {}, options: { origin?: string; autoPong?: boolean } = {}): RawClient {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  const socket = new WebSocket(target, { ...(options.origin ? { origin: options.origin } : {}), ...(options.autoPong === false ? { autoPong: false } : {}) });
  const frames: Record<string, unknown>[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const next: RawClient['next'] = async (predicate, timeoutMs = 3000) => {
    let found: Record<string, unknown> | undefined;
    await until(() => (found = frames.find(predicate)) !== undefined, timeoutMs, 'a frame');
    return found as Record<string, unknown>;
  };
  return {
    socket,
    frames,
    closed,
    next,
    async request(id, command) {
      if (socket.readyState !== WebSocket.OPEN) await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ kind: 'request', id, command }));
      return next((frame) => frame.kind === 'result' && frame.id === id);
    },
  };
}
