/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError, toChatError } from '../protocol';
import type { ChatServer } from '../server';
import { ADMIN_PREFIX } from './admin';
import { sendError, sendJson } from './http';

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

/** What the host's HTTP side needs: its own fixed routes, then the routes tried in order before the 404. */
export interface HttpRouterOptions {
  routeContext: HostRouteContext;
  /** Admin, extra, uploads and preview routes, in the order they are tried. */
  routes: readonly HostRoute[];
  /** Open sockets with a session, for `GET /health`. */
  connectionCount(): number;
  /** `GET /metrics`, once the host has metrics (listening with an admin key). */
  metricsRoute(): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** `POST /dev/token`, in dev mode only. */
  devToken?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  reportError(error: unknown): void;
}

/**
 * The host's HTTP request handler: CORS for browser routes (never for the admin API or the
 * metrics), `/health`, `/metrics`, `/dev/token`, then each route in turn, then a 404. A failure
 * is answered with its ChatError's status; only unexpected ones are reported.
 *
 * @example
 * const httpServer = createServer(createHttpRouter({ routeContext, routes, connectionCount: () => 0, metricsRoute: () => undefined, reportError: console.error }));
 */
export function createHttpRouter(options: HttpRouterOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { routeContext, routes, reportError } = options;
  const { originAllowed } = routeContext;

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
      sendJson(res, 200, { ok: true, connections: options.connectionCount() });
      return;
    }
    const metricsRoute = path === '/metrics' ? options.metricsRoute() : undefined;
    if (metricsRoute) {
      await metricsRoute(req, res);
      return;
    }
    if (path === '/dev/token' && options.devToken) {
      await options.devToken(req, res);
      return;
    }
    for (const route of routes) {
      if (await route(req, res, routeContext)) return;
    }
    sendError(res, new ChatError('not_found', `Nothing at ${req.method ?? 'GET'} ${path.slice(0, 200)}.`));
  }

  return (req, res) => {
    onHttpRequest(req, res).catch((error: unknown) => {
      const chatError = toChatError(error);
      if (chatError.code === 'internal') reportError(error);
      try {
        sendError(res, chatError);
      } catch (sendFailure) {
        reportError(sendFailure);
      }
    });
  };
}
