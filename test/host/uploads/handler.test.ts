import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatError, type Attachment } from '../../../src/protocol';
import { createReferenceServer, toChatServer, type ReferenceServer } from '../../../src/server';
import { createHost } from '../../../src/host';
import { createMemoryFileStore, createUploadHandler, looksLikeMarkup, watchFileLifecycle } from '../../../src/host/uploads';

interface ErrorBody {
  error: { code: string; message: string };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T = ErrorBody>(): T;
}

/** One HTTP request with node:http. `chunks` are written one by one (chunked encoding unless a length is given). */
function call(port: number, options: { method?: string; path: string; headers?: Record<string, string | number>; chunks?: Array<Buffer | string> }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(parts);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T,>() => JSON.parse(body.toString('utf8')) as T });
      });
    });
    // The server may answer (413) and close before the whole body is written; the answer is what counts.
    req.on('error', (error) => setTimeout(() => reject(error), 200));
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0]);
const png = Buffer.concat([PNG_HEADER, Buffer.alloc(100, 1)]);

function world() {
  const server = createReferenceServer({ floodLimit: false });
  for (const id of ['ana', 'bo', 'eve']) server.upsertUser({ id, name: id });
  server.createRoom({ id: 'team', name: 'team', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
  return server;
}

/** Fake authentication: the bearer token (or access_token) is the user id, if the user exists. */
function fakeAuthenticate(server: ReferenceServer) {
  return async (req: { headers: IncomingHttpHeaders; url?: string }) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : new URL(req.url ?? '/', 'http://x').searchParams.get('access_token');
    if (!token || !server.getUser(token)) throw new ChatError('unauthorized', 'A valid token is required.');
    return token;
  };
}

describe('upload handler on a bare node:http server', () => {
  let http: Server;
  let port: number;
  let server: ReferenceServer;

  beforeEach(async () => {
    server = world();
    const handler = createUploadHandler({ server: toChatServer(server), authenticate: fakeAuthenticate(server), maxBytes: 1000 });
    http = createServer((req, res) => {
      handler(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end('not mine');
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    port = (http.address() as AddressInfo).port;
  });
  afterEach(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  const upload = (user: string | null, type: string, body: Buffer | string, query = 'roomId=team&name=file') =>
    call(port, { method: 'POST', path: `/uploads?${query}`, headers: { 'content-type': type, 'content-length': Buffer.byteLength(body), ...(user ? { authorization: `Bearer ${user}` } : {}) }, chunks: [body] });

  it('stores a member’s PNG and serves it to members with safe headers', async () => {
    const answer = await upload('bo', 'image/png', png, `roomId=team&name=${encodeURIComponent('holiday/../cat\u202Egnp.exe')}`);
    expect(answer.status).toBe(201);
    const attachment = answer.json<Attachment>();
    expect(attachment).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'catgnp.exe', type: 'image/png', size: png.length, url: `/uploads/${attachment.id}`, width: 2, height: 3 });

    const fetched = await call(port, { path: attachment.url, headers: { authorization: 'Bearer ana' } });
    expect(fetched.status).toBe(200);
    expect(fetched.body.equals(png)).toBe(true);
    expect(fetched.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `inline; filename="catgnp.exe"; filename*=UTF-8''catgnp.exe`,
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'private, max-age=3600',
    });
    // <img src> cannot send a header: the token may come as access_token.
    expect((await call(port, { path: `${attachment.url}?access_token=bo` })).status).toBe(200);
  });

  it('refuses a file over the limit from its Content-Length, before reading it (413)', async () => {
    const answer = await upload('ana', 'application/pdf', Buffer.alloc(1001, 0x25));
    expect(answer.status).toBe(413);
    expect(answer.json()).toEqual({ error: { code: 'too_large', message: 'The file is 1001 bytes; the limit is 1000 bytes.' } });
  });

  it('cuts a streamed upload without a length as soon as it passes the limit (413)', async () => {
    const answer = await call(port, {
      method: 'POST',
      path: '/uploads?roomId=team&name=big.bin',
      headers: { authorization: 'Bearer ana', 'content-type': 'application/octet-stream' },
      chunks: [Buffer.alloc(600), Buffer.alloc(600)],
    });
    expect(answer.status).toBe(413);
    expect(answer.json().error.code).toBe('too_large');
    expect(answer.headers.connection).toBe('close');
  });

  it('refuses a .png whose bytes are HTML, and markup under other non-markup types (415)', async () => {
    const html = '\n  <!DOCTYPE html><html><script>alert(document.cookie)</script></html>';
    for (const [type, body] of [
      ['image/png', html],
      ['image/png', Buffer.from([0xff, 0xd8, 0xff, 0xe0])], // a JPEG is not a PNG
      ['image/gif', '<svg onload="alert(1)"/>'],
      ['application/octet-stream', '<script>alert(1)</script>'],
      ['application/json', '<?xml version="1.0"?><x/>'],
      ['video/mp4', '<iframe src=x>'],
    ] as const) {
      const answer = await upload('ana', type, body);
      expect(answer.status, `${type}: ${String(body).slice(0, 20)}`).toBe(415);
      expect(answer.json()).toEqual({ error: { code: 'invalid', message: "The file's content does not match its type." } });
    }
    // Text is text: a README may open with markup; it is only ever downloaded.
    expect((await upload('ana', 'text/markdown', '<p align="center">Logo</p>\n# Title')).status).toBe(201);
  });

  it('serves a PDF and an SVG as downloads, and HTML as opaque bytes', async () => {
    const pdf = (await upload('ana', 'application/pdf', '%PDF-1.7 …', 'roomId=team&name=Q3%20r%C3%A9sum%C3%A9.pdf')).json<Attachment>();
    const pdfAnswer = await call(port, { path: pdf.url, headers: { authorization: 'Bearer ana' } });
    expect(pdfAnswer.headers['content-type']).toBe('application/pdf');
    expect(pdfAnswer.headers['content-disposition']).toBe(`attachment; filename="Q3 r_sum_.pdf"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9.pdf`);
    expect(pdfAnswer.headers['x-content-type-options']).toBe('nosniff');

    const svgBody = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const svg = await upload('ana', 'image/svg+xml', svgBody, 'roomId=team&name=logo.svg');
    expect(svg.status).toBe(201);
    const svgAnswer = await call(port, { path: (svg.json<Attachment>()).url, headers: { authorization: 'Bearer bo' } });
    expect(svgAnswer.headers).toMatchObject({
      'content-type': 'image/svg+xml',
      'content-disposition': `attachment; filename="logo.svg"; filename*=UTF-8''logo.svg`,
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
    });

    const page = (await upload('ana', 'text/html', '<html><script>alert(1)</script></html>', 'roomId=team&name=page.html')).json<Attachment>();
    const pageAnswer = await call(port, { path: page.url, headers: { authorization: 'Bearer ana' } });
    expect(pageAnswer.headers['content-type']).toBe('application/octet-stream');
    expect(pageAnswer.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('lets only members upload and fetch: 401 without a token, 403 for others, 404 for no such file', async () => {
    const stored = (await upload('ana', 'image/png', png)).json<Attachment>();

    const anonymous = await upload(null, 'image/png', png);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expect(anonymous.json().error.code).toBe('unauthorized');
    expect((await call(port, { path: stored.url })).status).toBe(401);
    expect((await call(port, { path: stored.url, headers: { authorization: 'Bearer nobody' } })).status).toBe(401);

    const outsider = await upload('eve', 'image/png', png);
    expect(outsider.status).toBe(403);
    expect(outsider.json().error.code).toBe('forbidden');
    expect((await upload('eve', 'image/png', png, 'roomId=no-such-room')).status).toBe(403);
    const peek = await call(port, { path: stored.url, headers: { authorization: 'Bearer eve' } });
    expect(peek.status).toBe(403);
    expect(peek.json().error.code).toBe('forbidden');
    expect(peek.body.includes(png.subarray(0, 8))).toBe(false);

    expect((await call(port, { path: '/uploads/0123456789abcdef0123456789abcdef', headers: { authorization: 'Bearer ana' } })).status).toBe(404);
    expect((await call(port, { path: '/uploads/..%2f..%2fetc%2fpasswd', headers: { authorization: 'Bearer ana' } })).status).toBe(404);

    // Removed from the room: no longer allowed to fetch.
    server.actAs('ana', { type: 'room.removeMembers', roomId: 'team', userIds: ['bo'] });
    expect((await call(port, { path: stored.url, headers: { authorization: 'Bearer bo' } })).status).toBe(403);
  });

  it('answers bad requests with JSON errors and leaves other paths alone', async () => {
    expect((await upload('ana', 'image/png', png, 'name=x.png')).json().error.code).toBe('invalid');
    expect((await upload('ana', 'not a type', 'x')).status).toBe(400);
    const wrongMethod = await call(port, { method: 'DELETE', path: '/uploads/abc', headers: { authorization: 'Bearer ana' } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
    const other = await call(port, { path: '/uploadsX' });
    expect(other.body.toString()).toBe('not mine');
  });
});

describe('upload helpers', () => {
  it('looksLikeMarkup follows how browsers sniff HTML', () => {
    const is = (text: string) => looksLikeMarkup(Buffer.from(text));
    expect(is('  <HTML>')).toBe(true);
    expect(is('\ufeff<script src=x>')).toBe(true);
    expect(is('<a href=x>')).toBe(true);
    expect(is('<!-- x -->')).toBe(true);
    expect(is('<abbr>')).toBe(false);
    expect(is('hello <b>')).toBe(false);
    expect(looksLikeMarkup(Buffer.from('\ufeff<html>', 'utf16le'))).toBe(true);
  });
});

describe('upload handler through createHost', () => {
  it('works as an extra route, with the host’s tokens and CORS', async () => {
    const server = world();
    // The route authenticates with the host's own tokens (host.authenticate), used once it exists.
    const handler = createUploadHandler({ server: toChatServer(server), authenticate: (req) => host.authenticate(req) });
    const host = createHost({
      port: 0,
      secret: 'test-secret-test-secret-test-secret',
      server,
      allowedOrigins: ['https://app.example'],
      extraRoutes: [handler],
    });
    const { port } = await host.listen();
    try {
      const token = await host.signToken('bo');
      const posted = await call(port, {
        method: 'POST',
        path: '/uploads?roomId=team&name=cat.png',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png', 'content-length': png.length, origin: 'https://app.example' },
        chunks: [png],
      });
      expect(posted.status).toBe(201);
      expect(posted.headers['access-control-allow-origin']).toBe('https://app.example');
      const attachment = posted.json<Attachment>();
      const fetched = await call(port, { path: `${attachment.url}?access_token=${token}` });
      expect(fetched.status).toBe(200);
      expect(fetched.body.equals(png)).toBe(true);
      const forged = await call(port, { path: attachment.url, headers: { authorization: 'Bearer not-a-jwt' } });
      expect(forged.status).toBe(401);
      const outsider = await call(port, { path: attachment.url, headers: { authorization: `Bearer ${await host.signToken('eve')}` } });
      expect(outsider.status).toBe(403);
    } finally {
      await host.close();
    }
  });
});

describe('createHost serves uploads by default', () => {
  it('answers /uploads with its own route, sized by options.uploads; uploads: false turns it off', async () => {
    const server = world();
    const host = createHost({ port: 0, secret: 'test-secret-test-secret-test-secret', server, uploads: { maxBytes: 50, publicBaseUrl: 'https://files.example/' } });
    const off = createHost({ port: 0, secret: 'test-secret-test-secret-test-secret', server, uploads: false });
    const [{ port }, { port: offPort }] = await Promise.all([host.listen(), off.listen()]);
    try {
      const token = await host.signToken('ana');
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'image/png' };
      const small = png.subarray(0, 40);
      const posted = await call(port, { method: 'POST', path: '/uploads?roomId=team&name=a.png', headers: { ...headers, 'content-length': small.length }, chunks: [small] });
      expect(posted.status).toBe(201);
      expect(posted.json<Attachment>().url).toMatch(/^https:\/\/files\.example\/uploads\/[0-9a-f]{32}$/);
      const big = await call(port, { method: 'POST', path: '/uploads?roomId=team&name=a.png', headers: { ...headers, 'content-length': png.length }, chunks: [png] });
      expect(big.status).toBe(413);
      const none = await call(offPort, { method: 'POST', path: '/uploads?roomId=team', headers: { ...headers, 'content-length': small.length }, chunks: [small] });
      expect(none.status).toBe(404);
    } finally {
      await Promise.all([host.close(), off.close()]);
    }
  });
});

describe('short-lived signed links and the life of a file', () => {
  it('signs links for members only, which open the file without credentials until they expire', async () => {
    const server = world();
    let clock = 1_700_000_000_000;
    const host = createHost({ port: 0, secret: 'test-secret-test-secret-test-secret', server, now: () => clock });
    const { port } = await host.listen();
    try {
      const bo = await host.signToken('bo');
      const posted = await call(port, { method: 'POST', path: '/uploads?roomId=team&name=cat.png', headers: { authorization: `Bearer ${bo}`, 'content-type': 'image/png', 'content-length': png.length }, chunks: [png] });
      const attachment = posted.json<Attachment>();
      const sign = (token: string, ids: unknown) =>
        call(port, { method: 'POST', path: '/uploads/sign', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, chunks: [JSON.stringify({ ids })] });
      const signed = (await sign(bo, [attachment.id, 'f'.repeat(32)])).json<{ urls: Record<string, string> }>();
      expect(Object.keys(signed.urls)).toEqual([attachment.id]);
      const link = signed.urls[attachment.id] as string;
      expect(link).toMatch(/^\/uploads\/[0-9a-f]{32}\?expires=\d+&signature=/);
      // No credentials at all, as an <img> sends none.
      const opened = await call(port, { path: link });
      expect(opened.status).toBe(200);
      expect(opened.body.equals(png)).toBe(true);
      expect(opened.headers['cache-control']).toMatch(/^private, max-age=(9\d\d)$/);
      // Someone outside the room gets no link for it.
      expect((await sign(await host.signToken('eve'), [attachment.id])).json<{ urls: object }>().urls).toEqual({});
      // A tampered or expired link is refused with a sentence.
      expect((await call(port, { path: link.replace(/signature=./, 'signature=A') })).status).toBe(403);
      clock += 16 * 60 * 1000;
      const expired = await call(port, { path: link });
      expect(expired.status).toBe(403);
      expect(expired.json().error.message).toMatch(/expired/);
      // Bad bodies are typed errors.
      expect((await sign(bo, 'nope')).status).toBe(400);
      expect((await sign(bo, Array.from({ length: 101 }, () => attachment.id))).status).toBe(400);
    } finally {
      await host.close();
    }
  });

  it('deletes a file with its message and keeps it while the message stands', async () => {
    const server = world();
    const store = createMemoryFileStore();
    const host = createHost({ port: 0, secret: 'test-secret-test-secret-test-secret', server, uploads: { store } });
    const { port } = await host.listen();
    try {
      const bo = await host.signToken('bo');
      const upload = async () =>
        (await call(port, { method: 'POST', path: '/uploads?roomId=team&name=cat.png', headers: { authorization: `Bearer ${bo}`, 'content-type': 'image/png', 'content-length': png.length }, chunks: [png] })).json<Attachment>();
      const kept = await upload();
      const doomed = await upload();
      const send = (attachment: Attachment, clientId: string) => server.actAs('bo', { type: 'message.send', roomId: 'team', clientId, text: '', attachments: [attachment] });
      const first = send(kept, 'c1');
      const second = send(doomed, 'c2');
      if (!first.ok || !second.ok) throw new Error('send failed');
      await vi.waitFor(async () => expect((await store.info(doomed.id))?.messageId).toBe(second.value.id));
      server.actAs('bo', { type: 'message.delete', roomId: 'team', messageId: second.value.id });
      await vi.waitFor(async () => expect(await store.read(doomed.id)).toBeUndefined());
      expect(await store.read(kept.id)).toBeDefined();
    } finally {
      await host.close();
    }
  });
});

describe('watchFileLifecycle', () => {
  it('sweeps uploads nobody sent after a day, and deletes a deleted room’s files', async () => {
    const server = world();
    const store = createMemoryFileStore();
    let clock = 0;
    const errors: unknown[] = [];
    const stop = watchFileLifecycle({ subscribe: (listener) => server.subscribe(listener), store, fileIdOf: (_url, id) => id, now: () => clock, sweepIntervalMs: 20, onError: (error) => errors.push(error) });
    try {
      const file = (n: number, roomId = 'team') => ({ id: n.toString(16).padStart(32, '0'), roomId, uploaderId: 'ana', name: 'a', type: 'text/plain', size: 1, createdAt: 0 });
      await store.put(file(1), Buffer.from('a'));
      await store.put(file(2), Buffer.from('b'));
      const sent = server.actAs('ana', { type: 'message.send', roomId: 'team', clientId: 'c', text: '', attachments: [{ id: file(2).id, name: 'a', type: 'text/plain', size: 1, url: `/uploads/${file(2).id}` }] });
      expect(sent.ok).toBe(true);
      await vi.waitFor(async () => expect((await store.info(file(2).id))?.messageId).toBeDefined());
      clock = 25 * 60 * 60 * 1000;
      await vi.waitFor(async () => expect(await store.read(file(1).id)).toBeUndefined());
      expect(await store.read(file(2).id)).toBeDefined();
      server.actAs('ana', { type: 'room.delete', roomId: 'team' });
      await vi.waitFor(async () => expect(await store.read(file(2).id)).toBeUndefined());
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });
});
