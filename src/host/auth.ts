/// <reference types="node" />
import type { IncomingMessage } from 'node:http';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { ChatError } from '../protocol';

const encoder = new TextEncoder();

/** What a valid token says: who, and until when (ms since the epoch). */
export interface VerifiedToken {
  userId: string;
  expiresAt: number;
}

function keyOf(secret: string): Uint8Array {
  if (typeof secret !== 'string' || secret.length === 0) throw new ChatError('internal', 'The host has no signing secret.');
  return encoder.encode(secret);
}

/**
 * Signs an HS256 JWT for one person: `sub` is the user id, `exp` is `ttlSeconds` from now.
 *
 * @example
 * const token = await signToken({ userId: 'ana', secret: process.env.CONFAB_SECRET!, ttlSeconds: 3600 });
 */
export async function signToken(options: { userId: string; secret: string; ttlSeconds: number; now?: () => number }): Promise<string> {
  const { userId, secret, ttlSeconds } = options;
  if (typeof userId !== 'string' || userId.length === 0) throw new ChatError('invalid', 'A token needs a user id.');
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new ChatError('invalid', 'A token lifetime must be a positive number of seconds.');
  const issuedAt = Math.floor((options.now ?? Date.now)() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + Math.ceil(ttlSeconds))
    .sign(keyOf(secret));
}

/**
 * Checks an HS256 token's signature and expiry. Only HS256 is accepted (never `alg: none`), and
 * `sub` and `exp` are required. Rejects with ChatError `unauthorized`, whose message says why;
 * an expired token says "The token has expired." so that callers can tell it apart.
 *
 * @example
 * const { userId, expiresAt } = await verifyToken(token, secret);
 */
export async function verifyToken(token: string, secret: string, options: { now?: () => number } = {}): Promise<VerifiedToken> {
  if (typeof token !== 'string' || token.length === 0) throw new ChatError('unauthorized', 'A token is required.');
  if (token.length > 8192) throw new ChatError('unauthorized', 'The token is too long.');
  let payload: { sub?: unknown; exp?: unknown };
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      currentDate: new Date((options.now ?? Date.now)()),
    }));
  } catch (error) {
    if (error instanceof ChatError) throw error;
    throw new ChatError('unauthorized', describeJoseError(error), { cause: error });
  }
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new ChatError('unauthorized', 'The token names no user (sub).');
  if (typeof payload.exp !== 'number') throw new ChatError('unauthorized', 'The token has no expiry (exp).');
  return { userId: payload.sub, expiresAt: payload.exp * 1000 };
}

/** True when a ChatError from {@link verifyToken} means the token was fine but is past its time. */
export function isExpiredTokenError(error: unknown): boolean {
  return error instanceof ChatError && error.code === 'unauthorized' && error.message === EXPIRED;
}

const EXPIRED = 'The token has expired.';

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return EXPIRED;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token is not signed with HS256.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'sub') return 'The token names no user (sub).';
    if (error.claim === 'exp') return 'The token has no valid expiry (exp).';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'The token is not valid yet.';
    return `The token's "${error.claim}" claim is not valid.`;
  }
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'The token is malformed.';
  return 'The token is not valid.';
}

/** The bearer token of an HTTP request: `Authorization: Bearer <token>`, else the `access_token` query parameter. */
export function tokenOfRequest(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1]) return match[1];
  }
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    return url.searchParams.get('access_token') ?? url.searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Authenticates an HTTP request (for routes beside the socket, such as uploads) by its bearer
 * token, and resolves with the user id. Rejects with ChatError `unauthorized`.
 *
 * @example
 * const route = async (req, res) => {
 *   const userId = await authenticateRequest(req, { secret });
 *   ...
 * };
 */
export async function authenticateRequest(req: IncomingMessage, options: { secret: string; now?: () => number; knownUser?: (userId: string) => boolean | Promise<boolean> }): Promise<string> {
  const token = tokenOfRequest(req);
  if (!token) throw new ChatError('unauthorized', 'A token is required: send "Authorization: Bearer <token>" or ?access_token=<token>.');
  const { userId } = await verifyToken(token, options.secret, options.now ? { now: options.now } : {});
  if (options.knownUser && !(await options.knownUser(userId))) throw new ChatError('unauthorized', `Unknown user "${userId.slice(0, 64)}".`);
  return userId;
}
