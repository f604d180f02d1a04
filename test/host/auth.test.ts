import { ChatError } from '../../src/protocol';
import { createHost, signToken, verifyToken } from '../../src/host';
import { SECRET, rawClient, startHost } from '../transports/wsHelpers';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let running: Awaited<ReturnType<typeof startHost>> | null = null;
afterEach(async () => {
  await running?.host.close();
  running = null;
});

async function start(options: Parameters<typeof startHost>[0] = {}) {
  running = await startHost({ allowedOrigins: ['https://app.example'], ...options });
  return running;
}

describe('tokens', () => {
  it('signs and verifies an HS256 token with sub and exp', async () => {
    const token = await signToken({ userId: 'ana', secret: SECRET, ttlSeconds: 60 });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    const verified = await verifyToken(token, SECRET);
    expect(verified.userId).toBe('ana');
    expect(verified.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses a bad signature, an expired token, alg none, a missing sub', async () => {
    const wrong = await signToken({ userId: 'ana', secret: 'other', ttlSeconds: 60 });
    await expect(verifyToken(wrong, SECRET)).rejects.toMatchObject({ code: 'unauthorized', message: 'The token signature is not valid.' });
    const old = await signToken({ userId: 'ana', secret: SECRET, ttlSeconds: 60, now: () => Date.now() - 3_600_000 });
    await expect(verifyToken(old, SECRET)).rejects.toMatchObject({ code: 'unauthorized', message: 'The token has expired.' });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'ana', exp: Math.floor(Date.now() / 1000) + 60 })}.`;
    await expect(verifyToken(none, SECRET)).rejects.toBeInstanceOf(ChatError);
    await expect(verifyToken(none, SECRET)).rejects.toMatchObject({ code: 'unauthorized', message: 'The token is not signed with HS256.' });
    // A correctly signed token without sub.
    const { SignJWT } = await import('jose');
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(noSub, SECRET)).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/sub/) });
    await expect(verifyToken('', SECRET)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(verifyToken('not.a.jwt', SECRET)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('refuses a host without a secret unless in dev', () => {
    expect(() => createHost({})).toThrow(/secret/);
    expect(() => createHost({ dev: true })).not.toThrow();
  });
});

describe('the WebSocket handshake', () => {
  it('opens a session for a good token: the snapshot comes first', async () => {
    const { url, host } = await start();
    const raw = rawClient(url, { token: await host.signToken('ana') });
    const first = await raw.next(() => true);
    expect(first).toMatchObject({ kind: 'session', snapshot: { me: { id: 'ana' } } });
    const answer = await raw.request('r1', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'hello' });
    expect(answer).toMatchObject({ kind: 'result', id: 'r1', ok: true, value: { text: 'hello', authorId: 'ana', sequence: 1 } });
    raw.socket.close();
  });

  it('accepts an allowed browser origin', async () => {
    const { url, host } = await start();
    const raw = rawClient(url, { token: await host.signToken('bo') }, { origin: 'https://app.example' });
    expect(await raw.next(() => true)).toMatchObject({ kind: 'session' });
    raw.socket.close();
  });

  const refusals: [string, (host: Awaited<ReturnType<typeof startHost>>['host']) => Promise<{ query: Record<string, string>; origin?: string }>, number, RegExp][] = [
    ['a missing token', async () => ({ query: {} }), 4001, /token is required/],
    ['a bad signature', async () => ({ query: { token: await signToken({ userId: 'ana', secret: 'not-the-secret', ttlSeconds: 60 }) } }), 4001, /^The token signature is not valid\.$/],
    ['an expired token', async () => ({ query: { token: await signToken({ userId: 'ana', secret: SECRET, ttlSeconds: 60, now: () => Date.now() - 3_600_000 }) } }), 4002, /^The token has expired\.$/],
    ['alg none', async () => ({ query: { token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'ana', exp: Math.floor(Date.now() / 1000) + 600 })}.` } }), 4001, /^The token is not signed with HS256\.$/],
    ['garbage', async () => ({ query: { token: 'x'.repeat(40) } }), 4001, /malformed/],
    ['an unknown user', async (host) => ({ query: { token: await host.signToken('zed') } }), 4001, /Unknown user/],
    ['a wrong origin', async (host) => ({ query: { token: await host.signToken('ana') }, origin: 'https://evil.example' }), 4003, /Origin https:\/\/evil\.example is not allowed/],
  ];
  for (const [name, make, code, reason] of refusals) {
    it(`refuses ${name} with ${code} and a clear reason`, async () => {
      const { url, host } = await start();
      const { query, origin } = await make(host);
      const raw = rawClient(url, query, origin ? { origin } : {});
      const closed = await raw.closed;
      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
      expect(raw.frames).toEqual([]);
    });
  }

  it('refuses a missing Origin when told to', async () => {
    const { url, host } = await start({ allowMissingOrigin: false });
    const raw = rawClient(url, { token: await host.signToken('ana') });
    expect((await raw.closed).code).toBe(4003);
  });

  it('closes a session with 4002 when its token expires', async () => {
    const { url } = await start();
    // exp has one-second granularity: a 2 s token lives between 1 and 2 s.
    const token = await signToken({ userId: 'ana', secret: SECRET, ttlSeconds: 2 });
    const raw = rawClient(url, { token });
    expect(await raw.next(() => true)).toMatchObject({ kind: 'session' });
    const closed = await raw.closed;
    expect(closed).toEqual({ code: 4002, reason: 'The token has expired.' });
  });

  it('answers other paths with 404 and keeps serving', async () => {
    const { url, host } = await start();
    const wrong = rawClient(url.replace('/ws', '/nope'), { token: await host.signToken('ana') });
    await expect(new Promise((_, reject) => wrong.socket.once('error', reject))).rejects.toThrow(/404/);
    const raw = rawClient(url, { token: await host.signToken('ana') });
    expect(await raw.next(() => true)).toMatchObject({ kind: 'session' });
    raw.socket.close();
  });

  it('terminates a socket that misses two pings', async () => {
    const { url, host } = await start({ heartbeatIntervalMs: 40 });
    const silent = rawClient(url, { token: await host.signToken('ana') }, { autoPong: false });
    const alive = rawClient(url, { token: await host.signToken('bo') });
    await silent.next(() => true);
    await alive.next(() => true);
    const closed = await silent.closed;
    expect(closed.code).toBe(1006);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
    alive.socket.close();
  });
});

