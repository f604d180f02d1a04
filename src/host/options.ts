/// <reference types="node" />
import type { Limits, Outcome } from '../protocol';
import type { ChatServer, FloodLimit, LinkUnfurler, ReferenceServer, StorageEngine, WordFilter } from '../server';
import type { HostRoute } from './httpRouter';
import type { UploadHandlerOptions } from './uploads';
import type { LinkPreviewOptions } from './previews/unfurler';
import type { WebhookDispatcherOptions, WebhookStore } from './webhooks';

/** What {@link HostOptions.onRequestHandled} sees: for tests that break the connection at a precise moment. */
export interface HandledRequest {
  userId: string;
  id: string;
  command: unknown;
  outcome: Outcome<unknown>;
  /** Kills the socket now: the answer is never sent (as if the network died after the server acted). */
  terminate(): void;
}

/**
 * Options of {@link createHost}.
 *
 * @example
 * const host = createHost({ secret: process.env.CONFAB_SECRET, allowedOrigins: ['https://app.example.com'] });
 * const { url } = await host.listen();
 */
export interface HostOptions {
  /** Port to listen on; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** HMAC secret for HS256 tokens. Required unless `dev` (which makes a random one). */
  secret?: string;
  /** Browser origins allowed to connect (e.g. `https://app.example.com`), or '*' for any. Default: none, or any localhost origin in dev. */
  allowedOrigins?: readonly string[] | '*';
  /** Whether a request without an Origin header (Node clients, curl) may connect. Default true. */
  allowMissingOrigin?: boolean;
  /** Limits for a server the host makes itself. */
  limits?: Partial<Limits>;
  /** The per-person flood limit of a server the host makes itself; `false` turns it off. Default 20 at once, 5 a second. */
  floodLimit?: FloodLimit | false;
  /** The word filter of a server the host makes itself (the admin API's `PUT /settings/moderation` changes its words at run time). */
  wordFilter?: WordFilter;
  /** Demo mode: a random secret if none, `POST /dev/token`, and a seeded demo (ana, bo, chen; general, random). */
  dev?: boolean;
  /**
   * The server to serve: a {@link ChatServer} (any storage) or an in-page reference server. By
   * default the host makes one over `storage` (seeded in dev).
   */
  server?: ChatServer | ReferenceServer;
  /** Where a server the host makes keeps its data. Default: memory (nothing survives a restart). */
  storage?: StorageEngine;
  /** The clock, for token expiry and the server it makes. Default `Date.now`. */
  now?: () => number;
  /** Lifetime of tokens from `POST /dev/token`, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Largest frame accepted, in bytes; larger ones close the socket with 1009. Default 64 KB. */
  maxFrameBytes?: number;
  /** How often the host pings each socket, in ms; a socket that misses two pongs is terminated. Default 25 000. */
  heartbeatIntervalMs?: number;
  /** How often the server's typing notices are expired, in ms. Default 1000. */
  tickIntervalMs?: number;
  /**
   * How often, in ms, people stored as online with no session on any live host are marked offline
   * (their host died, or this one was killed and restarted); also once at start. Default 15 000.
   */
  presenceSweepMs?: number;
  /**
   * Turns on the admin API at `/admin/v1` for an app's backend, authenticated with this key as a
   * bearer token (at least 16 characters; separate from `secret`). Off without it.
   */
  adminKey?: string;
  /** More HTTP routes, tried in order before the uploads route and the host's own 404. */
  extraRoutes?: HostRoute[];
  /**
   * File uploads at `POST /uploads` and `GET /uploads/<id>` (see `createUploadHandler`): on by
   * default; `false` turns them off. A message's attachments must be files uploaded here for the
   * same room (their `url` this host's own `/uploads/<id>`); with uploads off, messages carry no
   * attachments.
   */
  uploads?: false | Pick<UploadHandlerOptions, 'maxBytes' | 'maxTotalBytes' | 'publicBaseUrl' | 'store'>;
  /** How much a slow reader may have queued before the host stops reading it, and then closes it (see {@link Backpressure}). */
  backpressure?: Partial<Backpressure>;
  /** The per-person limit on history reads of a server the host makes itself; `false` turns it off. Default 40 at once, 10 a second. */
  readLimit?: FloodLimit | false;
  /** Who may open a direct conversation on a server the host makes itself: `'anyone'` (default) or `'shared-room'`. */
  directMessages?: 'anyone' | 'shared-room';
  /** What adding people to a room does on a server the host makes itself: `'direct'` (default) adds them, `'accept'` invites them. */
  invitations?: 'direct' | 'accept';
  /**
   * Rooms with more members than this are crowds on a server the host makes itself: their views
   * carry only admins and `memberCount`, members are paged on demand (see the server's
   * `crowdSize`). Default 100, so only hosts that raise `limits.maxMembersPerRoom` have crowds.
   */
  crowdSize?: number;
  /** Streamed messages with no piece for this many ms are ended as stopped by the sweep (server's `streamIdleMs`). Default 60 000. */
  streamIdleMs?: number;
  /**
   * Webhooks: `urls` from configuration (`--webhook`, signed with `secret`), more through the
   * admin API. Queued in the storage's database when it is SQL (SQLite, PostgreSQL), in memory
   * otherwise (or in `store`). On whenever the admin API is or `urls` are given.
   */
  webhooks?: { urls?: readonly string[]; secret?: string; store?: WebhookStore } & Pick<
    WebhookDispatcherOptions,
    'timeoutMs' | 'concurrency' | 'retryBaseMs' | 'maxRetryDelayMs' | 'retryForMs' | 'pollIntervalMs' | 'fetch'
  >;
  /**
   * Link previews (#14): the host unfurls the first http(s) link of each message in the background
   * and attaches a preview, its image served from `/previews/image/…`. On by default, public
   * addresses only; `allowHosts` / `allowPrivateAddresses` for tests and intranets; `unfurler`
   * replaces the fetching altogether; `false` (or `enabled: false`) turns previews off.
   */
  previews?: false | (LinkPreviewOptions & { unfurler?: LinkUnfurler; publicBaseUrl?: string });
  /** Called after each request is handled and before its answer is sent. For tests. */
  onRequestHandled?: (request: HandledRequest) => void;
  /** Where unexpected failures go (never crashing the host). Default `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * Per-socket limits on what the host holds for a client that does not read (ws `bufferedAmount`):
 * over `highWaterBytes` the host reads no more of that socket's requests until it drains; still
 * over after `drainTimeoutMs`, or ever over `maxBytes` (events from others keep coming), the
 * socket is closed with {@link CLOSE_CODES}.tooSlow (4008) and dropped a second later if the
 * close cannot get through.
 *
 * @example
 * createHost({ secret, backpressure: { highWaterBytes: 512 * 1024, drainTimeoutMs: 5000 } });
 */
export interface Backpressure {
  /** Default 1 MiB. */
  highWaterBytes: number;
  /** Default 16 MiB. */
  maxBytes: number;
  /** Default 10 000. */
  drainTimeoutMs: number;
}

/** What {@link HostOptions.backpressure} leaves unsaid. */
export const DEFAULT_BACKPRESSURE: Backpressure = { highWaterBytes: 1024 * 1024, maxBytes: 16 * 1024 * 1024, drainTimeoutMs: 10_000 };
