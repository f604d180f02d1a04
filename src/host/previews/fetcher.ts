/// <reference types="node" />
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { ChatError } from '../../protocol';
import type { AddressPolicy } from './addressPolicy';

/**
 * How {@link fetchPreviewResource} fetches one page or image.
 *
 * @example
 * const options: PreviewFetchOptions = { policy, timeoutMs: 3000, maxBytes: 512 * 1024, overflow: 'truncate', accept: (type) => type === 'text/html', acceptHeader: 'text/html' };
 */
export interface PreviewFetchOptions {
  /** Checked against every address before connecting, on every hop (a promise while ipaddr.js loads). */
  policy: AddressPolicy | Promise<AddressPolicy>;
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  /** Largest body kept, after decompression. */
  maxBytes: number;
  /** Past `maxBytes`: keep what came (`truncate`, a page's head is at its start) or fail (`fail`, an image must be whole). */
  overflow: 'truncate' | 'fail';
  /** Whether the final response's media type (lower case, no parameters) is one wanted. */
  accept(mediaType: string): boolean;
  /** The Accept header sent. */
  acceptHeader: string;
  /** Sees each chunk as it arrives; returns true when it has read enough (the page's head ended). */
  consume?(chunk: Buffer, charset: string | undefined): boolean;
  /** Redirects followed at most. Default 3. */
  maxRedirects?: number;
  /** The User-Agent sent. */
  userAgent?: string;
}

/**
 * What a fetch got: the final URL after redirects, its media type and charset, and the body
 * (cut at the size limit when `overflow` is `truncate`).
 *
 * @example
 * const { url, mediaType, body } = await fetchPreviewResource('https://example.com/', options);
 */
export interface FetchedResource {
  url: string;
  mediaType: string;
  charset: string | undefined;
  body: Buffer;
}

/** Says who is fetching, so site owners can tell a chat's previews from other traffic. */
export const PREVIEW_USER_AGENT = 'ConfabLinkPreview/1.0 (+https://github.com/confab-chat; chat link previews)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The address to connect to for `url`'s host: the IP written in the URL, or the first its name
 * resolves to, after every address it resolves to passed the policy (a name that also resolves to
 * a private address is refused, whichever a resolver would give first).
 */
async function checkedAddress(url: URL, policy: AddressPolicy): Promise<{ address: string; family: number }> {
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(hostname);
  if (literal !== 0) {
    if (!policy.allows(url.hostname, hostname)) throw new ChatError('forbidden', `Link previews may not connect to ${hostname}: it is not a public address.`);
    return { address: hostname, family: literal };
  }
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await lookup(hostname, { all: true, verbatim: true });
  } catch (error) {
    throw new ChatError('unavailable', `The name ${hostname} could not be resolved.`, { cause: error });
  }
  if (addresses.length === 0) throw new ChatError('unavailable', `The name ${hostname} has no address.`);
  for (const { address } of addresses) {
    if (!policy.allows(url.hostname, address)) throw new ChatError('forbidden', `Link previews may not connect to ${hostname}: it resolves to ${address}, which is not a public address.`);
  }
  return addresses[0]!;
}

