import type { ConnectionStatus } from '../../src/core';
import type { ServerEvent, SessionSnapshot } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { createWebSocketTransport, type WebSocketLike } from '../../src/transports/websocket';

/** A scripted socket: the test plays the server. */
class FakeSocket implements WebSocketLike {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.readyState = 3;
    this.closedWith = { code, reason };
  }
  // the server side
  accept(snapshot: SessionSnapshot) {
    this.readyState = 1;
    this.onopen?.({});
    this.push({ kind: 'session', snapshot });
  }
  push(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(code: number, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

function snapshot(): SessionSnapshot {
  const server = createReferenceServer();
  server.upsertUser({ id: 'ana', name: 'Ana' });
  return server.connect('ana', () => {}).snapshot();
}

function setup(options: Partial<Parameters<typeof createWebSocketTransport>[0]> = {}) {
  FakeSocket.made = [];
  const log: string[] = [];
  const statuses: ConnectionStatus[] = [];
  let tokens = 0;
  const transport = createWebSocketTransport({
    url: 'ws://chat.test/ws?tenant=t1',
    WebSocket: FakeSocket,
    tokenProvider: () => `token-${++tokens}`,
    random: () => 1,
    backoff: { baseMs: 100, maxMs: 1000 },
    heartbeatIntervalMs: 1000,
    stableAfterMs: 5000,
    requestTimeoutMs: 2000,
    onError: (error) => log.push(`error: ${error.message}`),
    ...options,
  });
  transport.open({
    onSession: () => log.push('session'),
    onEvent: (event: ServerEvent) => log.push(`event ${event.type}`),
    onStatus: (status) => {
      statuses.push(status);
      log.push(`status ${status.state}`);
    },
  });
  const socket = (index = FakeSocket.made.length - 1) => FakeSocket.made[index] as FakeSocket;
  return { transport, log, statuses, socket, tokenCount: () => tokens };
}

const typing = { kind: 'event', event: { type: 'typing.started', roomId: 'general', userId: 'bo', ttlMs: 5000 } };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WebSocket transport (scripted socket)', () => {
  it('adds the token to the URL and announces the session before any event', async () => {
    const { socket, log, transport } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket().url).toBe('ws://chat.test/ws?tenant=t1&token=token-1');
    socket().readyState = 1;
    socket().push(typing); // before the session: refused
    socket().accept(snapshot());
    socket().push(typing);
    expect(log).toEqual(['status connecting', 'error: The server sent an event before the session.', 'status online', 'session', 'event typing.started']);
    transport.close();
  });

  it('resets the backoff once a connection stayed up stableAfterMs', async () => {
    const { socket, statuses, transport } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket().accept(snapshot());
    socket().drop(1006);
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, retryAt: Date.now() + 100 });
    await vi.advanceTimersByTimeAsync(100);
    socket().drop(1006); // never opened
    expect(statuses.at(-1)).toMatchObject({ attempt: 2, retryAt: Date.now() + 200 });
    await vi.advanceTimersByTimeAsync(200);
    socket().accept(snapshot());
    await vi.advanceTimersByTimeAsync(1000);
    socket().drop(1006); // up only 1 s: the backoff goes on
    expect(statuses.at(-1)).toMatchObject({ attempt: 3, retryAt: Date.now() + 400 });
    await vi.advanceTimersByTimeAsync(400);
    socket().accept(snapshot());
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      socket().push({ kind: 'pong' });
    }
    socket().drop(1006); // up 6 s: stable, so the count starts again
    expect(statuses.at(-1)).toMatchObject({ attempt: 1, retryAt: Date.now() + 100 });
    expect(FakeSocket.made).toHaveLength(4);
    transport.close();
  });

  it('reconnects at once with a fresh token after 4002, and backs off if the new token is expired too', async () => {
    const { socket, statuses, tokenCount, transport } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket().accept(snapshot());
    socket().drop(4002, 'The token has expired.');
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', retryAt: Date.now(), reason: 'The token has expired.' });
    await vi.advanceTimersByTimeAsync(0);
    expect(tokenCount()).toBe(2);
    expect(socket().url).toContain('token=token-2');
    socket().drop(4002, 'The token has expired.'); // expired again at connect
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting' });
    const last = statuses.at(-1) as { retryAt: number };
    expect(last.retryAt).toBeGreaterThan(Date.now());
    transport.close();
  });

  it('stops for good on 4001 and 4003 and does not retry', async () => {
    for (const [code, errorCode] of [
      [4001, 'unauthorized'],
      [4003, 'forbidden'],
    ] as const) {
      const { socket, statuses, tokenCount } = setup();
      await vi.advanceTimersByTimeAsync(0);
      socket().drop(code, 'Refused.');
      expect(statuses.at(-1)).toEqual({ state: 'closed', reason: 'Refused.', error: { code: errorCode, message: 'Refused.' } });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(FakeSocket.made).toHaveLength(1);
      expect(tokenCount()).toBe(1);
    }
  });

  it('pings, and drops a connection silent for two intervals', async () => {
    const { socket, statuses, transport } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket().accept(snapshot());
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket().sent).toEqual(['{"kind":"ping"}']);
    socket().push({ kind: 'pong' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(statuses.at(-1)).toEqual({ state: 'online' });
    await vi.advanceTimersByTimeAsync(1000); // 2 s without a frame
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', reason: expect.stringMatching(/dead/) });
    expect(socket(0).closedWith ?? socket(0).readyState).toBeTruthy();
    transport.close();
  });

  it('fails requests in flight with unavailable when the socket drops, and answers by id', async () => {
    const { socket, transport } = setup({ requestTimeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(0);
    socket().accept(snapshot());
    const first = transport.request({ type: 'typing.start', roomId: 'general' });
    const second = transport.request({ type: 'typing.stop', roomId: 'general' });
    const [a, b] = socket().sent.map((text) => JSON.parse(text) as { id: string });
    socket().push({ kind: 'result', id: b!.id, ok: false, error: { code: 'forbidden', message: 'No.' } });
    await expect(second).rejects.toMatchObject({ code: 'forbidden', message: 'No.' });
    socket().push({ kind: 'result', id: a!.id, ok: true, value: { ttlMs: 5000 } });
    await expect(first).resolves.toEqual({ ttlMs: 5000 });
    const lost = transport.request({ type: 'typing.start', roomId: 'general' });
    socket().drop(1006);
    await expect(lost).rejects.toMatchObject({ code: 'unavailable' });
    const timedOutSocket = FakeSocket.made.length;
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.made.length).toBe(timedOutSocket + 1);
    socket().accept(snapshot());
    const slow = transport.request({ type: 'typing.start', roomId: 'general' });
    const check = expect(slow).rejects.toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(500);
    await check;
    transport.close();
  });

  it('refuses a request larger than the host takes with too_large, without sending it or dropping the socket', async () => {
    const { socket, transport } = setup({ maxFrameBytes: 1024 });
    await vi.advanceTimersByTimeAsync(0);
    socket().accept(snapshot());
    const sockets = FakeSocket.made.length;
    await expect(transport.request({ type: 'message.send', roomId: 'general', clientId: 'c_big', text: 'x'.repeat(2000) })).rejects.toMatchObject({ code: 'too_large' });
    expect(socket().sent).toEqual([]);
    expect(socket().closedWith).toBeNull();
    expect(FakeSocket.made.length).toBe(sockets);
    transport.close();
  });

  it('close() stops every timer and socket and says closed', async () => {
    const { socket, statuses, transport } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket().accept(snapshot());
    socket().drop(1006);
    transport.close();
    expect(statuses.at(-1)).toEqual({ state: 'closed', reason: 'Closed by the client.' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.made).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    await expect(transport.request({ type: 'room.listPublic' })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('retries at once when the browser says it is online again', async () => {
    const target = new EventTarget();
    const fakeWindow = { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target) };
    vi.stubGlobal('window', fakeWindow);
    try {
      const { socket, transport } = setup({ backoff: { baseMs: 10_000, maxMs: 10_000 } });
      await vi.advanceTimersByTimeAsync(0);
      socket().accept(snapshot());
      target.dispatchEvent(new Event('offline'));
      expect(FakeSocket.made).toHaveLength(1);
      target.dispatchEvent(new Event('online'));
      await vi.advanceTimersByTimeAsync(0);
      expect(FakeSocket.made).toHaveLength(2);
      transport.close();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
