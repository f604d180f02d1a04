import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { crc32, deflateSync, gzipSync } from 'node:zlib';

/** A real PNG of the given size (grey pixels), small enough for tests and shown by browsers. */
export function tinyPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.byteLength);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let row = 0; row < height; row++) rows[row * (width + 1)] = 0; // filter: none
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

export const COVER = tinyPng(4, 3);

/** What a gzip bomb inflates to: 16 MiB from about 16 KiB, far past every cap (made once, on first use). */
const BOMB_BYTES = 16 * 1024 * 1024;
let imageBomb: Buffer | undefined;
let pageBomb: Buffer | undefined;

/** What the test site saw of each request. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

/**
 * A local web site on 127.0.0.1 for preview tests: normal and hostile pages, images, redirects
 * (to private addresses, in circles), slow answers and a gzip bomb. Nothing reaches the internet.
 */
export async function startSite(): Promise<{ origin: string; port: number; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  let origin = '';
  const html = (body: string) => ({ 'content-type': 'text/html; charset=utf-8', body });
  const pages: Record<string, () => { status?: number; headers?: Record<string, string>; body?: string | Buffer; hang?: boolean }> = {
    '/article': () => ({
      headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'tracking=1' },
      body: `<!doctype html><html><head><title>Fallback</title>
        <meta property="og:title" content="Local article"><meta property="og:description" content="Served by the test site">
        <meta property="og:site_name" content="Test Site"><meta property="og:image" content="/cover.png"></head>
        <body>${'<p>body</p>'.repeat(1000)}</body></html>`,
    }),
    '/hostile': () => {
      const page = html(`<head><meta property="og:title" content="<script>alert('t')</script>${'T'.repeat(300 * 1024)}">
        <meta property="og:description" content="<img src=x onerror=alert(1)> javascript:alert(2)">
        <meta property="og:image" content="javascript:alert(3)"><meta name="twitter:image" content="data:image/png;base64,iVBORw0KGgo="></head>`);
      return { headers: { 'content-type': page['content-type'] }, body: page.body };
    },
    // A megabyte of markup as a title, past the 512 KiB read limit: the title never closes within what is read.
    '/hostile-huge': () => ({ headers: { 'content-type': 'text/html' }, body: `<head><title>${'<b>'.repeat(350 * 1024)}</title></head>` }),
    '/cover.png': () => ({ headers: { 'content-type': 'image/png' }, body: COVER }),
    '/lying.png': () => ({ headers: { 'content-type': 'image/png' }, body: '<html><script>alert(1)</script></html>' }),
    '/huge.png': () => ({ headers: { 'content-type': 'image/png' }, body: Buffer.concat([COVER, Buffer.alloc(3 * 1024 * 1024)]) }),
    '/bomb.png': () => ({ headers: { 'content-type': 'image/png', 'content-encoding': 'gzip' }, body: (imageBomb ??= gzipSync(Buffer.concat([COVER, Buffer.alloc(BOMB_BYTES)]))) }),
    '/bomb': () => ({ headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: (pageBomb ??= gzipSync(Buffer.concat([Buffer.from('<html><head><title>Bomb</title>'), Buffer.alloc(BOMB_BYTES, 0x20)]))) }),
    '/bad-image-page': () => ({ headers: { 'content-type': 'text/html' }, body: '<head><meta property="og:title" content="Lying image"><meta property="og:image" content="/lying.png"></head>' }),
    '/json': () => ({ headers: { 'content-type': 'application/json' }, body: '{"title":"not html"}' }),
    '/missing': () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<title>Not found</title>' }),
    '/slow': () => ({ hang: true }),
    '/loop': () => ({ status: 302, headers: { location: '/loop' } }),
    '/to-article': () => ({ status: 301, headers: { location: '/article' } }),
    '/to-private': () => ({ status: 302, headers: { location: 'http://10.0.0.1/admin' } }),
    '/to-metadata': () => ({ status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }),
    '/to-loopback-name': () => ({ status: 302, headers: { location: `http://localhost:${new URL(origin).port}/article` } }),
    '/to-other-loopback': () => ({ status: 302, headers: { location: `http://127.0.0.2:${new URL(origin).port}/article` } }),
    '/to-javascript': () => ({ status: 302, headers: { location: 'javascript:alert(1)' } }),
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site.invalid').pathname;
    seen.push({ path, headers: req.headers });
    const page = pages[path]?.();
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    if (page.hang) return; // answers never: the client's deadline must end it
    res.writeHead(page.status ?? 200, page.headers ?? {});
    res.end(page.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
