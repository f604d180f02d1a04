/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { ChatError, toChatError, type Attachment, type ErrorCode } from '../protocol';
import type { ChatServer } from '../server';

/**
 * Options of {@link createUploadHandler}.
 *
 * @example
 * createUploadHandler({ server: host.server, authenticate: host.authenticate, maxBytes: 10 * 1024 * 1024 });
 */
export interface UploadHandlerOptions {
  /** Whose rooms decide who may upload and fetch. */
  server: ChatServer;
  /** Resolves with the user id of the request's bearer token (header or `access_token`), or rejects with ChatError `unauthorized`. */
  authenticate: (req: IncomingMessage) => Promise<string>;
  /** Largest file, in bytes. Default 25 MiB. */
  maxBytes?: number;
  /** All files together, in bytes; beyond it uploads get 507. Default 512 MiB. Files live in memory. */
  maxTotalBytes?: number;
  /** Prefix of the `url` in answers, e.g. `https://chat.example.com`. Default none: `/uploads/<id>`, which clients resolve against the host. */
  publicBaseUrl?: string;
}

/** An HTTP route: true when it answered the request, false when the path is not its own. */
export type UploadHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

interface StoredFile {
  attachment: Attachment;
  roomId: string;
  uploaderId: string;
  /** The type as stored (lower case, no parameters); may differ from what is served (see serveAs). */
  type: string;
  bytes: Buffer;
}

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_MAX_TOTAL_BYTES = 512 * 1024 * 1024;
const KEY = /^[0-9a-f]{32}$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  too_large: 413,
  rate_limited: 429,
  conflict: 409,
  unavailable: 503,
  timeout: 504,
  internal: 500,
};

// ---- content sniffing ----------------------------------------------------------------------------

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, index) => bytes[offset + index] === byte);
}

const isIsoBmff = (b: Uint8Array) => startsWith(b, ascii('ftyp'), 4);
const isRiff = (form: string) => (b: Uint8Array) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii(form), 8);
const isEbml = (b: Uint8Array) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]);
const isOgg = (b: Uint8Array) => startsWith(b, ascii('OggS'));
const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);
const isMp3 = (b: Uint8Array) => startsWith(b, ascii('ID3')) || (b.length >= 2 && b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0);

/**
 * Types whose content must start with their signature. Images, audio and video among these (and
 * only these) are served inline; a file of any other type is always a download.
 */
const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/apng': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  'image/webp': isRiff('WEBP'),
  'image/bmp': (b) => startsWith(b, ascii('BM')),
  'image/avif': isIsoBmff,
  'image/heic': isIsoBmff,
  'image/heif': isIsoBmff,
  'image/x-icon': (b) => startsWith(b, [0, 0, 1, 0]),
  'image/vnd.microsoft.icon': (b) => startsWith(b, [0, 0, 1, 0]),
  'video/mp4': isIsoBmff,
  'video/quicktime': isIsoBmff,
  'video/webm': isEbml,
  'video/ogg': isOgg,
  'audio/mpeg': isMp3,
  'audio/mp3': isMp3,
  'audio/mp4': isIsoBmff,
  'audio/x-m4a': isIsoBmff,
  'audio/aac': (b) => startsWith(b, ascii('ID3')) || (b[0] === 0xff && ((b[1] ?? 0) & 0xf6) === 0xf0),
  'audio/ogg': isOgg,
  'audio/webm': isEbml,
  'audio/wav': isRiff('WAVE'),
  'audio/x-wav': isRiff('WAVE'),
  'audio/wave': isRiff('WAVE'),
  'audio/flac': (b) => startsWith(b, ascii('fLaC')),
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
  'application/zip': isZip,
  'application/gzip': (b) => startsWith(b, [0x1f, 0x8b]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': isZip,
};

/** Markup types: accepted as what they say, but only ever served as downloads (see serveAs). */
const MARKUP_TYPES = new Set(['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml', 'application/xml']);

/**
 * The tags that make a browser sniff bytes as HTML (WHATWG MIME Sniffing, "identifying a resource
 * with an unknown MIME type"), plus `<?xml` and `<svg`: each followed by a space or `>`.
 */
const HTML_TAGS = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p', '!--', 'svg', 'object', 'embed', 'img', 'meta', 'link', 'form'];

