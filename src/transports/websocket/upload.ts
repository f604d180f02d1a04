import * as v from 'valibot';
import { AttachmentSchema, ChatError, ERROR_CODES, type Attachment, type ErrorCode } from '../../protocol';
import type { UploadAdapter, UploadFile, UploadOptions } from '../../core';
import { createFileLinks } from './fileLinks';

/**
 * The part of `XMLHttpRequest` an upload uses, so tests (and odd runtimes) can pass their own.
 * Events used: `progress` on `upload`; `load`, `error`, `abort`, `timeout` on the request.
 */
export interface XhrLike {
  readonly upload: Pick<EventTarget, 'addEventListener'>;
  readonly status: number;
  readonly responseText: string;
  timeout: number;
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
}

/** A constructor of {@link XhrLike}; the global `XMLHttpRequest` is one. */
export type XhrConstructor = new () => XhrLike;

/**
 * Where and as whom to upload.
 *
 * @example
 * const target: UploadTarget = { baseUrl: 'https://chat.example.com', tokenProvider: () => auth.getToken() };
 */
export interface UploadTarget {
  /**
   * The host's HTTP address, e.g. `https://chat.example.com` (a path is kept as a prefix:
   * `https://example.com/chat` posts to `/chat/uploads`). The socket URL (`wss://chat.example.com/ws`)
   * works too: its origin is used.
   */
  baseUrl: string;
  /** A bearer token for the host, or… */
  token?: string;
  /** …a function giving a fresh one for each upload. */
  tokenProvider?: () => string | Promise<string>;
  /** Default: the global `XMLHttpRequest` (browsers). Pass one in other runtimes and tests. */
  XMLHttpRequest?: XhrConstructor;
  /** Give up after this many ms without completion (`timeout`). Default 0: no limit. */
  timeoutMs?: number;
  /** Default: the global `fetch`. Used to ask the host for short-lived file links. */
  fetch?: typeof globalThis.fetch;
}

/**
 * One upload: {@link UploadTarget} plus the room, the file, progress and cancellation.
 *
 * @example
 * const attachment = await uploadFile({ baseUrl, token, roomId: 'general', file, onProgress: (loaded, total) => bar.set(loaded / total) });
 */
export interface UploadFileOptions extends UploadTarget, UploadOptions {
  roomId: string;
  file: UploadFile;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
  415: 'invalid',
  429: 'rate_limited',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  unauthorized: 'The upload was refused: sign in again.',
  forbidden: 'You may not upload files to this room.',
  not_found: 'The upload address or the room was not found.',
  invalid: 'The server refused this file.',
  too_large: 'The file is too large.',
  rate_limited: 'Too many uploads; try again shortly.',
  conflict: 'The upload conflicted with another change.',
  unavailable: 'The server could not be reached; the file was not uploaded.',
  timeout: 'The upload took too long and was stopped.',
  internal: 'The server failed while storing the file.',
};

const ErrorBodySchema = v.object({ code: v.optional(v.string()), message: v.optional(v.string()) });

/** The HTTP base of the host. A socket URL (`ws(s)://host/ws`) gives its origin only: its path is the socket's, not a prefix. */
function httpBase(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ChatError('invalid', 'The upload address is not a valid URL.');
  }
  if (url.protocol === 'ws:' || url.protocol === 'wss:') url = new URL(`${url.protocol === 'ws:' ? 'http:' : 'https:'}//${url.host}/`);
  url.search = '';
  url.hash = '';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ChatError('invalid', `The upload address must be http(s) or ws(s), not "${url.protocol}".`);
  }
  return url;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Maps an HTTP answer that is not a success to a ChatError: by status first, then the body's code. */
export function uploadError(status: number, body: string): ChatError {
  // The host answers `{ "error": { code, message } }`; a bare `{ code, message }` is read too.
  const json = parseJson(body);
  const inner = typeof json === 'object' && json !== null && 'error' in json ? (json as { error: unknown }).error : json;
  const parsed = v.safeParse(ErrorBodySchema, inner);
  const bodyCode = parsed.success ? parsed.output.code : undefined;
  const known = bodyCode !== undefined && (ERROR_CODES as readonly string[]).includes(bodyCode) ? (bodyCode as ErrorCode) : undefined;
  const code: ErrorCode = STATUS_CODES[status] ?? known ?? (status >= 500 ? 'internal' : 'invalid');
  const message = parsed.success && parsed.output.message ? parsed.output.message : DEFAULT_MESSAGES[code];
  return new ChatError(code, message);
}

async function tokenOf(target: UploadTarget): Promise<string | undefined> {
  if (target.tokenProvider) return target.tokenProvider();
  return target.token;
}

