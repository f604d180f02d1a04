/**
 * The WebSocket transport: a ChatClient talks to the Node host (`confab-server`) over one socket,
 * with request ids, timeouts, a heartbeat, and reconnects with full-jitter exponential backoff.
 * It uses the global WebSocket (browsers, Deno, Node ≥ 22); in older Node pass `ws`'s.
 *
 * @packageDocumentation
 * @module confab/transports/websocket
 */
import {
  ChatError,
  CLOSE_CODES,
  closeVerdict,
  MAX_FRAME_BYTES,
  utf8ByteLength,
  parseServerEvent,
  parseServerFrame,
  toChatError,
  type ChatErrorPayload,
  type CommandOf,
  type CommandType,
  type ResultOf,
} from '../../protocol';
import type { ConnectionStatus, Transport, TransportListener } from '../../core';

/** The little of a WebSocket this transport uses: the browser's and `ws`'s both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: WebSocketEventHandler<unknown>;
  onmessage: WebSocketEventHandler<{ data: unknown }>;
  onclose: WebSocketEventHandler<{ code: number; reason: string }>;
  onerror: WebSocketEventHandler<unknown>;
}

/**
 * An event handler property of {@link WebSocketLike} (`onopen`, `onmessage`, …), or null. Declared
 * through a method signature, which makes the parameter bivariant, so that both the DOM's and
 * `ws`'s handler types fit.
 *
 * @example
 * const onclose: WebSocketEventHandler<{ code: number; reason: string }> = (event) => console.log(event.code);
 */
export type WebSocketEventHandler<E> = { bivarianceHack(event: E): void }['bivarianceHack'] | null;

/** A WebSocket constructor, such as `globalThis.WebSocket` or `ws`'s `WebSocket`. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/**
 * Options of {@link createWebSocketTransport}.
 *
 * @example
 * const transport = createWebSocketTransport({
 *   url: 'wss://chat.example.com/ws',
 *   tokenProvider: () => fetch('/chat-token').then((r) => r.text()),
 * });
 */
export interface WebSocketTransportOptions {
  /** The host's socket URL, e.g. `ws://127.0.0.1:8787/ws`. The token is added as `?token=`. */
  url: string;
  /** Gives a token for each connection attempt (called again after the host says it expired). */
  tokenProvider: () => Promise<string> | string;
  /** The WebSocket constructor. Default `globalThis.WebSocket`; in Node < 22 pass `(await import('ws')).WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** How long a request waits for its answer before failing with `timeout`, in ms. Default 10 000. */
  requestTimeoutMs?: number;
  /**
   * The largest frame the host accepts, in bytes (its `maxFrameBytes`). A larger request fails with
   * `too_large` before it is sent: sent, it would make the host close the socket (1009) and a retry
   * would do it again. Default 64 KB, the host's default.
   */
  maxFrameBytes?: number;
  /** How often the client pings, in ms; two intervals without any frame mean the connection is dead. Default 25 000. */
  heartbeatIntervalMs?: number;
  /** Reconnect backoff: the n-th retry waits random() × min(maxMs, baseMs × 2ⁿ). Default 500 ms and 30 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** A connection that stays up this long resets the backoff, in ms. Default 60 000. */
  stableAfterMs?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
  /** Random numbers in [0, 1) for the backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Frames from the server that could not be understood (dropped; the connection stays). Default `console.warn`. */
  onError?: (error: ChatError) => void;
}

/**
 * A Transport over a WebSocket, with a way to force a reconnect (for "retry now" buttons and tests).
 *
 * @example
 * const transport = createWebSocketTransport({ url, tokenProvider });
 * const client = createChatClient({ transport });
 * await client.connect();
 */
export interface WebSocketTransport extends Transport {
  /** Drops the current socket (if any) and connects again at once, resetting the backoff. */
  reconnectNow(): void;
}

interface PendingRequest {
  resolve(value: unknown): void;
  reject(error: ChatError): void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

/**
 * Connects a ChatClient to the Node host over a WebSocket.
 *
 * Each connection: a token from `tokenProvider`, `url?token=…`, then the host's `session` frame
 * (→ `onStatus(online)` and `onSession`), then events. It reconnects on any unexpected close with
 * full-jitter backoff; after close 4002 (token expired) at once with a fresh token; after 4001
 * (unauthorized) or 4003 (origin refused) never: the status becomes `closed` with the reason.
 *
 * @example
 * import { WebSocket } from 'ws'; // Node < 22 only
 * const transport = createWebSocketTransport({ url: 'ws://127.0.0.1:8787/ws', tokenProvider: () => token, WebSocket });
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 25_000;
  const baseMs = options.backoff?.baseMs ?? 500;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  const reportError = options.onError ?? ((error: ChatError) => console.warn(`[confab websocket] ${error.message}`));

  let listener: TransportListener | null = null;
  let closed = false;
  /** The current socket, from creation until it is dropped. */
  let socket: WebSocketLike | null = null;
  /** True once the current socket delivered its session frame. */
  let sessionOpen = false;
  let sessionStartedAt = 0;
  /** Bumped on every attempt, so that late callbacks of an older attempt do nothing. */
  let generation = 0;
  let attempt = 0;
  let expiredInARow = 0;
  let lastFrameAt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  let waitingToRetry = false;
  let nextId = 0;
  const pending = new Map<string, PendingRequest>();

