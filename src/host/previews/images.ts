/// <reference types="node" />
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ChatError, type LinkPreviewImage } from '../../protocol';
import { dimensions, SIGNATURES } from '../uploads/sniff';
import { createExpiringCache } from './cache';
import { fetchPreviewResource, type PreviewFetchOptions } from './fetcher';

/** The image types a preview shows, each recognized by its bytes whatever the site called it. */
export const PREVIEW_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/** Larger sides are refused: no preview needs them, and a decoder might choke. */
const MAX_SIDE = 16_384;
const PATH_PREFIX = '/previews/image/';

/**
 * Width and height of a WebP (lossy VP8, lossless VP8L, or extended VP8X), or null.
 *
 * @example
 * webpDimensions(bytes); // { width: 1200, height: 630 }
 */
export function webpDimensions(b: Buffer): { width: number; height: number } | null {
  if (b.length < 30) return null;
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return null;
}

/**
 * What an image's bytes are (PNG, JPEG, GIF or WebP, by signature, never by the site's word) and
 * their size, or a reason to refuse them.
 *
 * @example
 * const { type, width, height } = sniffPreviewImage(bytes);
 */
export function sniffPreviewImage(bytes: Buffer): { type: string; width: number; height: number } {
  const type = PREVIEW_IMAGE_TYPES.find((candidate) => SIGNATURES[candidate]?.(bytes) === true);
  if (!type) throw new ChatError('invalid', 'The preview image is not a PNG, JPEG, GIF or WebP.');
  const size = type === 'image/webp' ? webpDimensions(bytes) : dimensions(type, bytes);
  if (!size || size.width < 1 || size.height < 1 || size.width > MAX_SIDE || size.height > MAX_SIDE) {
    throw new ChatError('invalid', 'The preview image has no usable width and height.');
  }
  return { type, width: size.width, height: size.height };
}

/**
 * Options of {@link createPreviewImages}.
 *
 * @example
 * createPreviewImages({ secret, fetch: { policy, timeoutMs: 3000 }, maxBytes: 2 * 1024 * 1024, now: Date.now });
 */
export interface PreviewImagesOptions {
  /** Signs image links so that the route serves only images the host itself chose (never an open proxy). */
  secret: string;
  /** How images are fetched: the page fetch's policy and deadline. */
  fetch: Pick<PreviewFetchOptions, 'policy' | 'timeoutMs' | 'userAgent'>;
  /** Largest image, in bytes. */
  maxBytes: number;
  /** Memory kept for images, in bytes. */
  maxCacheBytes: number;
  /** How long an image is kept. */
  ttlMs: number;
  /** Prefix of image links, e.g. `https://chat.example.com`; default none (`/previews/image/…`, resolved against the host by clients). */
  publicBaseUrl?: string;
  now: () => number;
}

/** An image as the host serves it. */
export interface ServedImage {
  type: string;
  bytes: Buffer;
}

/**
 * The host's image proxy for previews: the host fetches a preview's image (under the same
 * address rules as pages), checks it is a real PNG, JPEG, GIF or WebP with a size, and serves it
 * from `/previews/image/<signature>?src=<source>`, so readers' browsers never contact the linked
 * site. Images are kept in memory (bounded, least recently used out first); a link whose image is
 * no longer kept (a restart, another host) fetches it again, since the link names its source and
 * its signature proves the host made it.
 *
 * @example
 * const images = createPreviewImages(options);
 * const image = await images.load('https://example.com/og.png'); // { url: '/previews/image/…', width, height }
 */
export function createPreviewImages(options: PreviewImagesOptions) {
  const base = (options.publicBaseUrl ?? '').replace(/\/+$/, '');
  const kept = createExpiringCache<ServedImage>({ maxSize: options.maxCacheBytes, sizeOf: (image) => image.bytes.byteLength, now: options.now });
  const failed = createExpiringCache<ChatError>({ maxSize: 1000, now: options.now });
  const signatureOf = (source: string) => createHmac('sha256', options.secret).update(`confab-preview-image\n${source}`).digest('base64url');

  async function fetchImage(source: string): Promise<ServedImage & { width: number; height: number }> {
    const known = kept.get(source);
    if (known) return { ...known, ...sniffPreviewImage(known.bytes) };
    const earlier = failed.get(source);
    if (earlier) throw earlier;
    try {
      const { body } = await fetchPreviewResource(source, {
        ...options.fetch,
        maxBytes: options.maxBytes,
        overflow: 'fail',
        // The bytes decide what it is; the site's type only has to claim an image.
        accept: (type) => type.startsWith('image/') || type === 'application/octet-stream',
        acceptHeader: PREVIEW_IMAGE_TYPES.join(', '),
      });
      const sniffed = sniffPreviewImage(body);
      kept.set(source, { type: sniffed.type, bytes: body }, options.ttlMs);
      return { ...sniffed, bytes: body };
    } catch (error) {
      const chatError = error instanceof ChatError ? error : new ChatError('unavailable', 'The preview image could not be fetched.', { cause: error });
      failed.set(source, chatError, 5 * 60_000);
      throw chatError;
    }
  }

  return {
    /** Fetches and checks the image at `source`, keeps it, and answers the host's link to it. */
    async load(source: string): Promise<LinkPreviewImage> {
      const { width, height } = await fetchImage(source);
      return { url: `${base}${PATH_PREFIX}${signatureOf(source)}?src=${encodeURIComponent(source)}`, width, height };
    },
    /** The image behind a link of {@link load}: `forbidden` for a link the host did not make. */
    async serve(signature: string, source: string): Promise<ServedImage> {
      const expected = Buffer.from(signatureOf(source));
      const given = Buffer.from(signature);
      if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) throw new ChatError('forbidden', 'This preview image link is not valid.');
      const { type, bytes } = await fetchImage(source);
      return { type, bytes };
    },
    /** Where the route lives. */
    pathPrefix: PATH_PREFIX,
  };
}

/** The host's image proxy of link previews. */
export type PreviewImages = ReturnType<typeof createPreviewImages>;
