// How a viewer reaches a chat server: over a memory transport to the reference server in this page
// (with an offline switch and latency), or over a WebSocket to the Node host (`npm run server`).
// Either way the transport is wrapped so that the network panel can log what crosses it: status
// changes, sessions, resumes after a reconnect (and whether the server cut the timeline), and gaps
// being filled.
import { ChatError } from 'confab-chat';
import type { ConnectionStatus, Transport, UploadAdapter } from 'confab-chat/core';
import type { Command } from 'confab-chat/protocol';
import type { ReferenceServer } from 'confab-chat/server';
import { createMemoryTransport, createMemoryUploadAdapter, type MemoryTransport } from 'confab-chat/transports/memory';
import { createUploadAdapter, createWebSocketTransport } from 'confab-chat/transports/websocket';

/** One line of a viewer's network log. */
export interface LogEntry {
  id: number;
  at: number;
  kind: 'status' | 'session' | 'resume' | 'gap' | 'error';
  text: string;
}

/** A viewer's network log: an append-only list with a subscription (for useSyncExternalStore). */
export interface NetworkLog {
  add(kind: LogEntry['kind'], text: string): void;
  entries(): readonly LogEntry[];
  subscribe(listener: () => void): () => void;
}

const MAX_LOG = 60;

export function createNetworkLog(): NetworkLog {
  let list: readonly LogEntry[] = [];
  let next = 0;
  const listeners = new Set<() => void>();
  return {
    add(kind, text) {
      list = [...list.slice(-(MAX_LOG - 1)), { id: ++next, at: Date.now(), kind, text }];
      for (const listener of [...listeners]) listener();
    },
    entries: () => list,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function describeStatus(status: ConnectionStatus): string {
  switch (status.state) {
    case 'reconnecting':
      return `reconnecting (attempt ${status.attempt}, in ${Math.max(0, Math.round((status.retryAt - Date.now()) / 100) / 10)} s)${status.reason ? `: ${status.reason}` : ''}`;
    case 'offline':
    case 'closed':
      return `${status.state}${status.reason ? `: ${status.reason}` : ''}`;
    default:
      return status.state;
  }
}

/**
 * Wraps a transport so that what matters to the reader of the network panel is logged. `roomName`
 * turns a room id into something readable.
 */
export function observeTransport(inner: Transport, log: NetworkLog, roomName: (roomId: string) => string): Transport {
  return {
    open(listener) {
      inner.open({
        onSession(snapshot) {
          log.add('session', `session opened as ${snapshot.me.name}: ${snapshot.rooms.length} rooms`);
          listener.onSession(snapshot);
        },
        onEvent: (event) => listener.onEvent(event),
        onStatus(status) {
          log.add('status', describeStatus(status));
          listener.onStatus(status);
        },
      });
    },
    request(sent) {
      const result = inner.request(sent);
      // Narrowed by its type below (the generic parameter does not narrow).
      const command = sent as Command;
      if (command.type === 'room.resume') {
        result.then(
          (value) => {
            const resumed = value as { messages: unknown[]; cut: boolean; range: { from: number; to: number } };
            const what = resumed.messages.length === 0 ? 'nothing missed' : `${resumed.messages.length} missed message${resumed.messages.length === 1 ? '' : 's'} replayed`;
            const cut = resumed.cut ? `; timeline cut: gap ${command.afterSequence + 1}–${resumed.range.from - 1} marked, filled on demand` : '';
            log.add('resume', `resumed ${roomName(command.roomId)} after #${command.afterSequence}: ${what}${cut}`);
          },
          (error: unknown) => log.add('error', `resume of ${roomName(command.roomId)} failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      } else if (command.type === 'message.history' && command.after !== undefined) {
        result.then(
          (value) => {
            const page = value as { messages: unknown[]; range: { from: number; to: number } };
            log.add('gap', `gap in ${roomName(command.roomId)}: loaded ${page.messages.length} messages (#${page.range.from}–#${page.range.to})`);
          },
          () => {},
        );
      }
      return result;
    },
    close: () => inner.close(),
  };
}

/** A viewer's connection: the transport to give the client, its network controls, its uploads. */
export interface Connection {
  kind: 'memory' | 'websocket';
  transport: Transport;
  /** The memory transport's network switch and latency; null over the WebSocket. */
  network: Pick<MemoryTransport, 'setOnline' | 'setLatency'> | null;
  uploads: UploadAdapter;
  log: NetworkLog;
  /** Frees what the connection made (blob: URLs of uploads). */
  dispose(): void;
}

/** Over the reference server in this page. */
export function memoryConnection(server: ReferenceServer, userId: string, roomName: (roomId: string) => string): Connection {
  const log = createNetworkLog();
  const memory = createMemoryTransport(server, { userId });
  const uploads = createMemoryUploadAdapter({ server, userId, stepMs: 150, steps: 6 });
  return {
    kind: 'memory',
    transport: observeTransport(memory, log, roomName),
    network: memory,
    uploads,
    log,
    dispose: () => uploads.dispose(),
  };
}

/** Where the Node host listens by default (`npm run server`). */
export const DEFAULT_HOST = 'http://127.0.0.1:8787';

/**
 * Asks the host (in dev mode) for a token for a person, creating them there if needed. Rejects
 * with a ChatError a person can act on: `unavailable` when no host answers (the transport retries
 * with backoff), `forbidden`/`unauthorized` when the host refuses (the transport gives up).
 */
export async function fetchDevToken(host: string, userId: string, name: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${host}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, name }),
    });
  } catch {
    throw new ChatError('unavailable', `No Confab host answers at ${host}; start one with \`npm run server\`.`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
    const message = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
    const code = response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : 'unavailable';
    throw new ChatError(code, `The host at ${host} refused a dev token (${message}); is it running with --dev?`);
  }
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string') throw new ChatError('unavailable', `The host at ${host} answered without a token.`);
  return body.token;
}

/** Over a WebSocket to the Node host. */
export function hostConnection(host: string, userId: string, name: string, roomName: (roomId: string) => string): Connection {
  const log = createNetworkLog();
  const tokenProvider = () => fetchDevToken(host, userId, name);
  const url = new URL('/ws', host);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createWebSocketTransport({ url: url.toString(), tokenProvider, onError: (error) => log.add('error', error.message) });
  return {
    kind: 'websocket',
    transport: observeTransport(transport, log, roomName),
    network: null,
    uploads: createUploadAdapter({ baseUrl: host, tokenProvider }),
    log,
    dispose: () => {},
  };
}
