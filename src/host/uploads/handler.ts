/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { ChatError, safeFileName, toChatError, type Attachment } from '../../protocol';
import type { ChatServer } from '../../server';
import { readBody, refuseAndDrain, sendError, sendJson } from '../http';
import { disposition } from './names';
import { checkFileSignature, signFileQuery, SIGNED_URL_TTL_MS } from './signing';
import { contentProblem, dimensions, serveAs } from './sniff';
import { createMemoryFileStore, type FileStore } from './store';

/**
 * Options of {@link createUploadHandler}.
 *
 * @example
 * createUploadHandler({ server: host.server, authenticate: host.authenticate, secret, store: createDiskFileStore('./confab-data/uploads') });
 */
export interface UploadHandlerOptions {
  /** Whose rooms decide who may upload and fetch. */
  server: ChatServer;
  /** Resolves with the user id of the request's bearer token, or rejects with ChatError `unauthorized`. */
  authenticate: (req: IncomingMessage) => Promise<string>;
  /** Signs the short-lived links that `<img>` and downloads use (the host's token secret). Default: a random one per process. */
  secret?: string;
  /** Where the files live. Default: memory. */
  store?: FileStore;
  /** Largest file, in bytes. Default 25 MiB. */
  maxBytes?: number;
  /** All files together, in bytes; beyond it uploads get 503. Default 512 MiB. */
  maxTotalBytes?: number;
  /** Prefix of the `url` in answers, e.g. `https://chat.example.com`. Default none: `/uploads/<id>`, which clients resolve against the host. */
  publicBaseUrl?: string;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/** An HTTP route: true when it answered the request, false when the path is not its own. */
export type UploadHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_MAX_TOTAL_BYTES = 512 * 1024 * 1024;
const FILE_ID = /^[0-9a-f]{32}$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
/** At most this many links signed per request (a page of attachments). */
const MAX_SIGN_IDS = 100;

/**
 * The upload routes of the host:
 *
 * - `POST /uploads?roomId=R&name=N` with the raw file as the body (its `Content-Type` the file's
 *   type), answered `201` with an {@link Attachment}. Only an authenticated member of the room.
 * - `POST /uploads/sign` with `{ "ids": [...] }`: short-lived links (15 minutes) to the files of
 *   rooms the caller is in, `{ "urls": { id: url } }`. `<img src>` and download links send no
 *   credentials, so the UI shows files through these links, as a storage service's presigned URLs.
 * - `GET /uploads/<id>`: with a valid signed link (`?expires=…&signature=…`), or as a member of the
 *   file's room with a bearer token.
 *
 * Rules:
 * - Size: `Content-Length` is checked up front and the stream is cut the moment it passes
 *   `maxBytes` (413 `too_large`).
 * - Content must match the declared type: known images, audio, video, PDF and archives by their
 *   signature, and markup (what a browser would render as HTML/XML) is refused under any type
 *   that is not markup or text (415 `invalid`).
 * - Served with `X-Content-Type-Options: nosniff`, `Content-Security-Policy: default-src 'none';
 *   sandbox`, and `Content-Disposition: attachment` for everything except signature-checked
 *   images, audio and video. SVG keeps its type (so `<img>` shows it, where scripts never run)
 *   but a visit downloads it; HTML and XML are served as `application/octet-stream`.
 * - `Cross-Origin-Resource-Policy: cross-origin`, because the widget usually lives on another
 *   site than the host and shows images with `<img src>`.
 * - `Cache-Control: private, max-age=…` until the link expires: browsers may keep it, shared caches may not.
 *
 * Errors are JSON `{ "error": { "code", "message" } }`, as on the rest of the host.
 *
 * @example
 * const uploads = createUploadHandler({ server, authenticate: (req) => authenticateRequest(req, { secret }), secret });
 * http.createServer(async (req, res) => {
 *   if (!(await uploads(req, res))) res.writeHead(404).end();
 * });
 */
export function createUploadHandler(options: UploadHandlerOptions): UploadHandler {
  const { server, authenticate } = options;
  const store = options.store ?? createMemoryFileStore();
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const base = (options.publicBaseUrl ?? '').replace(/\/+$/, '');
  // Read once, then kept by this host (other hosts sharing a folder are not counted: the quota is per host).
  let usedBytes: Promise<number> | null = null;
  const used = () => (usedBytes ??= store.usedBytes());

  const isMember = async (roomId: string, userId: string) => (await server.getRoom(roomId))?.members.some((member) => member.userId === userId) ?? false;

  async function whoIs(req: IncomingMessage): Promise<string> {
    try {
      return await authenticate(req);
    } catch (error) {
      const chatError = toChatError(error);
      throw chatError.code === 'internal' ? chatError : new ChatError('unauthorized', chatError.message);
    }
  }

  function readFileBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      const onData = (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) {
          over = true;
          req.off('data', onData);
          refuseAndDrain(req, res, new ChatError('too_large', `The file is larger than the limit of ${maxBytes} bytes.`));
          resolve(null);
          return;
        }
        chunks.push(chunk);
      };
      req.on('data', onData);
      req.once('end', () => {
        if (!over) resolve(Buffer.concat(chunks, size));
      });
      req.once('error', (error) => {
        if (!over) reject(new ChatError('unavailable', 'The upload was interrupted.', { cause: error }));
      });
    });
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const userId = await whoIs(req);
    const roomId = url.searchParams.get('roomId');
    if (!roomId) throw new ChatError('invalid', 'Say which room the file is for: POST /uploads?roomId=<room>&name=<file name>.');
    // A room that does not exist and one you are not in look the same: ids of private rooms stay private.
    if (!(await isMember(roomId, userId))) throw new ChatError('forbidden', 'Only members of this room may upload files to it.');

    const declared = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
    if (!MIME.test(declared)) throw new ChatError('invalid', 'The Content-Type is not a valid media type.');
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > maxBytes) {
      refuseAndDrain(req, res, new ChatError('too_large', `The file is ${Number(length)} bytes; the limit is ${maxBytes} bytes.`));
      return;
    }
    if (length !== undefined && (await used()) + Number(length) > maxTotalBytes) {
      refuseAndDrain(req, res, new ChatError('unavailable', 'The server has no room for more files now; try again later.'));
      return;
    }

    const bytes = await readFileBody(req, res);
    if (!bytes) return;
    if ((await used()) + bytes.byteLength > maxTotalBytes) throw new ChatError('unavailable', 'The server has no room for more files now; try again later.');
    const problem = contentProblem(declared, bytes);
    if (problem) {
      sendError(res, new ChatError('invalid', problem), {}, 415);
      return;
    }
    // The room may have changed while the body arrived.
    if (!(await isMember(roomId, userId))) throw new ChatError('forbidden', 'Only members of this room may upload files to it.');

    const id = randomBytes(16).toString('hex');
    const size = dimensions(declared, bytes);
    const name = safeFileName(url.searchParams.get('name'));
    const shape = size && size.width > 0 && size.height > 0 ? size : {};
    // Stored before it is acknowledged: an answer always names a file that exists.
    await store.put({ id, roomId, uploaderId: userId, name, type: declared, size: bytes.byteLength, createdAt: now(), ...shape }, bytes);
    usedBytes = used().then((total) => total + bytes.byteLength);
    const attachment: Attachment = { id, name, type: declared, size: bytes.byteLength, url: `${base}/uploads/${id}`, ...shape };
    sendJson(res, 201, attachment, { location: attachment.url });
  }

  async function sign(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const userId = await whoIs(req);
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, 8 * 1024));
    } catch (error) {
      throw error instanceof ChatError ? error : new ChatError('invalid', 'The body must be JSON: {"ids": ["<file id>", …]}.');
    }
    const ids = (body as { ids?: unknown } | null)?.ids;
    if (!Array.isArray(ids) || ids.length > MAX_SIGN_IDS || !ids.every((id) => typeof id === 'string')) {
      throw new ChatError('invalid', `Send {"ids": [...]}: at most ${MAX_SIGN_IDS} file ids.`);
    }
    const expiresAt = now() + SIGNED_URL_TTL_MS;
    const urls: Record<string, string> = {};
    const rooms = new Map<string, boolean>();
    for (const id of new Set(ids as string[])) {
      const info = FILE_ID.test(id) ? await store.info(id) : undefined;
      // Files one may not see are left out, the same as files that do not exist.
      if (!info) continue;
      let member = rooms.get(info.roomId);
      if (member === undefined) rooms.set(info.roomId, (member = await isMember(info.roomId, userId)));
      if (member) urls[id] = `${base}/uploads/${id}?${signFileQuery(secret, id, expiresAt)}`;
    }
    sendJson(res, 200, { urls, expiresAt });
  }

  async function fetchFile(req: IncomingMessage, res: ServerResponse, id: string, url: URL): Promise<void> {
    const signed = url.searchParams.has('signature') ? checkFileSignature(secret, id, url.searchParams, now()) : null;
    if (signed === 'expired') throw new ChatError('forbidden', 'This file link has expired; open the message again for a fresh one.');
    if (signed === 'invalid') throw new ChatError('forbidden', 'This file link is not valid.');
    const info = FILE_ID.test(id) ? await store.info(id) : undefined;
    if (signed === null) {
      const userId = await whoIs(req);
      if (!info) throw new ChatError('not_found', 'There is no such file.');
      if (!(await isMember(info.roomId, userId))) throw new ChatError('forbidden', 'Only members of the room this file was shared in may open it.');
    }
    const bytes = info ? await store.read(id) : undefined;
    if (!info || !bytes) throw new ChatError('not_found', 'There is no such file.');
    const { contentType, inline } = serveAs(info.type);
    const maxAge = signed === 'valid' ? Math.max(0, Math.floor((Number(url.searchParams.get('expires')) - now()) / 1000)) : 3600;
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': bytes.byteLength,
      'content-disposition': disposition(inline ? 'inline' : 'attachment', info.name),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin',
      'referrer-policy': 'no-referrer',
      'cache-control': `private, max-age=${maxAge}`,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  return async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    const path = url.pathname;
    const under = path.startsWith('/uploads/');
    if (path !== '/uploads' && !under) return false;
    if (req.method === 'OPTIONS') return false; // CORS preflight: the host answers it
    try {
      if (path === '/uploads' && req.method === 'POST') await upload(req, res, url);
      else if (path === '/uploads/sign' && req.method === 'POST') await sign(req, res);
      else if (under && (req.method === 'GET' || req.method === 'HEAD')) await fetchFile(req, res, path.slice('/uploads/'.length), url);
      else sendError(res, new ChatError('invalid', `Use POST /uploads, POST /uploads/sign or GET /uploads/<id>, not ${req.method ?? '?'} ${path.slice(0, 100)}.`), { allow: under ? 'GET, HEAD' : 'POST' }, 405);
    } catch (error) {
      const chatError = toChatError(error);
      if (chatError.code === 'unauthorized') sendError(res, chatError, { 'www-authenticate': 'Bearer' });
      else sendError(res, chatError);
    }
    return true;
  };
}
