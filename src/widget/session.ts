import { createChatClient, type ChatClient, type OutboxStorage, type Transport, type UploadAdapter } from '../core';
import { ChatError, ERROR_CODES, toChatError, type ChatErrorPayload, type Message } from '../protocol';
import { createIndexedDbOutbox, createUploadAdapter, createWebSocketTransport } from '../transports/websocket';
import type { DemoSession } from './lazy/demo';
import { DEMO_ROOM, type Identity, type ResolvedOptions } from './options';

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

/**
 * A ChatError of another copy of the protocol (the demo chunk has its own) as one of ours, so that
 * the client recognises its code (`instanceof ChatError`); anything else as it is.
 */
function adoptError(error: unknown): unknown {
  if (error instanceof ChatError || typeof error !== 'object' || error === null) return error;
  const { code, message, retryAfterMs } = error as Partial<ChatErrorPayload>;
  if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code) || typeof message !== 'string') return error;
  return ChatError.fromPayload(typeof retryAfterMs === 'number' ? { code, message, retryAfterMs } : { code, message });
}

/**
 * Demo mode's transport and uploads before the demo chunk has loaded: `open` waits for it, and
 * errors from it are adopted (see {@link adoptError}).
 */
function deferredDemo(loading: Promise<DemoSession | null>): { transport: Transport; uploads: UploadAdapter } {
  let inner: Transport | null = null;
  let closed = false;
  const transport: Transport = {
    open(listener) {
      listener.onStatus({ state: 'connecting' });
      loading.then(
        (demo) => {
          if (closed || !demo) return;
          inner = demo.transport;
          inner.open(listener);
        },
        () => {
          if (closed) return;
          const error: ChatErrorPayload = { code: 'unavailable', message: 'The demo could not be loaded.' };
          listener.onStatus({ state: 'closed', reason: error.message, error });
        },
      );
    },
    request(command) {
      if (!inner) return Promise.reject(new ChatError('unavailable', 'Not connected: the request was not sent.'));
      return inner.request(command).catch((error: unknown) => {
        throw adoptError(error);
      });
    },
    close() {
      closed = true;
      inner?.close();
    },
  };
  const uploads: UploadAdapter = {
    async upload(roomId, file, options) {
      const demo = await loading;
      if (!demo) throw new ChatError('unavailable', 'The demo has stopped.');
      return demo.uploads.upload(roomId, file, options).catch((error: unknown) => {
        throw adoptError(error);
      });
    },
  };
  return { transport, uploads };
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
    // The in-page server is a chunk of its own (lazy/demo.js in the script-tag build).
    let disposed = false;
    const loading = import('./lazy/demo').then((module) => (disposed ? null : module.startDemoSession(identity.user)));
    ({ transport, uploads } = deferredDemo(loading));
    room ??= DEMO_ROOM;
    cleanups.push(() => {
      disposed = true;
      void loading.then((demo) => demo?.stop(), () => {});
    });
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
