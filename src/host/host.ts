/// <reference types="node" />
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  ChatError,
  CLOSE_CODES,
  MAX_FRAME_BYTES,
  parseClientMessage,
  toChatError,
  type Limits,
  type Outcome,
  type ServerEvent,
  type ServerFrame,
} from '../protocol';
import { createChatServer, createMemoryStorage, toChatServer, watchLinkPreviews, type LinkUnfurler, type ChatServer, type ChatServerSession, type FloodLimit, type ReferenceServer, type StorageEngine, type WordFilter } from '../server';
import { authenticateRequest, isExpiredTokenError, signToken, verifyToken } from './auth';
import { seedDemo } from './demo';
import { createAdminRoute, ADMIN_PREFIX } from './admin';
import { sameKey } from './admin/router';
import { readBody, sendError, sendJson } from './http';
import { createMemoryFileStore, createUploadHandler, watchFileLifecycle, type UploadHandlerOptions } from './uploads';
import type { HostMetrics } from './metrics';
import { createPreviewImageRoute } from './previews/handler';
import { createLinkUnfurler, type LinkPreviewOptions, type NodeLinkUnfurler } from './previews/unfurler';
import { createSqlStatsSource, createStorageStatsSource, type StatsSource } from './stats';
import { sqlAccessOf } from './storage/sql/access';
import { createMemoryWebhookStore, createSqlWebhookStore, createWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions, type WebhookStore } from './webhooks';

/** The close codes live in the protocol, shared with the WebSocket transport. */
export { CLOSE_CODES };

/**
 * Another HTTP route beside the socket (uploads, health checks of your own). Return true when it
 * answered the request, false to pass it on. It is given the host, to authenticate and reach the
 * server.
 *
 * @example
 * const route: HostRoute = async (req, res, { authenticate }) => {
 *   if (!req.url?.startsWith('/uploads')) return false;
 *   const userId = await authenticate(req);
 *   res.end(userId);
 *   return true;
 * };
 */
export type HostRoute = (req: IncomingMessage, res: ServerResponse, context: HostRouteContext) => Promise<boolean> | boolean;

/** What a {@link HostRoute} may use. */
export interface HostRouteContext {
  server: ChatServer;
  /** Resolves with the user id of the request's bearer token (header or `access_token`), or rejects with ChatError `unauthorized`. */
  authenticate(req: IncomingMessage): Promise<string>;
  /** True when a browser Origin may call this host (absent Origin counts as allowed when non-browser clients are). */
  originAllowed(origin: string | undefined): boolean;
}

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

const DEFAULT_BACKPRESSURE: Backpressure = { highWaterBytes: 1024 * 1024, maxBytes: 16 * 1024 * 1024, drainTimeoutMs: 10_000 };
/** How often a paused socket is looked at to see whether it drained. */
const DRAIN_POLL_MS = 20;
/** How long a socket closed as too slow may take to say goodbye before it is cut. */
const SLOW_CLOSE_GRACE_MS = 1000;

/** A running (or ready to run) host. */
export interface Host {
  /** Starts listening; resolves with the port and the socket URL (`ws://host:port/ws`). */
  listen(): Promise<{ port: number; url: string }>;
  /** Stops accepting, closes every socket with 1001, closes the HTTP server. */
  close(): Promise<void>;
  readonly server: ChatServer;
  /** Resolves once the host's own server is ready (seeded in dev). */
  readonly ready: Promise<void>;
  /** The signing secret (random in dev unless given). */
  readonly secret: string;
  /** Signs a token for a user with this host's secret. */
  signToken(userId: string, ttlSeconds?: number): Promise<string>;
  /** Resolves with the user id of an HTTP request's bearer token; see {@link authenticateRequest}. */
  authenticate(req: IncomingMessage): Promise<string>;
  /** Open sockets with a session. */
  readonly connectionCount: number;
  /** The host's webhooks (on with the admin API or configured URLs). */
  readonly webhooks: WebhookDispatcher | undefined;
}

const DEV_USER_ID = /^[a-z0-9_-]{1,32}$/;
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_DEV_BODY_BYTES = 4096;

