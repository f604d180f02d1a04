import { ChatError } from '../../protocol';

/**
 * Asks the host for short-lived links to files: `POST /uploads/sign` with `{ ids }`, answered
 * `{ urls: { id: link }, expiresAt }`.
 *
 * @example
 * const sign: SignFiles = async (ids) => (await fetch(…)).json();
 */
export type SignFiles = (ids: readonly string[]) => Promise<{ urls: Record<string, string>; expiresAt: number }>;

/**
 * Options of {@link createFileLinks}.
 *
 * @example
 * createFileLinks({ base: new URL('https://chat.example.com/'), sign });
 */
export interface FileLinksOptions {
  /** The host's HTTP address: only files under `<base>/uploads/` are signed, other URLs pass through. */
  base: URL;
  sign: SignFiles;
  now?: () => number;
  /** A link is asked for again when it has less than this left, in ms. Default one minute. */
  refreshBeforeMs?: number;
}

/**
 * Turns stored attachment URLs into links an `<img>` can open: one request for every file asked
 * for in the same tick (at most 100 per request), each link reused until shortly before it expires.
 *
 * @example
 * const links = createFileLinks({ base, sign });
 * img.src = await links.resolve('https://chat.example.com/uploads/c0ffee…');
 */
export function createFileLinks(options: FileLinksOptions): { resolve(url: string): Promise<string> } {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? 60_000;
  const cache = new Map<string, { url: string; expiresAt: number }>();
  let batch: Map<string, Array<{ resolve(url: string): void; reject(error: unknown): void }>> | null = null;

  function fileIdOf(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url, options.base);
    } catch {
      return undefined;
    }
    if (parsed.origin !== options.base.origin) return undefined;
    const prefix = `${options.base.pathname.replace(/\/$/, '')}/uploads/`;
    const id = parsed.pathname.startsWith(prefix) ? parsed.pathname.slice(prefix.length) : '';
    return /^[0-9a-f]{32}$/.test(id) ? id : undefined;
  }

  async function flush(waiting: Map<string, Array<{ resolve(url: string): void; reject(error: unknown): void }>>): Promise<void> {
    const ids = [...waiting.keys()];
    for (let start = 0; start < ids.length; start += 100) {
      const chunk = ids.slice(start, start + 100);
      try {
        const { urls, expiresAt } = await options.sign(chunk);
        for (const id of chunk) {
          const link = urls[id];
          const settle = waiting.get(id) ?? [];
          if (link === undefined) {
            for (const waiter of settle) waiter.reject(new ChatError('not_found', 'This file is gone, or you may not see it.'));
            continue;
          }
          const absolute = new URL(link, options.base).href;
          cache.set(id, { url: absolute, expiresAt });
          for (const waiter of settle) waiter.resolve(absolute);
        }
      } catch (error) {
        for (const id of chunk) for (const waiter of waiting.get(id) ?? []) waiter.reject(error);
      }
    }
  }

  return {
    resolve(url) {
      const id = fileIdOf(url);
      // A path the host gave (a link preview's image, /previews/image/…) is the host's: made absolute against it.
      if (id === undefined) return Promise.resolve(url.startsWith('/') && !url.startsWith('//') ? new URL(url, options.base).href : url);
      const cached = cache.get(id);
      if (cached && cached.expiresAt - now() > refreshBeforeMs) return Promise.resolve(cached.url);
      return new Promise((resolve, reject) => {
        if (!batch) {
          const waiting = (batch = new Map());
          setTimeout(() => {
            batch = null;
            void flush(waiting);
          }, 0);
        }
        const waiters = batch.get(id) ?? [];
        waiters.push({ resolve, reject });
        batch.set(id, waiters);
      });
    },
  };
}
