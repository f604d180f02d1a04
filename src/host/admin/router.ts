/// <reference types="node" />
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { ChatError, describeIssues, toChatError } from '../../protocol';
import type { ChatServer } from '../../server';
import { readBody, sendError, sendJson } from '../http';
import type { FileStore } from '../uploads';
import { ndjsonLines } from './ndjson';
import { buildOpenApiDocument } from './openapi';
import { ADMIN_ROUTES, type AdminRoute } from './routes';
import type { WebhookDispatcher } from '../webhooks';
import type { StatsSource } from '../stats';

/** Where the admin API lives. */
export const ADMIN_PREFIX = '/admin/v1';
/** The largest request body the admin API reads. */
export const MAX_ADMIN_BODY_BYTES = 256 * 1024;

/**
 * Options of {@link createAdminRoute}.
 *
 * @example
 * createAdminRoute({ server, adminKey: process.env.CONFAB_ADMIN_KEY!, signToken });
 */
export interface AdminRouteOptions {
  server: ChatServer;
  /** The key an app's backend sends as `Authorization: Bearer <key>`; separate from the token secret. */
  adminKey: string;
  signToken(userId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: number }>;
  /** Called for failures that are the host's, not the caller's. */
  onError?: (error: unknown) => void;
  /** The host's uploads: deleting a person deletes theirs. */
  files?: FileStore;
  /** Closes this host's connections of a person who was just deleted. */
  endSessions?(userId: string): void;
  /** The host's webhooks (the `/webhooks` routes answer `unavailable` without them). */
  webhooks?: WebhookDispatcher;
  /** Where `/stats` reads from. */
  stats?: StatsSource;
  /** The clock of `/stats`. Default `Date.now`. */
  now?: () => number;
}

/** Writes records as NDJSON, one line each, waiting whenever the socket's buffer is full (the export is never all in memory). */
async function streamNdjson(res: ServerResponse, records: AsyncIterable<unknown>, status: number): Promise<void> {
  const iterator = records[Symbol.asyncIterator]();
  // The first record before the headers: a refusal (an unknown room) is still a proper error answer.
  let next = await iterator.next();
  res.writeHead(status, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  while (!next.done) {
    if (!res.write(`${JSON.stringify(next.value)}\n`)) await new Promise<void>((resolve) => res.once('drain', resolve));
    if (res.destroyed) {
      await iterator.return?.();
      return;
    }
    next = await iterator.next();
  }
  res.end();
}

/** Compares two keys in constant time (hashed first, so their lengths leak nothing either). */
export function sameKey(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function match(route: AdminRoute, segments: readonly string[]): Record<string, string> | null {
  const pattern = route.path.split('/').filter(Boolean);
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const part = pattern[index] as string;
    const segment = segments[index] as string;
    if (part.startsWith('{')) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

function parse(schema: v.GenericSchema, input: unknown, subject: string): unknown {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ChatError('invalid', `The ${subject} is not valid: ${describeIssues(result.issues, subject)}`);
  return result.output;
}

/**
 * The admin HTTP API at `/admin/v1`: people, tokens, rooms, members and messages, for an app's
 * backend (never a browser). Authenticated with the admin key as a bearer token, compared in
 * constant time; any request with an `Origin` header is refused, so a page can never use it even
 * if the key leaked into one. Bodies are JSON of at most 256 KB, with unknown fields refused;
 * errors are the protocol's `{ "error": { code, message } }` with a sentence. The OpenAPI 3.1
 * document, made from the same schemas, is at `/admin/v1/openapi.json`.
 *
 * @example
 * const admin = createAdminRoute({ server, adminKey, signToken: (userId, ttl) => sign(userId, ttl) });
 * createHost({ secret, extraRoutes: [admin] });
 */
export function createAdminRoute(options: AdminRouteOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const { server, adminKey } = options;
  if (adminKey.length < 16) throw new ChatError('invalid', 'The admin key must be at least 16 characters; make one with `openssl rand -hex 32`.');
  let document: unknown;

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.headers.origin !== undefined) throw new ChatError('forbidden', 'The admin API is for your servers; browsers may not call it.');
    const path = url.pathname.slice(ADMIN_PREFIX.length) || '/';
    if (path === '/openapi.json' && req.method === 'GET') {
      document ??= buildOpenApiDocument(ADMIN_ROUTES, ADMIN_PREFIX);
      sendJson(res, 200, document);
      return;
    }
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (!given || !sameKey(given, adminKey)) throw new ChatError('unauthorized', 'Send the admin key as "Authorization: Bearer <key>".');

    let segments: string[];
    try {
      segments = path.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
    } catch {
      throw new ChatError('invalid', 'The path is not valid.');
    }
    const candidates = ADMIN_ROUTES.map((route) => ({ route, params: match(route, segments) })).filter((item) => item.params !== null);
    if (candidates.length === 0) throw new ChatError('not_found', `There is no admin route ${path.slice(0, 200)}; see ${ADMIN_PREFIX}/openapi.json.`);
    const found = candidates.find((item) => item.route.method === req.method);
    if (!found) {
      const allowed = candidates.map((item) => item.route.method).join(', ');
      sendError(res, new ChatError('invalid', `Use ${allowed} on ${path.slice(0, 200)}.`), { allow: allowed }, 405);
      return;
    }
    const { route } = found;
    const rawQuery = Object.fromEntries(url.searchParams);
    if (!route.query && Object.keys(rawQuery).length > 0) throw new ChatError('invalid', `${route.method} ${route.path} takes no query parameters.`);
    const query = route.query ? parse(route.query, rawQuery, 'query') : {};
    let body: unknown;
    if (route.body) {
      const text = await readBody(req, MAX_ADMIN_BODY_BYTES);
      let json: unknown = {};
      if (text.trim() !== '') {
        try {
          json = JSON.parse(text);
        } catch {
          throw new ChatError('invalid', 'The body must be JSON.');
        }
      }
      body = parse(route.body, json, 'body');
    }
    const call = {
      server,
      signToken: options.signToken,
      params: found.params as Record<string, string>,
      query,
      body,
      limits: server.limits,
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
      ...(options.stats ? { stats: options.stats } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(route.ndjsonBody ? { lines: ndjsonLines(req) } : {}),
      ...(options.files ? { files: options.files } : {}),
      ...(options.endSessions ? { endSessions: options.endSessions } : {}),
    };
    const value = await route.handle(call);
    if (route.ndjsonResponse) await streamNdjson(res, value as AsyncIterable<unknown>, route.status ?? 200);
    else sendJson(res, route.status ?? 200, value);
  }

  return async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    if (url.pathname !== ADMIN_PREFIX && !url.pathname.startsWith(`${ADMIN_PREFIX}/`)) return false;
    try {
      await answer(req, res, url);
    } catch (error) {
      const chatError = toChatError(error);
      if (chatError.code === 'internal') options.onError?.(error);
      // A body left unread (an import stopped at a bad line) must not be read as the next request.
      const unread = !req.complete && req.method !== 'GET';
      if (unread) req.resume();
      sendError(res, chatError, { ...(chatError.code === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {}), ...(unread ? { connection: 'close' } : {}) });
    }
    return true;
  };
}