/** Socket errors that only mean the other side went away (a killed tab, a dead network): expected, not worth a log line. */
const DISCONNECT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTCONN', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/**
 * True for a write that failed because the peer is gone, or because ws refused a write after the
 * close began: clients drop all the time, and a dropped client is not an error of the host.
 */
function isDisconnect(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && DISCONNECT_CODES.has(code)) || /WebSocket is not open/.test(error.message);
}

/**
 * The names a client reached this host by: its Host header, and a proxy's X-Forwarded-Host
 * (behind a proxy that rewrites Host, set the uploads' `publicBaseUrl` or forward the host).
 */
function hostNamesOf(req: IncomingMessage): string[] {
  const forwarded = req.headers['x-forwarded-host'];
  const names = [req.headers.host, ...(Array.isArray(forwarded) ? forwarded : (forwarded ?? '').split(','))];
  return names.map((name) => (name ?? '').trim().toLowerCase()).filter((name) => name !== '');
}

/** Resolves after the I/O that is already waiting has had its turn. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function commandTypeOf(command: unknown): string {
  const type = (command as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : 'unknown';
}

/**
 * `GET /metrics`: Prometheus text, for a scraper holding the admin key (`bearer_token` in its
 * scrape config); like the admin API, never for a browser.
 */
async function serveMetrics(req: IncomingMessage, res: ServerResponse, adminKey: string, metrics: HostMetrics): Promise<void> {
  if (req.headers.origin !== undefined) throw new ChatError('forbidden', 'The metrics are for your scraper; browsers may not read them.');
  if (req.method !== 'GET') {
    sendError(res, new ChatError('invalid', 'Use GET /metrics.'), { allow: 'GET' }, 405);
    return;
  }
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (!given || !sameKey(given, adminKey)) {
    sendError(res, new ChatError('unauthorized', 'Send the admin key as "Authorization: Bearer <key>".'), { 'www-authenticate': 'Bearer' });
    return;
  }
  const text = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  res.end(text);
}

/** A close reason must fit in 123 bytes of UTF-8. */
function fitReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.byteLength <= 123) return reason;
  let cut = 120;
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return `${bytes.subarray(0, cut).toString('utf8')}…`;
}

interface Connection {
  socket: WebSocket;
  userId: string;
  session: ChatServerSession;
  /** One socket's commands run one after another, in the order they arrived. */
  queue: Promise<void>;
  missedPongs: number;
  awaitingPong: boolean;
  expiryTimer: ReturnType<typeof setTimeout> | null;
  /** The host names the client connected to (Host, and X-Forwarded-Host behind a proxy): an attachment URL on one of them is this host's own. */
  hostNames: readonly string[];
}

/**
 * The Node host of the reference server: an HTTP server with a WebSocket endpoint at `/ws`.
 * Clients connect with `ws://host:port/ws?token=<jwt>`; the first frame is the session snapshot,
 * then events; requests are answered by id. See src/protocol/frames.ts.
 *
 * @example
 * const host = createHost({ port: 0, dev: true });
 * const { url } = await host.listen();
 * // … createWebSocketTransport({ url, tokenProvider }) …
 * await host.close();
 */
