import { createChatClient, type ChatClient, type OutboxStorage, type Transport, type UploadAdapter } from '../core';
import { ChatError, toChatError, type ChatErrorPayload, type Message } from '../protocol';
import { createMemoryTransport, createMemoryUploadAdapter } from '../transports/memory';
import { createIndexedDbOutbox, createUploadAdapter, createWebSocketTransport } from '../transports/websocket';
import { startDemo } from './demo';
import type { Identity, ResolvedOptions } from './options';

/** One signed-in connection: a client and what goes with it. `dispose` frees all of it. */
export interface Session {
  client: ChatClient;
  uploads: UploadAdapter;
  /** The room to open first (demo mode picks its own). */
  room: string | null;
  dispose(): void;
}

/** What the session reports to the widget. */
export interface SessionHooks {
  onMessage(roomId: string, message: Message): void;
  onError(error: ChatErrorPayload): void;
}

/**
 * The host's socket URL and HTTP base from what `server` says: an http(s) address (the socket is
 * `<address>/ws`) or the socket URL itself.
 *
 * @example
 * hostEndpoints('https://chat.example.com'); // { socketUrl: 'wss://chat.example.com/ws', httpBase: 'https://chat.example.com' }
 */
export function hostEndpoints(server: string, base?: string): { socketUrl: string; httpBase: string } {
  let url: URL;
  try {
    url = new URL(server, base);
  } catch {
    throw new ChatError('invalid', `Confab widget: \`server\` is not a URL: ${server}`);
  }
  url.search = '';
  url.hash = '';
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    return { socketUrl: url.href, httpBase: `${url.protocol === 'ws:' ? 'http:' : 'https:'}//${url.host}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ChatError('invalid', `Confab widget: \`server\` must be http(s) or ws(s), not ${url.protocol}`);
  const path = url.pathname.replace(/\/+$/, '');
  return { socketUrl: `${url.protocol === 'http:' ? 'ws:' : 'wss:'}//${url.host}${path}/ws`, httpBase: `${url.origin}${path}` };
}

/** A token from a host in dev mode (`POST /dev/token`), as `confab-server --dev` gives them. */
async function devToken(httpBase: string, user: { id: string; name: string | undefined }): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${httpBase}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user.name ? { userId: user.id, name: user.name } : { userId: user.id }),
    });
  } catch {
    throw new ChatError('unavailable', `No Confab host answers at ${httpBase}.`);
  }
  if (!response.ok) {
    const code = response.status === 401 ? 'unauthorized' : response.status === 403 || response.status === 404 ? 'forbidden' : 'unavailable';
    throw new ChatError(code, `The host at ${httpBase} gave no dev token (HTTP ${response.status}); give \`token\` or \`tokenProvider\`, or run the host with --dev.`);
  }
  const body = (await response.json().catch(() => null)) as { token?: unknown } | null;
  if (typeof body?.token !== 'string') throw new ChatError('unavailable', `The host at ${httpBase} answered without a token.`);
  return body.token;
}

/** Calls `onEvent` for every server event the transport delivers, after the client has it. */
function tapMessages(transport: Transport, onMessage: (message: Message) => void): Transport {
  return {
    open(listener) {
      transport.open({
        ...listener,
        onEvent(event) {
          listener.onEvent(event);
          if (event.type === 'message.created') onMessage(event.message);
        },
      });
    },
    request: (command) => transport.request(command),
    close: () => transport.close(),
  };
}

/**
 * Makes the client for the options and identity: over a WebSocket to the host, or to the
 * in-page reference server in demo mode. Nothing connects until `client.connect()`.
 */
export function createSession(options: ResolvedOptions, identity: Identity, hooks: SessionHooks): Session {
  let me: string | null = null;
  const report = (error: unknown) => hooks.onError(toChatError(error).toPayload());
  const onMessage = (message: Message) => {
    me ??= client.store.getState().me;
    if (message.authorId !== me) hooks.onMessage(message.roomId, message);
  };

  let transport: Transport;
  let uploads: UploadAdapter;
  let outbox: OutboxStorage | undefined;
  let room = options.room;
  const cleanups: Array<() => void> = [];

  if (options.demo) {
    const world = startDemo(identity.user);
    const memoryUploads = createMemoryUploadAdapter({ server: world.server, userId: world.visitorId, steps: 4, stepMs: 80 });
    transport = createMemoryTransport(world.server, { userId: world.visitorId, latencyMs: 40 });
    uploads = memoryUploads;
    room ??= 'welcome';
    cleanups.push(() => memoryUploads.dispose(), () => world.stop());
  } else {
    const { socketUrl, httpBase } = hostEndpoints(options.server as string, typeof location === 'undefined' ? undefined : location.href);
    const { token, tokenProvider: given, user } = identity;
    const tokenProvider: () => string | Promise<string> = given ?? (token !== undefined ? () => token : () => devToken(httpBase, user as { id: string; name: string | undefined }));
    transport = createWebSocketTransport({ url: socketUrl, tokenProvider, onError: report });
    uploads = createUploadAdapter({ baseUrl: httpBase, tokenProvider });
    // Unsent messages survive a reload only when we know whose they are.
    if (user) outbox = createIndexedDbOutbox({ name: 'confab-widget-outbox', userId: user.id, onError: () => {} });
  }

  const client = createChatClient({ transport: tapMessages(transport, onMessage), ...(outbox ? { outbox } : {}), onError: report });

  return {
    client,
    uploads,
    room,
    dispose() {
      client.close();
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}
