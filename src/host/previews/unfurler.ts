/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { ChatError, type LinkPreview } from '../../protocol';
import type { LinkUnfurler } from '../../server';
import type { AddressPolicy, AddressPolicyOptions } from './addressPolicy';
import { createExpiringCache } from './cache';
import { fetchPreviewResource, PREVIEW_USER_AGENT } from './fetcher';
import { createPreviewImages, type PreviewImages } from './images';


/**
 * Options of the host's link previews: `createHost({ previews })` and {@link createLinkUnfurler}.
 *
 * @example
 * createHost({ secret, previews: { allowHosts: ['wiki.intranet'], timeoutMs: 5000 } });
 */
export interface LinkPreviewOptions extends AddressPolicyOptions {
  /** Default true on the host; false turns previews off. */
  enabled?: boolean;
  /** For a page and its image, each, redirects included, in ms. Default 3000. */
  timeoutMs?: number;
  /** Largest part of a page read, in bytes (its head comes first). Default 512 KiB. */
  maxBytes?: number;
  /** Largest preview image, in bytes. Default 2 MiB. */
  maxImageBytes?: number;
  /** How long a page's preview (or its failure, for a tenth of it) is kept, in ms. Default one hour. */
  cacheTtlMs?: number;
  /** Pages whose previews are kept. Default 1000. */
  cacheEntries?: number;
  /** Memory for preview images, in bytes. Default 64 MiB. */
  imageCacheBytes?: number;
}

/**
 * What {@link createLinkUnfurler} also needs from its host.
 *
 * @example
 * const context: LinkUnfurlerContext = { secret, now: Date.now };
 */
export interface LinkUnfurlerContext {
  /** Signs image links (the host's secret). Default a random one per process. */
  secret?: string;
  /** Prefix of image links, e.g. `https://chat.example.com`. Default none: `/previews/image/…`. */
  publicBaseUrl?: string;
  now?: () => number;
}

/**
 * The Node unfurler, and the image proxy its previews point at.
 *
 * @example
 * const unfurler: NodeLinkUnfurler = createLinkUnfurler({}, { secret });
 * await unfurler.ready(); // htmlparser2 and ipaddr.js are there
 */
export interface NodeLinkUnfurler extends LinkUnfurler {
  readonly images: PreviewImages;
  /** Loads the optional packages previews need, rejecting with a sentence that names them when they are missing. */
  ready(): Promise<void>;
}

const DEFAULTS = { timeoutMs: 3000, maxBytes: 512 * 1024, maxImageBytes: 2 * 1024 * 1024, cacheTtlMs: 60 * 60_000, cacheEntries: 1000, imageCacheBytes: 64 * 1024 * 1024 };

function missingPeers(error: unknown): never {
  throw new ChatError('unavailable', 'Link previews need the packages htmlparser2 and ipaddr.js: npm install htmlparser2 ipaddr.js (or turn previews off).', { cause: error });
}

/** An encoding TextDecoder knows, else UTF-8. */
function decoderFor(charset: string | undefined): TextDecoder {
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/**
 * The host's {@link LinkUnfurler}: fetches the page server side (public addresses only unless
 * allowed, see `fetchPreviewResource`), reads its head's Open Graph, Twitter card, title and
 * description as text, fetches its image through the host's image proxy, and keeps results (and
 * failures, shorter) by URL.
 *
 * @example
 * const unfurler = createLinkUnfurler({ allowHosts: ['127.0.0.1'] }, { secret });
 * await unfurler.unfurl('http://127.0.0.1:8080/article'); // { url, title, description, siteName, image? }
 */
export function createLinkUnfurler(options: LinkPreviewOptions = {}, context: LinkUnfurlerContext = {}): NodeLinkUnfurler {
  const settings = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) } as typeof DEFAULTS & LinkPreviewOptions;
  const now = context.now ?? Date.now;
  // ipaddr.js and htmlparser2 are optional peers of confab-chat: loaded on the first fetch, so a
  // host that never previews (or turned previews off) needs neither.
  let policy: Promise<AddressPolicy> | undefined;
  const policyOf = () => (policy ??= import('./addressPolicy').then((module) => module.createAddressPolicy(options), missingPeers));
  const fetchOptions = {
    get policy() {
      return policyOf();
    },
    timeoutMs: settings.timeoutMs,
    userAgent: PREVIEW_USER_AGENT,
  };
  const images = createPreviewImages({
    secret: context.secret ?? randomBytes(32).toString('base64url'),
    fetch: fetchOptions,
    maxBytes: settings.maxImageBytes,
    maxCacheBytes: settings.imageCacheBytes,
    ttlMs: settings.cacheTtlMs,
    ...(context.publicBaseUrl !== undefined ? { publicBaseUrl: context.publicBaseUrl } : {}),
    now,
  });
  const cache = createExpiringCache<Promise<LinkPreview | null>>({ maxSize: settings.cacheEntries, now });

  async function unfurlNow(url: string): Promise<LinkPreview | null> {
    const { createMetadataReader } = await import('./metadata').catch(missingPeers);
    const reader = createMetadataReader();
    let decoder: TextDecoder | undefined;
    const page = await fetchPreviewResource(url, {
      ...fetchOptions,
      maxBytes: settings.maxBytes,
      overflow: 'truncate',
      accept: (type) => type === 'text/html' || type === 'application/xhtml+xml',
      acceptHeader: 'text/html, application/xhtml+xml;q=0.9',
      consume: (chunk, charset) => reader.write((decoder ??= decoderFor(charset)).decode(chunk, { stream: true })),
    });
    const meta = reader.result(page.url);
    if (meta.title === '' && meta.description === '') return null;
    let image: LinkPreview['image'];
    if (meta.imageUrl !== undefined) {
      // A page whose image fails still has its preview, without the picture.
      image = await images.load(meta.imageUrl).catch(() => undefined);
    }
    return { url, title: meta.title, description: meta.description, siteName: meta.siteName, ...(image ? { image } : {}) };
  }

  return {
    images,
    async ready() {
      await Promise.all([policyOf(), import('./metadata').catch(missingPeers)]);
    },
    unfurl(url) {
      const known = cache.get(url);
      if (known) return known;
      const pending = unfurlNow(url);
      cache.set(url, pending, settings.cacheTtlMs);
      // A failure is remembered for a tenth as long: the site may come back.
      pending.catch((error: unknown) => {
        const failure = Promise.reject(error instanceof ChatError ? error : new ChatError('unavailable', 'The link could not be previewed.', { cause: error }));
        failure.catch(() => {}); // handled by whoever asks next
        cache.set(url, failure, settings.cacheTtlMs / 10);
      });
      return pending;
    },
  };
}