  const WebSocketImpl: WebSocketConstructor | undefined = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;

  function setStatus(status: ConnectionStatus): void {
    listener?.onStatus(status);
  }

  function failPending(message: string): void {
    const requests = [...pending.values()];
    pending.clear();
    for (const request of requests) {
      clearTimeout(request.timer);
      request.reject(new ChatError('unavailable', message));
    }
  }

  function stopHeartbeat(): void {
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    heartbeatTimer = null;
  }

  function detach(ws: WebSocketLike): void {
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = () => {};
  }

  /** Lets go of the current socket without waiting for its closing handshake. */
  function discardSocket(code: number, reason: string): void {
    const ws = socket;
    socket = null;
    sessionOpen = false;
    stopHeartbeat();
    if (!ws) return;
    detach(ws);
    try {
      const terminate = (ws as { terminate?: () => void }).terminate;
      if (code !== CLOSE_CODES.normal && typeof terminate === 'function') terminate.call(ws);
      else ws.close(code === CLOSE_CODES.normal ? CLOSE_CODES.normal : CLOSE_CODES.clientDropped, reason);
    } catch {
      // already closed
    }
  }

  function scheduleRetry(reason: string, immediately = false): void {
    if (closed) return;
    const delay = immediately ? 0 : random() * Math.min(maxMs, baseMs * 2 ** attempt);
    attempt++;
    waitingToRetry = true;
    setStatus({ state: 'reconnecting', retryAt: now() + delay, attempt, reason });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      waitingToRetry = false;
      void connect();
    }, delay);
  }

  /** The current socket closed or died. Decides whether and when to try again. */
  function dropped(code: number, reason: string): void {
    const hadSession = sessionOpen;
    const upFor = hadSession ? now() - sessionStartedAt : 0;
    discardSocket(code, reason);
    failPending('The connection dropped before the answer arrived.');
    if (closed) return;
    const verdict = closeVerdict(code, reason);
    if (verdict.kind === 'final') {
      stop({ state: 'closed', reason: verdict.error.message, error: verdict.error });
      return;
    }
    if (hadSession && upFor >= stableAfterMs) attempt = 0;
    if (verdict.kind === 'renewToken') {
      // A fresh token at once; but a provider that keeps handing out expired tokens gets the backoff.
      expiredInARow = hadSession ? 1 : expiredInARow + 1;
      scheduleRetry(reason || 'The token has expired.', expiredInARow <= 1);
      return;
    }
    scheduleRetry(reason || (hadSession ? 'The connection dropped.' : 'Could not connect.'));
  }

  function stop(status: ConnectionStatus): void {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    waitingToRetry = false;
    removeNetworkListeners();
    discardSocket(CLOSE_CODES.normal, 'Closed by the client.');
    failPending('The transport was closed.');
    setStatus(status);
    listener = null;
  }

  function onFrame(ws: WebSocketLike, data: unknown): void {
    lastFrameAt = now();
    let text: string;
    if (typeof data === 'string') text = data;
    else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) text = new TextDecoder().decode(data as ArrayBuffer);
    else {
      reportError(new ChatError('invalid', 'The server sent a frame that is not text.'));
      return;
    }
    const parsed = parseServerFrame(text);
    if (!parsed.ok) {
      reportError(parsed.error);
      return;
    }
    const frame = parsed.value;
    switch (frame.kind) {
      case 'pong':
        return;
      case 'session': {
        sessionOpen = true;
        sessionStartedAt = now();
        expiredInARow = 0;
        setStatus({ state: 'online' });
        // The listener may have closed us, or a new socket may have replaced this one.
        if (socket === ws) listener?.onSession(frame.snapshot);
        return;
      }
      case 'event': {
        if (!sessionOpen) {
          reportError(new ChatError('invalid', 'The server sent an event before the session.'));
          return;
        }
        const event = parseServerEvent(frame.event);
        if (!event.ok) {
          reportError(event.error);
          return;
        }
        listener?.onEvent(event.value);
        return;
      }
      case 'result': {
        const request = pending.get(frame.id);
        if (!request) {
          if (!frame.ok) reportError(new ChatError(frame.error.code as ChatErrorPayload['code'], `The server refused a frame: ${frame.error.message}`));
          return;
        }
        pending.delete(frame.id);
        clearTimeout(request.timer);
        if (frame.ok) request.resolve(frame.value);
        else request.reject(ChatError.fromPayload(frame.error as ChatErrorPayload));
        return;
      }
    }
  }

  function startHeartbeat(ws: WebSocketLike): void {
    stopHeartbeat();
    lastFrameAt = now();
    heartbeatTimer = setInterval(() => {
      if (socket !== ws) return;
      if (now() - lastFrameAt >= 2 * heartbeatIntervalMs) {
        dropped(CLOSE_CODES.clientDropped, 'No word from the server; the connection seems dead.');
        return;
      }
      if (ws.readyState === OPEN) {
        try {
          ws.send('{"kind":"ping"}');
        } catch {
          // the close event follows
        }
      }
    }, heartbeatIntervalMs);
  }

  async function connect(): Promise<void> {
    if (closed || socket) return;
    const mine = ++generation;
    if (!WebSocketImpl) {
      stop({ state: 'closed', reason: 'No WebSocket here: pass the WebSocket option (in Node < 22, `ws`).', error: { code: 'unavailable', message: 'No WebSocket implementation.' } });
      return;
    }
    let token: string;
    try {
      token = await options.tokenProvider();
      if (typeof token !== 'string' || token === '') throw new ChatError('unauthorized', 'The token provider gave no token.');
    } catch (error) {
      if (mine !== generation || closed) return;
      const chatError = toChatError(error);
      if (chatError.code === 'unauthorized' || chatError.code === 'forbidden') {
        stop({ state: 'closed', reason: chatError.message, error: chatError.toPayload() });
        return;
      }
      scheduleRetry(`Could not get a token: ${chatError.message}`);
      return;
    }
    if (mine !== generation || closed || socket) return;
    let ws: WebSocketLike;
    try {
      const url = new URL(options.url);
      url.searchParams.set('token', token);
      ws = new WebSocketImpl(url.toString());
    } catch (error) {
      const chatError = toChatError(error);
      stop({ state: 'closed', reason: `Cannot open ${options.url}: ${chatError.message}`, error: { code: 'invalid', message: chatError.message } });
      return;
    }
    socket = ws;
    sessionOpen = false;
    ws.onopen = () => {};
    ws.onerror = () => {};
    ws.onmessage = (event) => {
      if (socket !== ws) return;
      try {
        onFrame(ws, event.data);
      } catch (error) {
        // A listener threw; the connection is not at fault.
        reportError(toChatError(error));
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      dropped(event.code, event.reason);
    };
    startHeartbeat(ws);
  }

  const onOnline = () => {
    if (waitingToRetry && !closed) {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      waitingToRetry = false;
      void connect();
    }
  };
  const onOffline = () => {
    if (socket && !closed) dropped(CLOSE_CODES.clientDropped, 'The device went offline.');
  };
  const win = (globalThis as { window?: { addEventListener?: (type: string, fn: () => void) => void; removeEventListener?: (type: string, fn: () => void) => void } }).window;
  function addNetworkListeners(): void {
    if (typeof win?.addEventListener !== 'function') return;
    win.addEventListener('online', onOnline);
    win.addEventListener('offline', onOffline);
  }
  function removeNetworkListeners(): void {
    if (typeof win?.removeEventListener !== 'function') return;
    win.removeEventListener('online', onOnline);
    win.removeEventListener('offline', onOffline);
  }

  return {
    open(next) {
      if (closed) throw new ChatError('unavailable', 'This transport was closed; create a new one to connect again.');
      if (listener) throw new ChatError('conflict', 'This transport is already open.');
      listener = next;
      addNetworkListeners();
      setStatus({ state: 'connecting' });
      void connect();
    },
    request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
      const ws = socket;
      if (!ws || !sessionOpen || ws.readyState !== OPEN) return Promise.reject(new ChatError('unavailable', 'Not connected: the request was not sent.'));
      const id = `r${(++nextId).toString(36)}`;
      let text: string;
      try {
        text = JSON.stringify({ kind: 'request', id, command });
      } catch (error) {
        return Promise.reject(new ChatError('invalid', `The command cannot be sent: ${toChatError(error).message}`));
      }
      const bytes = utf8ByteLength(text);
      if (bytes > maxFrameBytes) {
        return Promise.reject(new ChatError('too_large', `The request is ${bytes} bytes; the host accepts at most ${maxFrameBytes} bytes a frame. Send less at once.`));
      }
      return new Promise<ResultOf<T>>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (!pending.delete(id)) return;
          reject(new ChatError('timeout', `No answer from the server within ${Math.round(requestTimeoutMs / 1000)} s; it is safe to retry.`));
        }, requestTimeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        try {
          ws.send(text);
        } catch {
          pending.delete(id);
          clearTimeout(timer);
          reject(new ChatError('unavailable', 'The connection dropped before the request was sent.'));
        }
      });
    },
    close() {
      if (closed) return;
      stop({ state: 'closed', reason: 'Closed by the client.' });
    },
    reconnectNow() {
      if (closed || !listener) return;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      waitingToRetry = false;
      attempt = 0;
      if (socket) {
        discardSocket(CLOSE_CODES.clientDropped, 'Reconnecting.');
        failPending('The connection was restarted before the answer arrived.');
      }
      setStatus({ state: 'reconnecting', retryAt: now(), attempt: 0, reason: 'Reconnecting now.' });
      void connect();
    },
  };
}
export * from './upload';
export * from './outbox';
