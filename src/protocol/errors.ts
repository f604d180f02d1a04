/**
 * Every way a command can fail, as a stable machine-readable code.
 *
 * - `unauthorized`: no valid session (unknown user, bad or expired token).
 * - `forbidden`: the session is valid but may not do this (not a member, not an admin, blocked).
 * - `not_found`: the room, message or user does not exist (or is invisible to this user).
 * - `invalid`: the input does not match the protocol's schema or rules.
 * - `too_large`: a size limit was exceeded (text bytes, custom data, members per room or per request).
 * - `rate_limited`: the per-user flood limit was hit; retry later.
 * - `conflict`: the request contradicts current state (e.g. a room name already taken).
 * - `unavailable`: the transport is offline or the connection dropped; safe to retry.
 * - `timeout`: no answer in time; safe to retry (sends are idempotent).
 * - `internal`: a bug on the other side; the message says what is known.
 *
 * @example
 * if (error instanceof ChatError && error.code === 'too_large') showLimitHint(error.message);
 */
export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'too_large'
  | 'rate_limited'
  | 'conflict'
  | 'unavailable'
  | 'timeout'
  | 'internal';

/** Every {@link ErrorCode}, for schemas and exhaustive checks. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'unauthorized',
  'forbidden',
  'not_found',
  'invalid',
  'too_large',
  'rate_limited',
  'conflict',
  'unavailable',
  'timeout',
  'internal',
];

/**
 * The serialisable shape of an error as it crosses the wire.
 *
 * @example
 * const payload: ChatErrorPayload = { code: 'not_found', message: 'Room "r9" does not exist.' };
 */
export interface ChatErrorPayload {
  code: ErrorCode;
  /** One human sentence saying what went wrong and, where useful, what to do. */
  message: string;
  /** For `rate_limited`: milliseconds until a retry may succeed. */
  retryAfterMs?: number;
}

/**
 * The one error type every layer throws or rejects with.
 *
 * @example
 * try {
 *   await client.sendMessage('general', { text });
 * } catch (error) {
 *   if (error instanceof ChatError) console.warn(error.code, error.message);
 * }
 */
export class ChatError extends Error implements ChatErrorPayload {
  override readonly name = 'ChatError';
  readonly code: ErrorCode;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options?: { retryAfterMs?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** Rebuilds a ChatError from its wire payload. */
  static fromPayload(payload: ChatErrorPayload): ChatError {
    return new ChatError(payload.code, payload.message, payload.retryAfterMs === undefined ? undefined : { retryAfterMs: payload.retryAfterMs });
  }

  /** The wire payload of this error. */
  toPayload(): ChatErrorPayload {
    return this.retryAfterMs === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfterMs: this.retryAfterMs };
  }
}

/** True for failures where sending the same command again may succeed (the network, not the request, failed). */
export function isRetryable(error: unknown): boolean {
  return error instanceof ChatError && (error.code === 'unavailable' || error.code === 'timeout' || error.code === 'rate_limited');
}

/** Wraps anything thrown into a ChatError, keeping ChatErrors as they are. */
export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ChatError('internal', `Unexpected failure: ${message}`, { cause: error });
}
