import type * as v from 'valibot';
import type { ChatServer } from '../../../server';
import type { FileStore } from '../../uploads';
import type { WebhookDispatcher } from '../../webhooks';
import type { StatsSource } from '../../stats';

type AnySchema = v.GenericSchema;

/**
 * What an admin route is given: the server, a token signer, the path's parameters, and the
 * parsed query and body.
 *
 * @example
 * const handle = async ({ server, params }: AdminCall) => server.getUser(params.id as string);
 */
export interface AdminCall {
  server: ChatServer;
  signToken(userId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: number }>;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  /** How many ids one request may name (the protocol's maxMembersPerRequest). */
  limits: ChatServer['limits'];
  /** The request body's lines, for a route that reads NDJSON. */
  lines?: AsyncIterable<string>;
  /** The host's uploaded files, when it keeps any. */
  files?: FileStore;
  /** Closes this host's connections of a person (after they were deleted). */
  endSessions?(userId: string): void;
  /** The host's webhooks, when it has them. */
  webhooks?: WebhookDispatcher;
  /** Where statistics come from, when the host owns its storage. */
  stats?: StatsSource;
  /** The host's clock. */
  now?: () => number;
}

/**
 * One route of the admin API: its method and path (with `{name}` parameters), the schemas of
 * what it reads and answers (the OpenAPI document is made from them), and what it does.
 *
 * @example
 * const route: AdminRoute = { method: 'GET', path: '/users/{id}', summary: 'Get a person', response: UserSchema, handle: getUser };
 */
export interface AdminRoute {
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  tag: 'Users' | 'Rooms' | 'Messages' | 'Data' | 'Webhooks' | 'Statistics' | 'Moderation';
  query?: AnySchema;
  body?: AnySchema;
  /** The body is NDJSON, read a line at a time (`call.lines`), instead of one JSON value. */
  ndjsonBody?: true;
  /** The answer is NDJSON: `handle` returns an async iterable of records, streamed one line each. */
  ndjsonResponse?: true;
  response: AnySchema;
  status?: 200 | 201;
  handle(call: AdminCall): Promise<unknown>;
}
