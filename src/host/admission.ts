/// <reference types="node" />
import type { IncomingMessage } from 'node:http';
import { CLOSE_CODES, toChatError } from '../protocol';
import type { ChatServer } from '../server';
import { isExpiredTokenError, verifyToken } from './auth';

/** Whether a socket may open a session: who, until when; or the close code and sentence that refuse it. */
export type Admission = { ok: true; userId: string; expiresAt: number } | { ok: false; code: number; reason: string };

/** What {@link admitConnection} checks a socket against. */
export interface AdmissionOptions {
  server: ChatServer;
  secret: string;
  now: () => number;
  originAllowed(origin: string | undefined): boolean;
}

/**
 * Decides whether an upgrade to `/ws` may open a session: an allowed Origin, a `token` query
 * parameter signed with the host's secret and not expired, naming a person the server knows.
 * A refusal carries a close code rather than an HTTP status, because browsers cannot read the
 * latter on a socket.
 *
 * @example
 * const admission = await admitConnection(req, { server, secret, now: Date.now, originAllowed });
 * if (!admission.ok) ws.close(admission.code, admission.reason);
 */
export async function admitConnection(req: IncomingMessage, options: AdmissionOptions): Promise<Admission> {
  const { server, secret, now, originAllowed } = options;
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
    const verified = await verifyToken(token, secret, { now });
    if (!(await server.getUser(verified.userId))) return { ok: false, code: CLOSE_CODES.unauthorized, reason: `Unknown user "${verified.userId.slice(0, 40)}".` };
    return { ok: true, ...verified };
  } catch (error) {
    const chatError = toChatError(error);
    return { ok: false, code: isExpiredTokenError(chatError) ? CLOSE_CODES.tokenExpired : CLOSE_CODES.unauthorized, reason: chatError.message };
  }
}
