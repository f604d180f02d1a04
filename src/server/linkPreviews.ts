import type { CommandOf, LinkPreview, Message, Outcome } from '../protocol';
import { firstPreviewLink } from './links';
import type { MaybePromise } from './maybe';
import type { Delivery } from './storage';

/**
 * Finds what a link points to, for a message's preview: the adapter between the server and the
 * web. The Node host's is `createLinkUnfurler` in `confab-chat/host` (fetches with SSRF rules); a
 * page (stories, playground) cannot fetch other sites and gives a fake one. Resolves null when
 * there is nothing to show; may reject, and the message then simply has no preview.
 *
 * @example
 * const unfurler: LinkUnfurler = {
 *   unfurl: async (url) => (url === 'https://example.com/' ? { url, title: 'Example', description: '', siteName: 'example.com' } : null),
 * };
 */
export interface LinkUnfurler {
  unfurl(url: string): Promise<LinkPreview | null>;
}

/**
 * What {@link watchLinkPreviews} needs of a server: its committed events, and the system's
 * `message.setPreview`. A `ReferenceServer` and a `ChatServer` both fit.
 *
 * @example
 * const target: LinkPreviewServer = createReferenceServer();
 */
export interface LinkPreviewServer {
  subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void;
  actAsSystem(command: CommandOf<'message.setPreview'>): MaybePromise<Outcome<Message>>;
}

/**
 * Options of {@link watchLinkPreviews}.
 *
 * @example
 * watchLinkPreviews({ server, unfurler, onError: (error) => log.warn(error) });
 */
export interface LinkPreviewWatchOptions {
  server: LinkPreviewServer;
  unfurler: LinkUnfurler;
  /** Unfurls at once; more wait their turn. Default 4. */
  concurrency?: number;
  /** Where unexpected failures go (a site that fails is not one: the message just has no preview). Default none. */
  onError?: (error: unknown) => void;
}

/** Commands whose messages may need a (new) preview: a send, and an edit that may change the link. */
const WRITES = new Set(['message.send', 'message.edit']);

/**
 * The link `message` wants a preview of now, or null: its text's first http(s) link, unless the
 * message is deleted or the server's own, already has that preview, or its sender removed it.
 *
 * @example
 * linkToPreview({ ...message, text: 'see https://example.com' }); // 'https://example.com/'
 */
export function linkToPreview(message: Message): string | null {
  if (message.deletedAt !== undefined || message.system === true) return null;
  const url = firstPreviewLink(message.text);
  if (url === null || url === message.preview?.url || url === message.previewRemovedUrl) return null;
  return url;
}

/**
 * Gives messages link previews: after a message is stored (its events are published only on
 * commit, so never before its answer), the first http(s) link of a sent or edited message is
 * unfurled in the background and attached with the system's `message.setPreview`, which publishes
 * `message.updated`. An edit that changes the link gets the new link's preview; a message edited
 * again while its link was being fetched keeps what its text says (the server refuses a stale
 * preview). Returns the function that stops watching.
 *
 * @example
 * const stop = watchLinkPreviews({ server, unfurler: createLinkUnfurler({ secret }) });
 */
export function watchLinkPreviews(options: LinkPreviewWatchOptions): () => void {
  const { server, unfurler } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const inFlight = new Set<string>();
  const waiting: Array<() => Promise<void>> = [];
  let running = 0;
  let stopped = false;

  const next = () => {
    while (!stopped && running < concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      running++;
      void job().finally(() => {
        running--;
        next();
      });
    }
  };

  const preview = async (message: Message, url: string, key: string) => {
    try {
      // A site that fails or says nothing just leaves the message without a preview.
      const found = await unfurler.unfurl(url).catch(() => null);
      if (stopped || found === null) return;
      const outcome = await server.actAsSystem({ type: 'message.setPreview', roomId: message.roomId, messageId: message.id, preview: { ...found, url } });
      // `conflict`: edited, removed or deleted meanwhile; `not_found`: the room went. Nothing to do.
      if (!outcome.ok && outcome.error.code !== 'conflict' && outcome.error.code !== 'not_found') options.onError?.(outcome.error);
    } catch (error) {
      options.onError?.(error);
    } finally {
      inFlight.delete(key);
    }
  };

  const unsubscribe = server.subscribe((deliveries) => {
    for (const { event, cause } of deliveries) {
      if (event.type !== 'message.created' && event.type !== 'message.updated') continue;
      if (!cause || !WRITES.has(cause.command)) continue;
      const url = linkToPreview(event.message);
      if (url === null) continue;
      // One event goes out as several deliveries (one per audience); one unfurl each.
      const key = `${event.message.roomId}\n${event.message.id}\n${url}`;
      if (inFlight.has(key)) continue;
      inFlight.add(key);
      const message = event.message;
      waiting.push(() => preview(message, url, key));
    }
    next();
  });

  return () => {
    stopped = true;
    waiting.length = 0;
    unsubscribe();
  };
}
