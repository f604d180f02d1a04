import { ChatError } from '../../../protocol';

/** SQLSTATEs after which the same transaction, run again, may well succeed. */
const RETRYABLE_STATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '23505', // unique_violation: a client id or sequence another transaction took first
]);

/** Node socket errors that mean the server is not there. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * PostgreSQL went away or cannot be reached: a refused or dropped connection, a server shutting
 * down (57P01–57P03) or a connection exception (class 08).
 *
 * @example
 * isConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); // true
 */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && (SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection error|not queryable|Client was closed|Cannot use a pool after calling end/i.test(message);
}

/**
 * A deadlock, a serialization failure or a unique violation: run the whole transaction again.
 *
 * @example
 * isRetryable(Object.assign(new Error('deadlock detected'), { code: '40P01' })); // true
 */
export function isRetryable(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && RETRYABLE_STATES.has(code);
}

/**
 * The error a transaction rejects with when PostgreSQL is not reachable.
 *
 * @example
 * throw unavailableError('The database is not reachable; nothing was stored.', error);
 */
export function unavailableError(message: string, cause?: unknown): ChatError {
  return new ChatError('unavailable', message, cause === undefined ? undefined : { cause });
}