export function createHost(options: HostOptions = {}): Host {
  const dev = options.dev === true;
  const now = options.now ?? Date.now;
  const secret = options.secret ?? (dev ? randomBytes(32).toString('base64url') : undefined);
  if (!secret) throw new ChatError('invalid', 'The host needs a signing secret (option secret, --secret or CONFAB_SECRET), or dev mode.');
  const given = options.server;
  const storage = options.storage ?? (given ? undefined : createMemoryStorage());
  const server: ChatServer = given
    ? 'answersLater' in given
      ? given
      : toChatServer(given)
    : createChatServer({
        now,
        storage: storage ?? createMemoryStorage(),
        // Over a kept store (a restart, other hosts on one database) a counter would start again at
        // ids already taken: random ids never meet the ones stored.
        ...(options.storage ? { generateId: (kind: 'room' | 'message') => `${kind === 'room' ? 'room' : 'msg'}_${randomUUID()}` } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.floodLimit !== undefined ? { floodLimit: options.floodLimit } : {}),
        ...(options.wordFilter !== undefined ? { wordFilter: options.wordFilter } : {}),
        ...(options.readLimit !== undefined ? { readLimit: options.readLimit } : {}),
        ...(options.directMessages !== undefined ? { directMessages: options.directMessages } : {}),
        ...(options.invitations !== undefined ? { invitations: options.invitations } : {}),
        ...(options.crowdSize !== undefined ? { crowdSize: options.crowdSize } : {}),
        ...(options.streamIdleMs !== undefined ? { streamIdleMs: options.streamIdleMs } : {}),
      });
  const ready = !given && dev ? seedDemo(server) : Promise.resolve();
  const allowedOrigins = options.allowedOrigins ?? (dev ? null : []);
  const allowMissingOrigin = options.allowMissingOrigin ?? true;
  const maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 25_000;
  const tickIntervalMs = options.tickIntervalMs ?? 1000;
  const presenceSweepMs = options.presenceSweepMs ?? 15_000;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const extraRoutes = options.extraRoutes ?? [];
  const reportError = options.onError ?? ((error: unknown) => console.error('[confab host]', error));
  const backpressure: Backpressure = { ...DEFAULT_BACKPRESSURE, ...options.backpressure };

  const connections = new Set<Connection>();
  const sockets = new Set<WebSocket>();
  let http: HttpServer | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let presenceSweeper: ReturnType<typeof setInterval> | null = null;
  let closing = false;

  function originAllowed(origin: string | undefined): boolean {
    if (origin === undefined || origin === '') return allowMissingOrigin;
    if (allowedOrigins === '*') return true;
    if (allowedOrigins === null) return LOCAL_ORIGIN.test(origin);
    return allowedOrigins.includes(origin);
  }

  const authenticate = (req: IncomingMessage) => authenticateRequest(req, { secret, now, knownUser: async (id) => (await server.getUser(id)) !== undefined });
  const routeContext: HostRouteContext = { server, authenticate, originAllowed };
  const files = options.uploads === false ? null : (options.uploads?.store ?? createMemoryFileStore());
  const sqlAccess = sqlAccessOf(storage);
  const webhookUrls = options.webhooks?.urls ?? [];
  const webhooks: WebhookDispatcher | undefined =
    options.adminKey || webhookUrls.length > 0
      ? createWebhookDispatcher({
          ...options.webhooks,
          server,
          store: options.webhooks?.store ?? (sqlAccess ? createSqlWebhookStore(sqlAccess) : createMemoryWebhookStore()),
          configured: webhookUrls,
          ...(options.webhooks?.secret ? { configuredSecret: options.webhooks.secret } : {}),
          now,
          onError: reportError,
        })
      : undefined;
  const stats: StatsSource | undefined = sqlAccess ? createSqlStatsSource(sqlAccess) : storage ? createStorageStatsSource(storage) : undefined;
  /** Made when the host first listens with an admin key: prom-client is loaded only then. */
  let metrics: HostMetrics | undefined;
  const adminRoutes: HostRoute[] = options.adminKey
    ? [
        createAdminRoute({
          server,
          adminKey: options.adminKey,
          onError: reportError,
          ...(files === null ? {} : { files }),
          endSessions(userId) {
            for (const connection of connections) {
              if (connection.userId === userId) connection.socket.close(CLOSE_CODES.unauthorized, 'This account was deleted.');
            }
          },
          now,
          ...(webhooks ? { webhooks } : {}),
          ...(stats ? { stats } : {}),
          async signToken(userId, ttlSeconds) {
            return { token: await signToken({ userId, secret: secret as string, ttlSeconds, now }), expiresAt: now() + ttlSeconds * 1000 };
          },
        }),
      ]
    : [];
  const previewOptions = options.previews === false || options.previews?.enabled === false ? null : (options.previews ?? {});
  const publicBaseUrl = (previewOptions?.publicBaseUrl ?? (options.uploads ? options.uploads.publicBaseUrl : undefined)) || undefined;
  const unfurler: LinkUnfurler | NodeLinkUnfurler | null = previewOptions === null ? null : (previewOptions.unfurler ?? createLinkUnfurler(previewOptions, { secret, now, ...(publicBaseUrl ? { publicBaseUrl } : {}) }));
  // A replacement unfurler serves its images itself; the host's own serves them from here.
  const previewImages = unfurler !== null && 'images' in unfurler ? (unfurler as NodeLinkUnfurler).images : null;
  const previewRoutes: HostRoute[] = previewImages ? [createPreviewImageRoute(previewImages)] : [];
  let stopPreviews: (() => void) | null = null;
  const routes: HostRoute[] = [...adminRoutes, ...extraRoutes, ...(files === null ? [] : [createUploadHandler({ ...(options.uploads || {}), store: files, server, authenticate, secret, now })]), ...previewRoutes];
  let stopFileLifecycle: (() => void) | null = null;
  const uploadsBase = (options.uploads ? (options.uploads.publicBaseUrl ?? '') : '').replace(/\/+$/, '');
  /** The file id behind an attachment URL when it is one of this host's uploads (absolute or relative). */
  const fileIdOf = (url: string, attachmentId: string): string | undefined => {
    try {
      const path = new URL(url, 'http://host.invalid').pathname;
      return path === `/uploads/${attachmentId}` || url === `${uploadsBase}/uploads/${attachmentId}` ? attachmentId : undefined;
    } catch {
      return undefined;
    }
  };

  /**
   * True when `url` is where this host serves the upload `id`: `/uploads/<id>` as the upload
   * answered it (with `publicBaseUrl` when set), or made absolute against the address the client
   * connected to. Nothing else: no other host, no query, no credentials.
   */
  function isOwnUploadUrl(url: string, id: string, hostNames: readonly string[]): boolean {
    const path = `/uploads/${id}`;
    if (url === path || (uploadsBase !== '' && url === `${uploadsBase}${path}`)) return true;
    try {
      const parsed = new URL(url);
      return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && hostNames.includes(parsed.host) && parsed.pathname === path && parsed.search === '' && parsed.hash === '' && parsed.username === '' && parsed.password === '';
    } catch {
      return false;
    }
  }

  /**
   * Attachments must be files this host stored for the same room: a URL from a user would make
   * every viewer's browser fetch it (from the embedding site with its cookies, or from a tracker
   * that learns their address). Answers the refusal, or undefined when the command may run.
   */
  async function refuseForeignAttachments(connection: Connection, command: unknown): Promise<ChatError | undefined> {
    const send = command as { type?: unknown; roomId?: unknown; attachments?: unknown };
    if (typeof send !== 'object' || send === null || send.type !== 'message.send' || !Array.isArray(send.attachments) || send.attachments.length === 0) return undefined;
    if (files === null) return new ChatError('invalid', 'This host does not accept attachments: its uploads are turned off.');
    for (const attachment of send.attachments as Array<{ id?: unknown; url?: unknown }>) {
      // Malformed attachments are the command parser's to describe.
      if (typeof attachment !== 'object' || attachment === null || typeof attachment.id !== 'string' || typeof attachment.url !== 'string') return undefined;
      const info = isOwnUploadUrl(attachment.url, attachment.id, connection.hostNames) ? await files.info(attachment.id) : undefined;
      if (!info || info.roomId !== send.roomId) {
        return new ChatError('invalid', `Attachment "${attachment.id.slice(0, 64)}" is not a file uploaded to this room; upload it with POST /uploads?roomId=… and send the attachment it answers.`);
      }
    }
    return undefined;
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes, clientTracking: false });

  async function devToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, MAX_DEV_BODY_BYTES));
    } catch (error) {
      sendError(res, error instanceof ChatError ? error : new ChatError('invalid', 'The body must be JSON: {"userId": "ana"}.'));
      return;
    }
    const input = (typeof body === 'object' && body !== null ? body : {}) as { userId?: unknown; name?: unknown };
    const userId = input.userId;
    if (typeof userId !== 'string' || !DEV_USER_ID.test(userId)) {
      sendError(res, new ChatError('invalid', 'userId must be 1 to 32 characters of a-z, 0-9, "_" or "-".'));
      return;
    }
    if (input.name !== undefined && (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 64)) {
      sendError(res, new ChatError('invalid', 'name, when given, must be 1 to 64 characters.'));
      return;
    }
    await ready;
    if (!(await server.getUser(userId))) {
      await server.upsertUser({ id: userId, name: typeof input.name === 'string' ? input.name.trim() : userId.charAt(0).toUpperCase() + userId.slice(1) });
      // A new demo person joins the demo's public room, so that there is someone to talk to.
      if (await server.getRoom('general')) await server.actAs(userId, { type: 'room.join', roomId: 'general' });
    }
    const token = await signToken({ userId, secret: secret as string, ttlSeconds: tokenTtlSeconds, now });
    sendJson(res, 200, { token, userId, expiresInSeconds: tokenTtlSeconds });
  }

  async function onHttpRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    // The admin API answers servers only: no CORS for it, whatever origins the chat allows.
    const forBrowsers = !(req.url ?? '').startsWith(ADMIN_PREFIX) && (req.url ?? '').split('?')[0] !== '/metrics';
    if (forBrowsers && origin !== undefined && originAllowed(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      if (!forBrowsers) {
        sendError(res, new ChatError('forbidden', 'The admin API is for your servers; browsers may not call it.'));
        return;
      }
      if (origin !== undefined && !originAllowed(origin)) {
        sendError(res, new ChatError('forbidden', `Origin ${origin} is not allowed.`));
        return;
      }
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, connections: connections.size });
      return;
    }
    if (path === '/metrics' && metrics && options.adminKey) {
      await serveMetrics(req, res, options.adminKey, metrics);
      return;
    }
    if (path === '/dev/token' && dev) {
      if (req.method !== 'POST') {
        sendError(res, new ChatError('invalid', 'Use POST /dev/token with {"userId": "ana"}.'), { allow: 'POST' }, 405);
        return;
      }
      if (origin !== undefined && !originAllowed(origin)) {
        sendError(res, new ChatError('forbidden', `Origin ${origin} is not allowed.`));
        return;
      }
      await devToken(req, res);
      return;
    }
    for (const route of routes) {
      if (await route(req, res, routeContext)) return;
    }
    sendError(res, new ChatError('not_found', `Nothing at ${req.method ?? 'GET'} ${path.slice(0, 200)}.`));
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    onHttpRequest(req, res).catch((error: unknown) => {
      const chatError = toChatError(error);
      if (chatError.code === 'internal') reportError(error);
      try {
        sendError(res, chatError);
      } catch (sendFailure) {
        reportError(sendFailure);
      }
    });
  }

  type Admission = { ok: true; userId: string; expiresAt: number } | { ok: false; code: number; reason: string };

  async function admit(req: IncomingMessage): Promise<Admission> {
    const origin = req.headers.origin;
    if (!originAllowed(origin)) {
      return { ok: false, code: CLOSE_CODES.forbiddenOrigin, reason: origin ? `Origin ${origin} is not allowed.` : 'A request without an Origin is not allowed.' };
    }
    let token: string | null = null;
    try {
      token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    } catch {
      token = null;
    }
    if (!token) return { ok: false, code: CLOSE_CODES.unauthorized, reason: 'A token is required: connect to /ws?token=<token>.' };
    try {
      const verified = await verifyToken(token, secret as string, { now });
      if (!(await server.getUser(verified.userId))) return { ok: false, code: CLOSE_CODES.unauthorized, reason: `Unknown user "${verified.userId.slice(0, 40)}".` };
      return { ok: true, ...verified };
    } catch (error) {
      const chatError = toChatError(error);
      return { ok: false, code: isExpiredTokenError(chatError) ? CLOSE_CODES.tokenExpired : CLOSE_CODES.unauthorized, reason: chatError.message };
    }
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (closing || path !== '/ws') {
      socket.end(closing ? 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    admit(req)
      .then((admission) => {
        if (socket.destroyed) return;
        if (closing) {
          socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.add(ws);
          ws.on('close', () => sockets.delete(ws));
          ws.on('error', () => {});
          if (!admission.ok) {
            // Browsers cannot read an HTTP refusal, so the refusal is a close code and a sentence.
            ws.close(admission.code, fitReason(admission.reason));
            return;
          }
          openConnection(ws, admission.userId, admission.expiresAt, hostNamesOf(req));
        });
      })
      .catch((error: unknown) => {
        reportError(error);
        socket.destroy();
      });
  }

  /** Sockets closed as too slow, so that a flood of frames closes each once. */
  const tooSlow = new WeakSet<WebSocket>();
  function closeTooSlow(ws: WebSocket, reason: string): void {
    if (tooSlow.has(ws)) return;
    tooSlow.add(ws);
    ws.close(CLOSE_CODES.tooSlow, reason);
    // The close frame waits behind everything unsent; a client that never reads never gets it.
    setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS).unref?.();
  }

  /**
   * Resolves once the socket has room again (at most `highWaterBytes` unsent), reading nothing
   * more from it meanwhile; closes it as too slow if that takes longer than `drainTimeoutMs`.
   */
  function drained(ws: WebSocket): Promise<void> | undefined {
    if (ws.bufferedAmount <= backpressure.highWaterBytes || ws.readyState !== ws.OPEN) return undefined;
    ws.pause();
    const since = Date.now();
    return new Promise((resolve) => {
      const poll = setInterval(() => {
        const open = ws.readyState === ws.OPEN;
        if (open && ws.bufferedAmount > backpressure.highWaterBytes && Date.now() - since < backpressure.drainTimeoutMs) return;
        clearInterval(poll);
        if (open && ws.bufferedAmount > backpressure.highWaterBytes) closeTooSlow(ws, `Not read for ${backpressure.drainTimeoutMs} ms; read faster and reconnect.`);
        else if (open) ws.resume();
        resolve();
      }, DRAIN_POLL_MS);
      poll.unref?.();
    });
  }

  function send(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > backpressure.maxBytes) {
      closeTooSlow(ws, `More than ${backpressure.maxBytes} bytes unread; read faster and reconnect.`);
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      reportError(error);
      if (frame.kind === 'result') text = JSON.stringify({ kind: 'result', id: frame.id, ok: false, error: new ChatError('internal', 'The answer could not be encoded.').toPayload() });
      else return;
    }
    corkUntilNextTick(ws);
    ws.send(text, (error) => {
      if (error && !isDisconnect(error)) reportError(error);
    });
  }

  // One command fans out several frames to each member (message.created, then cursor.updated), and
  // a burst of commands arrives in one read. Holding each socket's writes until the tick ends turns
  // them into one write call per socket instead of one per frame: on loopback that write call is
  // most of the cost (bench:server: 0.35–0.47 of a bare ws broadcast before, 1.0–1.8 after).
  // `_socket` is ws's own (undocumented but long-stable) field; without it nothing is corked.
  const corked: Duplex[] = [];
  function corkUntilNextTick(ws: WebSocket): void {
    const raw = (ws as unknown as { _socket?: Duplex })._socket;
    if (!raw || raw.writableCorked > 0) return;
    raw.cork();
    if (corked.push(raw) === 1) {
      process.nextTick(() => {
        for (const socket of corked.splice(0)) socket.uncork();
      });
    }
  }

  function openConnection(ws: WebSocket, userId: string, expiresAt: number, hostNames: readonly string[]): void {
    // Events that arrive while the session opens wait until its snapshot has been sent; those
    // raised by opening it (one's own presence) are in the snapshot already.
    let pending: ServerEvent[] | null = null;
    let live = false;
    const onEvent = (event: ServerEvent) => {
      if (live) send(ws, { kind: 'event', event });
      else pending?.push(event);
    };
    server.connect(userId, onEvent).then(
      async (session) => {
        if (ws.readyState !== ws.OPEN) {
          await session.close();
          return;
        }
        pending = [];
        const connection: Connection = { socket: ws, userId, session, queue: Promise.resolve(), missedPongs: 0, awaitingPong: false, expiryTimer: null, hostNames };
        connections.add(connection);
        attachConnection(connection, expiresAt);
        try {
          send(ws, { kind: 'session', snapshot: await session.snapshot() });
          const queued = pending;
          pending = null;
          live = true;
          for (const event of queued) send(ws, { kind: 'event', event });
          if (ws.readyState === ws.OPEN) scheduleExpiry(connection, expiresAt);
        } catch (error) {
          reportError(error);
          ws.close(1011, 'The host could not open the session.');
        }
      },
      (error: unknown) => {
        const chatError = toChatError(error);
        if (chatError.code === 'unauthorized') ws.close(CLOSE_CODES.unauthorized, fitReason(chatError.message));
        else {
          if (chatError.code === 'internal') reportError(error);
          ws.close(1011, fitReason(chatError.code === 'unavailable' ? chatError.message : 'The host could not open the session.'));
        }
      },
    );
  }

  function scheduleExpiry(connection: Connection, expiresAt: number): void {
    const left = expiresAt - now();
    if (left <= 0) {
      connection.socket.close(CLOSE_CODES.tokenExpired, 'The token has expired.');
      return;
    }
    connection.expiryTimer = setTimeout(() => scheduleExpiry(connection, expiresAt), Math.min(left, MAX_TIMER_MS));
    connection.expiryTimer.unref?.();
  }

  function attachConnection(connection: Connection, _expiresAt: number): void {
    const ws = connection.socket;
    ws.on('pong', () => {
      connection.missedPongs = 0;
      connection.awaitingPong = false;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      connection.queue = connection.queue
        // Each request waits its turn behind other sockets' I/O, so one busy socket cannot hold the
        // event loop for its whole backlog; and a socket whose answers are not being read gets no
        // more answers made for it.
        .then(() => drained(ws) ?? nextTurn())
        // Requests still queued from a socket closed as too slow are dropped unanswered, like those a network loses.
        .then(() => (tooSlow.has(ws) ? undefined : onMessage(connection, data, isBinary)))
        .catch((error: unknown) => {
          reportError(error);
          send(ws, { kind: 'result', id: '', ok: false, error: new ChatError('internal', 'The host failed to handle that frame.').toPayload() });
        });
    });
    ws.on('close', () => {
      connections.delete(connection);
      if (connection.expiryTimer) clearTimeout(connection.expiryTimer);
      connection.expiryTimer = null;
      // After the socket's last command: closing first would mark the person offline under it.
      connection.queue = connection.queue.then(() => connection.session.close()).catch(reportError);
    });
  }

  async function onMessage(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    const ws = connection.socket;
    connection.missedPongs = 0;
    if (isBinary) {
      send(ws, { kind: 'result', id: '', ok: false, error: new ChatError('invalid', 'Binary frames are not supported; send JSON text.').toPayload() });
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      send(ws, { kind: 'result', id: parsed.id ?? '', ok: false, error: parsed.error.toPayload() });
      return;
    }
    const frame = parsed.value;
    if (frame.kind === 'ping') {
      send(ws, { kind: 'pong' });
      return;
    }
    let outcome: Outcome<unknown>;
    const started = performance.now();
    try {
      const refused = await refuseForeignAttachments(connection, frame.command);
      outcome = refused ? { ok: false, error: refused } : await connection.session.handle(frame.command);
    } catch (error) {
      reportError(error);
      outcome = { ok: false, error: new ChatError('internal', 'The server failed on this command; it was not applied.') };
    }
    metrics?.commandDone(commandTypeOf(frame.command), outcome.ok ? 'ok' : toChatError(outcome.error).code, (performance.now() - started) / 1000);
    if (options.onRequestHandled) {
      let terminated = false;
      options.onRequestHandled({
        userId: connection.userId,
        id: frame.id,
        command: frame.command,
        outcome,
        terminate() {
          terminated = true;
          ws.terminate();
        },
      });
      if (terminated) return;
    }
    send(
      ws,
      outcome.ok ? { kind: 'result', id: frame.id, ok: true, value: outcome.value } : { kind: 'result', id: frame.id, ok: false, error: toChatError(outcome.error).toPayload() },
    );
  }

  function beat(): void {
    for (const connection of connections) {
      const ws = connection.socket;
      if (connection.awaitingPong) connection.missedPongs++;
      if (connection.missedPongs >= 2) {
        ws.terminate();
        continue;
      }
      connection.awaitingPong = true;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }

  return {
    server,
    ready,
    secret,
    get connectionCount() {
      return connections.size;
    },
    webhooks,
    signToken(userId, ttlSeconds = tokenTtlSeconds) {
      return signToken({ userId, secret, ttlSeconds, now });
    },
    authenticate,
    async listen() {
      if (http) throw new ChatError('conflict', 'The host is already listening.');
      await ready;
      if (options.adminKey && !metrics) {
        const { createHostMetrics } = await import('./metrics');
        metrics = createHostMetrics({ connections: () => connections.size, ...(webhooks ? { webhookQueueDepth: () => webhooks.depth() } : {}) });
      }
      closing = false;
      const httpServer = createServer(handleHttp);
      http = httpServer;
      httpServer.on('upgrade', handleUpgrade);
      httpServer.on('clientError', (_error, socket) => socket.destroy());
      webhooks?.start();
      if (files) stopFileLifecycle = watchFileLifecycle({ subscribe: (listener) => server.subscribe(listener), store: files, fileIdOf, now, onError: reportError });
      if (unfurler) stopPreviews = watchLinkPreviews({ server, unfurler, onError: reportError });
      // Said once at start when htmlparser2 or ipaddr.js is missing, rather than never (a failed preview is silent).
      if (previewImages) (unfurler as NodeLinkUnfurler).ready().catch(reportError);
      heartbeat = setInterval(beat, heartbeatIntervalMs);
      heartbeat.unref?.();
      ticker = setInterval(() => {
        server.tick().catch(reportError);
      }, tickIntervalMs);
      ticker.unref?.();
      // Before the first socket: nobody should see someone online whom a crash left that way.
      await server.sweepPresence().catch(reportError);
      // Abandoned streamed messages (a bot that crashed, before or after a restart) end with the same sweep.
      const sweep = (): Promise<unknown> => server.sweepStreams().catch(reportError);
      await sweep();
      presenceSweeper = setInterval(() => void server.sweepPresence().catch(reportError).then(sweep), presenceSweepMs);
      presenceSweeper.unref?.();
      const hostname = options.host ?? '127.0.0.1';
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(options.port ?? 8787, hostname, () => {
          httpServer.off('error', reject);
          httpServer.on('error', reportError);
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : (options.port ?? 8787);
          const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
          resolve({ port, url: `ws://${shown}:${port}/ws` });
        });
      });
    },
    async close() {
      closing = true;
      stopFileLifecycle?.();
      stopFileLifecycle = null;
      stopPreviews?.();
      stopPreviews = null;
      if (heartbeat) clearInterval(heartbeat);
      if (ticker) clearInterval(ticker);
      if (presenceSweeper) clearInterval(presenceSweeper);
      heartbeat = null;
      ticker = null;
      const httpServer = http;
      http = null;
      const closed = httpServer ? new Promise<void>((resolve) => httpServer.close(() => resolve())) : Promise.resolve();
      const open = [...sockets];
      await Promise.all(
        open.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === ws.CLOSED) {
                resolve();
                return;
              }
              const force = setTimeout(() => ws.terminate(), 1000);
              ws.once('close', () => {
                clearTimeout(force);
                resolve();
              });
              try {
                ws.close(CLOSE_CODES.goingAway, 'The server is shutting down.');
              } catch {
                ws.terminate();
              }
            }),
        ),
      );
      httpServer?.closeAllConnections();
      await closed;
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // After the sockets: their last commands' events are queued before the queue stops.
      await webhooks?.stop();
    },
  };
}