/**
 * Uploads one file to the Node host's `POST /uploads` with progress, and resolves with the
 * attachment to put on a message. The token goes in the `Authorization` header, never the URL.
 * A relative `url` in the answer is made absolute against `baseUrl`.
 *
 * Rejects with a ChatError: `too_large` (413), `invalid` (415: the content does not match its
 * type, or 400), `unauthorized` (401), `forbidden` (403: not a member), `unavailable` (network
 * failure, or `signal` aborted), `timeout`.
 *
 * @example
 * const controller = new AbortController();
 * const attachment = await uploadFile({
 *   baseUrl: 'https://chat.example.com', tokenProvider: getToken, roomId: 'general', file,
 *   onProgress: (loaded, total) => setPercent(Math.round((100 * loaded) / total)), signal: controller.signal,
 * });
 * await client.sendMessage('general', { text: '', attachments: [attachment] });
 */
export async function uploadFile(options: UploadFileOptions): Promise<Attachment> {
  const { file, onProgress, signal } = options;
  if (signal?.aborted) throw new ChatError('unavailable', 'The upload was cancelled.');
  const Xhr = options.XMLHttpRequest ?? (globalThis as { XMLHttpRequest?: XhrConstructor }).XMLHttpRequest;
  if (!Xhr) throw new ChatError('unavailable', 'No XMLHttpRequest here: pass one in the `XMLHttpRequest` option.');
  const base = httpBase(options.baseUrl);
  const token = await tokenOf(options);
  if (signal?.aborted) throw new ChatError('unavailable', 'The upload was cancelled.');

  const endpoint = new URL('uploads', base.href.endsWith('/') ? base : `${base.href}/`);
  endpoint.searchParams.set('roomId', options.roomId);
  if (file.name) endpoint.searchParams.set('name', file.name);
  const total = file.size;

  return new Promise<Attachment>((resolve, reject) => {
    const xhr = new Xhr();
    let done = false;
    let lastLoaded = -1;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      xhr.abort();
      finish(() => reject(new ChatError('unavailable', 'The upload was cancelled.')));
    };
    const progress = (loaded: number) => {
      if (loaded === lastLoaded) return;
      lastLoaded = loaded;
      onProgress?.(loaded, total);
    };

    xhr.open('POST', endpoint.href);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.timeout = options.timeoutMs ?? 0;
    xhr.upload.addEventListener('progress', (event) => {
      const { loaded } = event as Event & { loaded?: number };
      if (!done && typeof loaded === 'number') progress(Math.min(loaded, total));
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201 || xhr.status === 200) {
        const parsed = v.safeParse(AttachmentSchema, parseJson(xhr.responseText));
        if (!parsed.success) {
          finish(() => reject(new ChatError('internal', 'The server answered the upload with something that is not an attachment.')));
          return;
        }
        const attachment = { ...parsed.output, url: new URL(parsed.output.url, base).href };
        finish(() => {
          progress(total);
          resolve(attachment);
        });
      } else if (xhr.status === 0) {
        finish(() => reject(new ChatError('unavailable', DEFAULT_MESSAGES.unavailable)));
      } else {
        finish(() => reject(uploadError(xhr.status, xhr.responseText)));
      }
    });
    xhr.addEventListener('error', () => finish(() => reject(new ChatError('unavailable', DEFAULT_MESSAGES.unavailable))));
    xhr.addEventListener('timeout', () => finish(() => reject(new ChatError('timeout', DEFAULT_MESSAGES.timeout))));
    xhr.addEventListener('abort', () => finish(() => reject(new ChatError('unavailable', 'The upload was cancelled.'))));
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(file);
  });
}

/**
 * An {@link UploadAdapter} for the Node host, for composers that take any adapter.
 *
 * @example
 * const uploads = createUploadAdapter({ baseUrl: 'https://chat.example.com', tokenProvider: getToken });
 * const attachment = await uploads.upload('general', file, { onProgress });
 */
export function createUploadAdapter(target: UploadTarget): UploadAdapter {
  const base = httpBase(target.baseUrl);
  const links = createFileLinks({
    base,
    async sign(ids) {
      const fetcher = target.fetch ?? globalThis.fetch;
      if (!fetcher) throw new ChatError('unavailable', 'No fetch here: pass one in the `fetch` option.');
      const token = await tokenOf(target);
      const endpoint = new URL('uploads/sign', base.href.endsWith('/') ? base : `${base.href}/`);
      let response: Response;
      try {
        response = await fetcher(endpoint.href, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ ids }),
        });
      } catch (error) {
        throw new ChatError('unavailable', 'The server could not be reached for file links.', { cause: error });
      }
      const text = await response.text();
      if (!response.ok) throw uploadError(response.status, text);
      const parsed = v.safeParse(SignedLinksSchema, parseJson(text));
      if (!parsed.success) throw new ChatError('internal', 'The server answered with something that is not a list of file links.');
      return parsed.output;
    },
  });
  return {
    upload(roomId, file, options = {}) {
      return uploadFile({ ...target, ...options, roomId, file });
    },
    resolveUrl: (url) => links.resolve(url),
  };
}

const SignedLinksSchema = v.object({ urls: v.record(v.string(), v.string()), expiresAt: v.number() });