/** True when the content opens (after whitespace and a byte-order mark) with markup a browser would render. */
export function looksLikeMarkup(bytes: Uint8Array): boolean {
  let start = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) start = 3;
  else if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])) {
    // UTF-16 text: look at every other byte.
    const step = bytes[0] === 0xfe ? 1 : 0;
    const narrow = new Uint8Array(Math.floor((Math.min(bytes.length, 1024) - 2) / 2));
    for (let index = 0; index < narrow.length; index++) narrow[index] = bytes[2 + index * 2 + step] ?? 0;
    return looksLikeMarkup(narrow);
  }
  while (start < bytes.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[start] ?? 0)) start++;
  if (bytes[start] !== 0x3c /* < */) return false;
  const head = Buffer.from(bytes.subarray(start + 1, start + 32)).toString('latin1').toLowerCase();
  if (head.startsWith('?xml')) return true;
  // A tag counts when a space, `>` or `/` (or the end of the file) follows it; a comment always does.
  return HTML_TAGS.some((tag) => head.startsWith(tag) && (tag === '!--' || /^([\s>/]|$)/.test(head.slice(tag.length, tag.length + 1))));
}

/** Why the content may not be stored under its declared type, or null when it may. */
function contentProblem(type: string, bytes: Uint8Array): string | null {
  const signature = SIGNATURES[type];
  if (signature && !signature(bytes)) return "The file's content does not match its type.";
  // Text is text (a README may well open with <p>); it is served as a download with nosniff.
  if (!signature && !MARKUP_TYPES.has(type) && !type.startsWith('text/') && looksLikeMarkup(bytes)) {
    return "The file's content does not match its type.";
  }
  return null;
}

/** Width and height from the header of a PNG, GIF or JPEG, when cheap to read. */
function dimensions(type: string, b: Buffer): { width: number; height: number } | null {
  if ((type === 'image/png' || type === 'image/apng') && b.length >= 24 && startsWith(b, ascii('IHDR'), 12)) {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (type === 'image/gif' && b.length >= 10) return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (type === 'image/jpeg') {
    let offset = 2;
    while (offset + 9 < b.length && b[offset] === 0xff) {
      const marker = b[offset + 1] ?? 0;
      if (marker === 0xff) {
        offset++;
        continue;
      }
      const length = b.readUInt16BE(offset + 2);
      // SOF0…SOF15 carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(offset + 5), width: b.readUInt16BE(offset + 7) };
      }
      if (marker === 0xda || length < 2) return null;
      offset += 2 + length;
    }
  }
  return null;
}

// ---- names and headers ---------------------------------------------------------------------------

/** Control characters (C0, DEL, C1) and the bidi controls that can disguise an extension (`cat\u202Egnp.exe`). */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name for display only (clients render it as text): no path, no control or bidi characters, at most 255 UTF-16 units. */
export function displayName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  let clean = '';
  for (const char of base.replace(UNSAFE_NAME_CHARS, '').trim()) {
    if (clean.length + char.length > 255) break;
    clean += char;
  }
  clean = clean.trim();
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

/** `attachment`/`inline` with an ASCII fallback name and the exact one in RFC 5987 form. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** What a stored type is served as, and whether a browser may show it in place. */
function serveAs(type: string): { contentType: string; inline: boolean } {
  if (type === 'image/svg+xml') return { contentType: type, inline: false }; // <img> may render it; a visit downloads it
  if (MARKUP_TYPES.has(type)) return { contentType: 'application/octet-stream', inline: false };
  const media = type.startsWith('image/') || type.startsWith('video/') || type.startsWith('audio/');
  if (media && SIGNATURES[type]) return { contentType: type, inline: true };
  if (type.startsWith('text/')) return { contentType: `${type}; charset=utf-8`, inline: false };
  return { contentType: type, inline: false };
}

function sendError(res: ServerResponse, error: ChatError, extra: Record<string, string> = {}, status = STATUS[error.code]): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify({ error: error.toPayload() });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

/**
 * Answers before the request body was read (too large, refused): says the connection closes,
 * throws away what still arrives, and cuts it off if the sender keeps going.
 */
function refuseAndDrain(req: IncomingMessage, res: ServerResponse, error: ChatError): void {
  sendError(res, error, { connection: 'close' });
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), 2000);
  cut.unref?.();
  req.once('end', () => clearTimeout(cut));
}

// ---- the handler ---------------------------------------------------------------------------------

