import { selectGaps } from '../../src/core';
import { createHost, type HandledRequest } from '../../src/host';
import { createWebSocketTransport } from '../../src/transports/websocket';
import { WebSocket, WebSocketServer } from 'ws';
import { pendingOf, sleep, startHost, timelineOf, until, wsClient, type TestClient } from './wsHelpers';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const extraHosts: ReturnType<typeof createHost>[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.client.close();
  await running?.host.close();
  running = null;
  for (const host of extraHosts.splice(0)) await host.close();
});

function track(c: TestClient): TestClient {
  clients.push(c);
  return c;
}

describe('WebSocket transport', () => {
  it('sends and receives between two clients', async () => {
    running = await startHost();
    const { url, host } = running;
    const ana = track(wsClient(url, host, 'ana'));
    const bo = track(wsClient(url, host, 'bo'));
    await Promise.all([ana.client.connect(), bo.client.connect()]);
    expect(ana.client.store.getState().connection).toEqual({ state: 'online' });
    await bo.client.loadOlder('general');
    const sent = await ana.client.sendMessage('general', { text: 'hello bo' });
    expect(sent).toMatchObject({ authorId: 'ana', text: 'hello bo', sequence: 1 });
    await until(() => timelineOf(bo.client, 'general').length === 1, 3000, 'bo receives');
    expect(timelineOf(bo.client, 'general')[0]).toMatchObject({ id: sent.id, text: 'hello bo' });
    const reply = await bo.client.sendMessage('general', { text: 'hi ana' });
    await until(() => timelineOf(ana.client, 'general').some((m) => m.id === reply.id), 3000, 'ana receives');
    expect(timelineOf(ana.client, 'general').map((m) => m.text)).toEqual(['hello bo', 'hi ana']);
    expect(ana.statuses[0]).toEqual({ state: 'connecting' });
    expect(ana.errors).toEqual([]);
  });

  it('rejects with unavailable when not connected or when the socket drops, and with timeout when no answer comes', async () => {
    running = await startHost();
    const { url, host } = running;
    const transport = createWebSocketTransport({ url, tokenProvider: () => host.signToken('ana'), WebSocket, requestTimeoutMs: 100 });
    await expect(transport.request({ type: 'room.listPublic' })).rejects.toMatchObject({ code: 'unavailable' });
    const online = new Promise<void>((resolve) => transport.open({ onSession: () => resolve(), onEvent: () => {}, onStatus: () => {} }));
    await online;
    await expect(transport.request({ type: 'room.listPublic' })).resolves.toEqual(expect.any(Array));
    transport.close();
    await expect(transport.request({ type: 'room.listPublic' })).rejects.toMatchObject({ code: 'unavailable' });

    // A peer that opens the session and then never answers.
    const snapshot = running.server.connect('ana', () => {}).snapshot();
    const mute = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => mute.once('listening', resolve));
    mute.on('connection', (socket) => socket.send(JSON.stringify({ kind: 'session', snapshot })));
    try {
      const slow = createWebSocketTransport({ url: `ws://127.0.0.1:${(mute.address() as { port: number }).port}/ws`, tokenProvider: () => 't', WebSocket, requestTimeoutMs: 100 });
      await new Promise<void>((resolve) => slow.open({ onSession: () => resolve(), onEvent: () => {}, onStatus: () => {} }));
      const started = Date.now();
      await expect(slow.request({ type: 'room.listPublic' })).rejects.toMatchObject({ code: 'timeout' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
      // In flight when the socket drops: unavailable at once.
      const inFlight = slow.request({ type: 'room.listPublic' });
      for (const socket of mute.clients) socket.terminate();
      await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
      slow.close();
    } finally {
      for (const socket of mute.clients) socket.terminate();
      await new Promise((resolve) => mute.close(resolve));
    }
  });

  it('delivers a send exactly once when the socket dies after the server acted, before the ack', async () => {
    let kills = 0;
    running = await startHost({
      onRequestHandled(request: HandledRequest) {
        const command = request.command as { type?: string };
        if (command.type === 'message.send' && request.userId === 'ana' && kills < 2) {
          kills++;
          request.terminate();
        }
      },
    });
    const { url, host, server } = running;
    const ana = track(wsClient(url, host, 'ana'));
    const bo = track(wsClient(url, host, 'bo'));
    await Promise.all([ana.client.connect(), bo.client.connect()]);
    await bo.client.loadOlder('general');
    const sending = ana.client.sendMessage('general', { text: 'once only' });
    const second = ana.client.sendMessage('general', { text: 'and me too' });
    const [first, next] = await Promise.all([sending, second]);
    expect(kills).toBe(2);
    expect(first.text).toBe('once only');
    expect(next.sequence).toBe(first.sequence + 1);
    expect(server.getRoom('general')?.lastSequence).toBe(2);
    await until(() => timelineOf(bo.client, 'general').length === 2, 3000, 'bo has both');
    await sleep(50);
    for (const c of [ana, bo]) {
      const texts = timelineOf(c.client, 'general').map((m) => m.text);
      expect(texts, c.userId).toEqual(['once only', 'and me too']);
      expect(pendingOf(c.client, 'general')).toEqual([]);
    }
    expect(ana.statuses.some((s) => s.state === 'reconnecting')).toBe(true);
  });

  it('delivers a send exactly once when the client socket dies right after sending', async () => {
    running = await startHost();
    const { url, host, server } = running;
    const ana = track(wsClient(url, host, 'ana'));
    const bo = track(wsClient(url, host, 'bo'));
    await Promise.all([ana.client.connect(), bo.client.connect()]);
    await bo.client.loadOlder('general');
    for (let i = 0; i < 5; i++) {
      const socket = ana.sockets[ana.sockets.length - 1]!;
      await until(() => socket.readyState === socket.OPEN && ana.client.store.getState().connection.state === 'online', 3000, 'online');
      const sending = ana.client.sendMessage('general', { text: `msg ${i}` });
      // Kill the connection with the frame in flight (it may or may not have reached the host).
      if (i % 2 === 0) socket.terminate();
      else setImmediate(() => socket.terminate());
      await sending;
    }
    await until(() => timelineOf(bo.client, 'general').length === 5, 3000, 'bo has all five');
    expect(server.getRoom('general')?.lastSequence).toBe(5);
    for (const c of [ana, bo]) {
      expect(timelineOf(c.client, 'general').map((m) => m.text)).toEqual(['msg 0', 'msg 1', 'msg 2', 'msg 3', 'msg 4']);
      expect(pendingOf(c.client, 'general')).toEqual([]);
    }
  });

  it('marks the gap after 300 missed messages and fills it exactly, in order, once each', async () => {
    running = await startHost();
    const { url, host, server } = running;
    let release: () => void = () => {};
    let gate: Promise<void> | null = null;
    const ana = track(wsClient(url, host, 'ana'));
    const bo = track(
      wsClient(url, host, 'bo', {
        tokenProvider: async () => {
          if (gate) await gate;
          return host.signToken('bo');
        },
      }),
    );
    await Promise.all([ana.client.connect(), bo.client.connect()]);
    await ana.client.sendMessage('general', { text: 'before' });
    await bo.client.loadOlder('general');
    expect(timelineOf(bo.client, 'general').map((m) => m.text)).toEqual(['before']);

    // bo goes offline: the socket dies, and no token comes until released.
    gate = new Promise<void>((resolve) => (release = resolve));
    bo.sockets[bo.sockets.length - 1]!.terminate();
    await until(() => bo.client.store.getState().connection.state === 'reconnecting', 3000, 'bo reconnecting');

    const sent: string[] = [];
    for (let i = 0; i < 300; i++) sent.push((await ana.client.sendMessage('general', { text: `m${i}` })).id);
    expect(server.getRoom('general')?.lastSequence).toBe(301);

    release();
    gate = null;
    // After the resume: the newest 100 are held, and what lies between is a gap.
    await until(() => timelineOf(bo.client, 'general').length === 101, 5000, 'resume');
    const gaps = selectGaps(bo.client.store.getState(), 'general');
    expect(gaps).toEqual([{ from: 2, to: 201 }]);

    for (let i = 0; i < 10 && selectGaps(bo.client.store.getState(), 'general').length > 0; i++) await bo.client.fillGap('general');
    expect(selectGaps(bo.client.store.getState(), 'general')).toEqual([]);
    const messages = timelineOf(bo.client, 'general');
    expect(messages.map((m) => m.text)).toEqual(['before', ...Array.from({ length: 300 }, (_, i) => `m${i}`)]);
    expect(messages.slice(1).map((m) => m.id)).toEqual(sent);
    expect(messages.map((m) => m.sequence)).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
  });

  it('asks for a fresh token when the host closes with 4002, and the session resumes', async () => {
    running = await startHost();
    const { url, host } = running;
    const ana = track(wsClient(url, host, 'ana', { ttlSeconds: 2 }));
    const bo = track(wsClient(url, host, 'bo'));
    await Promise.all([ana.client.connect(), bo.client.connect()]);
    await ana.client.loadOlder('general');
    await until(() => ana.tokenCalls >= 2 && ana.client.store.getState().connection.state === 'online', 5000, 'a second token');
    expect(ana.statuses.some((s) => s.state === 'reconnecting' && s.reason === 'The token has expired.')).toBe(true);
    expect(ana.statuses.some((s) => s.state === 'closed')).toBe(false);
    const message = await bo.client.sendMessage('general', { text: 'after expiry' });
    await until(() => timelineOf(ana.client, 'general').some((m) => m.id === message.id), 3000, 'ana receives after expiry');
    const mine = await ana.client.sendMessage('general', { text: 'me too' });
    expect(mine.authorId).toBe('ana');
  });

  it('shows the reconnect backoff in its status, with full jitter, and comes back', async () => {
    running = await startHost();
    const { url, host, port, server } = running;
    const ana = track(wsClient(url, host, 'ana', { now: () => 1_000_000, random: () => 0.5, backoff: { baseMs: 40, maxMs: 100 } }));
    await ana.client.connect();
    await running.host.close();
    running = null;
    await until(() => ana.statuses.filter((s) => s.state === 'reconnecting').length >= 4, 5000, 'several attempts');
    const attempts = ana.statuses.filter((s) => s.state === 'reconnecting');
    expect(attempts.slice(0, 4)).toEqual([
      expect.objectContaining({ attempt: 1, retryAt: 1_000_000 + 0.5 * 40 }),
      expect.objectContaining({ attempt: 2, retryAt: 1_000_000 + 0.5 * 80 }),
      expect.objectContaining({ attempt: 3, retryAt: 1_000_000 + 0.5 * 100 }),
      expect.objectContaining({ attempt: 4, retryAt: 1_000_000 + 0.5 * 100 }),
    ]);
    expect(attempts[0]?.state === 'reconnecting' && attempts[0].reason).toBe('The server is shutting down.');
    // The host comes back on the same port.
    const again = createHost({ port, secret: host.secret, server, onError: () => {} });
    extraHosts.push(again);
    await again.listen();
    await until(() => ana.client.store.getState().connection.state === 'online', 5000, 'back online');
    const message = await ana.client.sendMessage('general', { text: 'back' });
    expect(message.text).toBe('back');
  });

  it('stops for good on 4001 and 4003, with the reason, without retrying', async () => {
    running = await startHost({ allowedOrigins: [] });
    const { url } = running;
    const refused = track(wsClient(url, { signToken: async () => 'not-a-token' }, 'ana'));
    await expect(refused.client.connect()).rejects.toMatchObject({ code: 'unauthorized', message: 'The token is malformed.' });
    await sleep(100);
    expect(refused.tokenCalls).toBe(1);
    expect(refused.statuses.at(-1)).toEqual({ state: 'closed', reason: 'The token is malformed.', error: { code: 'unauthorized', message: 'The token is malformed.' } });

    const { host } = running;
    class BrowserLike extends WebSocket {
      constructor(address: string) {
        super(address, { origin: 'https://elsewhere.example' });
      }
    }
    const foreign = track(wsClient(url, host, 'ana', { WebSocket: BrowserLike }));
    await expect(foreign.client.connect()).rejects.toMatchObject({ code: 'forbidden' });
    expect(foreign.statuses.at(-1)).toMatchObject({ state: 'closed', error: { code: 'forbidden', message: 'Origin https://elsewhere.example is not allowed.' } });
  });

  it('detects a dead connection by its silence and reconnects', async () => {
    running = await startHost();
    const { url, host } = running;
    const ana = track(wsClient(url, host, 'ana', { heartbeatIntervalMs: 30 }));
    await ana.client.connect();
    // Quiet but alive: pongs keep it up.
    await sleep(150);
    expect(ana.sockets).toHaveLength(1);
    // Now the server side stops answering: pause the socket so no frame arrives.
    ana.sockets[0]!.pause();
    await until(() => ana.sockets.length === 2 && ana.client.store.getState().connection.state === 'online', 3000, 'a new socket');
    expect(ana.statuses.some((s) => s.state === 'reconnecting' && /dead/.test(s.reason ?? ''))).toBe(true);
  });

  it('reports a malformed frame from the server and keeps the connection', async () => {
    running = await startHost();
    const { url, host } = running;
    const ana = track(wsClient(url, host, 'ana'));
    await ana.client.connect();
    // The host never sends garbage, so feed frames to the client's socket as if it had.
    const socket = ana.sockets[0]!;
    socket.emit('message', Buffer.from('{"kind":"event","event":{"type":"message.created","message":{"id":1}}}'), false);
    socket.emit('message', Buffer.from('not json'), false);
    socket.emit('message', Buffer.from('{"kind":"result","id":"nope","ok":true}'), false);
    expect(ana.errors.map((e) => (e as Error).message)).toEqual([
      expect.stringMatching(/^Malformed server event/),
      'The server sent a frame that is not valid JSON.',
      expect.stringMatching(/^The server sent a malformed frame/),
    ]);
    const message = await ana.client.sendMessage('general', { text: 'still fine' });
    expect(message.text).toBe('still fine');
    expect(ana.sockets).toHaveLength(1);
  });
});