/** One request to the checked address, with the name kept for the Host header and TLS. */
function requestOnce(url: URL, target: { address: string; family: number }, options: PreviewFetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const request = (secure ? httpsRequest : httpRequest)({
      host: target.address,
      family: target.family,
      port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      // TLS checks the certificate against the name, while the socket goes to the checked address.
      ...(secure && isIP(hostname) === 0 ? { servername: hostname } : {}),
      headers: {
        host: url.host,
        'user-agent': options.userAgent ?? PREVIEW_USER_AGENT,
        accept: options.acceptHeader,
        'accept-encoding': 'gzip, deflate',
      },
      // No pooled sockets: each hop connects to the address it checked, and nothing is kept between fetches.
      agent: false,
      signal,
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

function mediaTypeOf(response: IncomingMessage): { mediaType: string; charset: string | undefined } {
  const header = response.headers['content-type'] ?? '';
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('charset='));
  return { mediaType: type.trim().toLowerCase(), charset: charset?.slice('charset='.length).replace(/"/g, '') };
}

function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return response;
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  throw new ChatError('invalid', `The site answered in an encoding not asked for (${encoding}).`);
}

/** Reads the body, counting bytes after decompression (a small gzip that inflates to gigabytes stops at the limit). */
async function readBody(response: IncomingMessage, options: PreviewFetchOptions, charset: string | undefined): Promise<Buffer> {
  const length = Number(response.headers['content-length']);
  if (options.overflow === 'fail' && Number.isFinite(length) && length > options.maxBytes) {
    throw new ChatError('too_large', `The resource is ${length} bytes; previews take at most ${options.maxBytes}.`);
  }
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = options.maxBytes - size;
      if (chunk.byteLength > room) {
        if (options.overflow === 'fail') throw new ChatError('too_large', `The resource is larger than ${options.maxBytes} bytes.`);
        const last = chunk.subarray(0, room);
        chunks.push(last);
        size += last.byteLength;
        options.consume?.(last, charset);
        break;
      }
      chunks.push(chunk);
      size += chunk.byteLength;
      if (options.consume?.(chunk, charset) === true) break;
    }
  } finally {
    response.destroy();
    if (stream !== response) stream.destroy();
  }
  return Buffer.concat(chunks, size);
}

/**
 * Fetches one page or image for a link preview, server side, under the rules of #14: http and
 * https only, no credentials in URLs, every address checked by `policy` before connecting and the
 * checked address the one connected to (a name that resolves differently a moment later cannot
 * slip past), redirects followed by hand and re-checked at each hop, one deadline for it all, a
 * cap on the bytes read after decompression, the media type checked, no cookies sent or kept.
 * Failures are `ChatError`s: `forbidden` (address), `timeout`, `too_large`, `invalid` (scheme,
 * type, status, redirects), `unavailable` (network).
 *
 * @example
 * const page = await fetchPreviewResource('https://example.com/', { policy, timeoutMs: 3000, maxBytes: 512 * 1024, overflow: 'truncate', accept: (type) => type === 'text/html', acceptHeader: 'text/html' });
 */
export async function fetchPreviewResource(address: string, options: PreviewFetchOptions): Promise<FetchedResource> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 3;
  try {
    let url = new URL(address);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ChatError('invalid', `Link previews fetch only http and https, not ${url.protocol}`);
      if (url.username !== '' || url.password !== '') throw new ChatError('invalid', 'Link previews do not fetch URLs with credentials in them.');
      const target = await checkedAddress(url, await options.policy);
      if (controller.signal.aborted) throw new ChatError('timeout', `The site did not answer within ${options.timeoutMs} ms.`);
      const response = await requestOnce(url, target, options, controller.signal);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location !== undefined) {
        response.destroy();
        if (hop >= maxRedirects) throw new ChatError('invalid', `The site redirected more than ${maxRedirects} times.`);
        url = new URL(location, url);
        continue;
      }
      if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) > 299) {
        response.destroy();
        throw new ChatError('invalid', `The site answered with status ${response.statusCode ?? 'none'}.`);
      }
      const { mediaType, charset } = mediaTypeOf(response);
      if (!options.accept(mediaType)) {
        response.destroy();
        throw new ChatError('invalid', `The site answered with ${mediaType || 'no media type'}, not what a preview reads.`);
      }
      const body = await readBody(response, options, charset);
      return { url: url.href, mediaType, charset, body };
    }
  } catch (error) {
    if (controller.signal.aborted) throw new ChatError('timeout', `The site did not answer within ${options.timeoutMs} ms.`, { cause: error });
    if (error instanceof ChatError) throw error;
    throw new ChatError('unavailable', `The site could not be reached: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