/**
 * The upload route of the host: `POST /uploads?roomId=R&name=N` with the raw file as the body
 * (its `Content-Type` the file's type), answered `201` with an {@link Attachment}; and
 * `GET /uploads/<id>` for members of the file's room.
 *
 * Rules:
 * - Only an authenticated member of the room may upload (401, 403), and only members may fetch.
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
 *   site than the host and shows images with `<img src>`. Access is by bearer token (header or
 *   `access_token`), never cookies, so a page that can embed a file could fetch it anyway.
 * - `Cache-Control: private, max-age=3600`: browsers may keep it, shared caches may not.
 *
 * Errors are JSON `{ "error": { "code", "message" } }`, as on the rest of the host.
 *
 * @example
 * const uploads = createUploadHandler({ server, authenticate: (req) => authenticateRequest(req, { secret }) });
 * http.createServer(async (req, res) => {
 *   if (!(await uploads(req, res))) res.writeHead(404).end();
 * });
 */
export function createUploadHandler(options: UploadHandlerOptions): UploadHandler {
  const { server, authenticate } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const base = (options.publicBaseUrl ?? '').replace(/\/+$/, '');
  const files = new Map<string, StoredFile>();
  let totalBytes = 0;

  const isMember = async (roomId: string, userId: string) => (await server.getRoom(roomId))?.members.some((member) => member.userId === userId) ?? false;

  async function whoIs(req: IncomingMessage): Promise<string> {
    try {
      return await authenticate(req);
    } catch (error) {
      const chatError = toChatError(error);
      throw chatError.code === 'internal' ? chatError : new ChatError('unauthorized', chatError.message);
    }
  }

  function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
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
    if (length !== undefined && totalBytes + Number(length) > maxTotalBytes) {
      refuseAndDrain(req, res, new ChatError('unavailable', 'The server has no room for more files now; try again later.'));
      return;
    }

    const bytes = await readBody(req, res);
    if (!bytes) return;
    if (totalBytes + bytes.byteLength > maxTotalBytes) throw new ChatError('unavailable', 'The server has no room for more files now; try again later.');
    const problem = contentProblem(declared, bytes);
    if (problem) {
      sendError(res, new ChatError('invalid', problem), {}, 415);
      return;
    }
    // The room may have changed while the body arrived.
    if (!(await isMember(roomId, userId))) throw new ChatError('forbidden', 'Only members of this room may upload files to it.');

    const key = randomBytes(16).toString('hex');
    const size = dimensions(declared, bytes);
    const attachment: Attachment = {
      id: key,
      name: displayName(url.searchParams.get('name')),
      type: declared,
      size: bytes.byteLength,
      url: `${base}/uploads/${key}`,
      ...(size && size.width > 0 && size.height > 0 ? size : {}),
    };
    files.set(key, { attachment, roomId, uploaderId: userId, type: declared, bytes });
    totalBytes += bytes.byteLength;
    const text = JSON.stringify(attachment);
    res.writeHead(201, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      location: attachment.url,
    });
    res.end(text);
  }

  async function fetchFile(req: IncomingMessage, res: ServerResponse, key: string): Promise<void> {
    const userId = await whoIs(req);
    const file = KEY.test(key) ? files.get(key) : undefined;
    if (!file) throw new ChatError('not_found', 'There is no such file.');
    if (!(await isMember(file.roomId, userId))) throw new ChatError('forbidden', 'Only members of the room this file was shared in may open it.');
    const { contentType, inline } = serveAs(file.type);
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': file.bytes.byteLength,
      'content-disposition': disposition(inline ? 'inline' : 'attachment', file.attachment.name),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin',
      'referrer-policy': 'no-referrer',
      'cache-control': 'private, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  }

  return async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    const path = url.pathname;
    const fetching = path.startsWith('/uploads/');
    if (path !== '/uploads' && !fetching) return false;
    if (req.method === 'OPTIONS') return false; // CORS preflight: the host answers it
    try {
      if (path === '/uploads' && req.method === 'POST') await upload(req, res, url);
      else if (fetching && (req.method === 'GET' || req.method === 'HEAD')) await fetchFile(req, res, path.slice('/uploads/'.length));
      else sendError(res, new ChatError('invalid', `Use POST /uploads or GET /uploads/<id>, not ${req.method ?? '?'} ${path.slice(0, 100)}.`), { allow: fetching ? 'GET, HEAD' : 'POST' }, 405);
    } catch (error) {
      const chatError = toChatError(error);
      if (chatError.code === 'unauthorized') sendError(res, chatError, { 'www-authenticate': 'Bearer' });
      else sendError(res, chatError);
    }
    return true;
  };
}
