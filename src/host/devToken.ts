/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError } from '../protocol';
import type { ChatServer } from '../server';
import { signToken } from './auth';
import { readBody, sendError, sendJson } from './http';

const DEV_USER_ID = /^[a-z0-9_-]{1,32}$/;
const MAX_DEV_BODY_BYTES = 4096;

/** What `POST /dev/token` needs of the host. */
export interface DevTokenOptions {
  server: ChatServer;
  /** Resolves once the demo is seeded: a token for a demo person must find them there. */
  ready: Promise<void>;
  secret: string;
  now: () => number;
  tokenTtlSeconds: number;
  originAllowed(origin: string | undefined): boolean;
}

/**
 * `POST /dev/token` of a host in dev mode: `{"userId": "ana", "name"?: "Ana"}` answers a token
 * for that person, made on first use (and joined to the demo's `general` room) so that anyone
 * can try the chat without an app backend. Never on a host outside dev mode.
 *
 * @example
 * const devToken = createDevTokenRoute({ server, ready, secret, now: Date.now, tokenTtlSeconds: 3600, originAllowed: () => true });
 * if (path === '/dev/token') await devToken(req, res);
 */
export function createDevTokenRoute(options: DevTokenOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { server, ready, secret, now, tokenTtlSeconds, originAllowed } = options;

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
    const token = await signToken({ userId, secret, ttlSeconds: tokenTtlSeconds, now });
    sendJson(res, 200, { token, userId, expiresInSeconds: tokenTtlSeconds });
  }

  return async (req, res) => {
    const origin = req.headers.origin;
    if (req.method !== 'POST') {
      sendError(res, new ChatError('invalid', 'Use POST /dev/token with {"userId": "ana"}.'), { allow: 'POST' }, 405);
      return;
    }
    if (origin !== undefined && !originAllowed(origin)) {
      sendError(res, new ChatError('forbidden', `Origin ${origin} is not allowed.`));
      return;
    }
    await devToken(req, res);
  };
}
