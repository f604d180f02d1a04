/// <reference types="node" />
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { ChatError, CLOSE_CODES, MAX_FRAME_BYTES } from '../protocol';
import { createChatServer, createMemoryStorage, toChatServer, watchLinkPreviews, type LinkUnfurler, type ChatServer } from '../server';
import { admitConnection } from './admission';
import { authenticateRequest, signToken } from './auth';
import { createConnections } from './connections';
import { seedDemo } from './demo';
import { createDevTokenRoute } from './devToken';
import { createAdminRoute } from './admin';
import { createFrameSender } from './frameSender';
import { createHttpRouter, type HostRoute, type HostRouteContext } from './httpRouter';
import { createMemoryFileStore, createUploadHandler, watchFileLifecycle } from './uploads';
import type { HostMetrics } from './metrics';
import { serveMetrics } from './metricsRoute';
import { DEFAULT_BACKPRESSURE, type Backpressure, type HostOptions } from './options';
import { createOriginCheck } from './origins';
import { createOwnUploads } from './ownUploads';
import { createPeriodicWork } from './periodicWork';
import { createPreviewImageRoute } from './previews/handler';
import { createLinkUnfurler, type NodeLinkUnfurler } from './previews/unfurler';
import { createSocketEndpoint } from './socketEndpoint';
import { createSqlStatsSource, createStorageStatsSource, type StatsSource } from './stats';
import { sqlAccessOf } from './storage/sql/access';
import { createMemoryWebhookStore, createSqlWebhookStore, createWebhookDispatcher, type WebhookDispatcher } from './webhooks';

/** The close codes live in the protocol, shared with the WebSocket transport. */
export { CLOSE_CODES };
// The host's contract lives beside the parts that use it; importers of './host' still find it here.
export type { HostRoute, HostRouteContext } from './httpRouter';
export type { Backpressure, HandledRequest, HostOptions } from './options';

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

  let http: HttpServer | null = null;
  let closing = false;
  const originAllowed = createOriginCheck(allowedOrigins, allowMissingOrigin);
  const authenticate = (req: IncomingMessage) => authenticateRequest(req, { secret, now, knownUser: async (id) => (await server.getUser(id)) !== undefined });
  const routeContext: HostRouteContext = { server, authenticate, originAllowed };
  const files = options.uploads === false ? null : (options.uploads?.store ?? createMemoryFileStore());
  const ownUploads = createOwnUploads(files, options.uploads ? options.uploads.publicBaseUrl : undefined);
  /** Made when the host first listens with an admin key: prom-client is loaded only then. */
  let metrics: HostMetrics | undefined;
  const connections = createConnections({
    server,
    sender: createFrameSender(backpressure, reportError),
    ownUploads,
    now,
    metrics: () => metrics,
    ...(options.onRequestHandled ? { onRequestHandled: options.onRequestHandled } : {}),
    reportError,
  });
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
  const adminRoutes: HostRoute[] = options.adminKey
    ? [
        createAdminRoute({
          server,
          adminKey: options.adminKey,
          onError: reportError,
          ...(files === null ? {} : { files }),
          endSessions(userId) {
            for (const socket of connections.socketsOf(userId)) socket.close(CLOSE_CODES.unauthorized, 'This account was deleted.');
          },
          now,
          ...(webhooks ? { webhooks } : {}),
          ...(stats ? { stats } : {}),
          async signToken(userId, ttlSeconds) {
            return { token: await signToken({ userId, secret, ttlSeconds, now }), expiresAt: now() + ttlSeconds * 1000 };
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
  const adminKey = options.adminKey;
  const handleHttp = createHttpRouter({
    routeContext,
    routes,
    connectionCount: () => connections.size,
    metricsRoute: () => (metrics && adminKey ? (req, res) => serveMetrics(req, res, adminKey, metrics as HostMetrics) : undefined),
    ...(dev ? { devToken: createDevTokenRoute({ server, ready, secret, now, tokenTtlSeconds, originAllowed }) } : {}),
    reportError,
  });
  const endpoint = createSocketEndpoint({
    maxFrameBytes,
    isClosing: () => closing,
    admit: (req) => admitConnection(req, { server, secret, now, originAllowed }),
    open: connections.open,
    reportError,
  });
  const periodicWork = createPeriodicWork({ server, beat: connections.beat, heartbeatIntervalMs, tickIntervalMs, presenceSweepMs, reportError });

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
      httpServer.on('upgrade', endpoint.handleUpgrade);
      httpServer.on('clientError', (_error, socket) => socket.destroy());
      webhooks?.start();
      if (files) stopFileLifecycle = watchFileLifecycle({ subscribe: (listener) => server.subscribe(listener), store: files, fileIdOf: ownUploads.fileIdOf, now, onError: reportError });
      if (unfurler) stopPreviews = watchLinkPreviews({ server, unfurler, onError: reportError });
      // Said once at start when htmlparser2 or ipaddr.js is missing, rather than never (a failed preview is silent).
      if (previewImages) (unfurler as NodeLinkUnfurler).ready().catch(reportError);
      await periodicWork.start();
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
      periodicWork.stop();
      const httpServer = http;
      http = null;
      const closed = httpServer ? new Promise<void>((resolve) => httpServer.close(() => resolve())) : Promise.resolve();
      await endpoint.closeSockets();
      httpServer?.closeAllConnections();
      await closed;
      await endpoint.close();
      // After the sockets: their last commands' events are queued before the queue stops.
      await webhooks?.stop();
    },
  };
}