describe('HTTP', () => {
  it('has no /dev/token outside dev mode', async () => {
    const { url } = await start();
    const base = url.replace('ws://', 'http://').replace('/ws', '');
    const response = await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ userId: 'ana' }) });
    expect(response.status).toBe(404);
  });

  it('gives dev tokens for valid ids in dev mode, and seeds a demo', async () => {
    const dev = createHost({ dev: true, port: 0 });
    const { url } = await dev.listen();
    try {
      expect(dev.server.getRoom('general')).toBeDefined();
      expect(dev.server.getRoom('random')).toBeDefined();
      expect(dev.server.getUser('chen')).toBeDefined();
      const base = url.replace('ws://', 'http://').replace('/ws', '');
      const bad = await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ userId: 'Not Valid!' }) });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'invalid' } });
      const notJson = await fetch(`${base}/dev/token`, { method: 'POST', body: '{' });
      expect(notJson.status).toBe(400);
      const good = await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ userId: 'dana', name: 'Dana' }) });
      expect(good.status).toBe(200);
      const { token } = (await good.json()) as { token: string };
      expect((await verifyToken(token, dev.secret)).userId).toBe('dana');
      expect((await dev.server.getUser('dana'))?.name).toBe('Dana');
      const raw = rawClient(url, { token });
      const session = await raw.next(() => true);
      expect(session).toMatchObject({ kind: 'session', snapshot: { me: { id: 'dana' } } });
      expect((session.snapshot as { rooms: { id: string }[] }).rooms.map((room) => room.id)).toContain('general');
      raw.socket.close();
    } finally {
      await dev.close();
    }
  });

  it('runs extra routes with authenticateRequest (header or access_token)', async () => {
    const { url, host } = await start({
      extraRoutes: [
        async (req, res, { authenticate }) => {
          if (!req.url?.startsWith('/whoami')) return false;
          const userId = await authenticate(req);
          res.end(userId);
          return true;
        },
      ],
    });
    const base = url.replace('ws://', 'http://').replace('/ws', '');
    const token = await host.signToken('chen');
    expect(await (await fetch(`${base}/whoami`, { headers: { authorization: `Bearer ${token}` } })).text()).toBe('chen');
    expect(await (await fetch(`${base}/whoami?access_token=${token}`)).text()).toBe('chen');
    const refused = await fetch(`${base}/whoami`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('fails to listen on a taken port with a clear error', async () => {
    const { port } = await start();
    const other = createHost({ secret: SECRET, port });
    await expect(other.listen()).rejects.toThrow(/EADDRINUSE/);
    await other.close();
  });
});
