import * as v from 'valibot';
import { SessionSnapshotSchema } from './entities';
import { ERROR_CODES, ChatError, type ChatErrorPayload } from './errors';
import type { Command } from './commands';
import { describeIssues, type Outcome } from './commands';
import type { ServerEvent } from './events';

/** Largest frame either side accepts, in bytes. A larger one closes the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * A frame from client to server: one command, with an id the answer will carry. The command
 * itself is validated by the server with `parseCommand`.
 *
 * @example
 * const frame: ClientFrame = { kind: 'request', id: 'r1', command: { type: 'typing.start', roomId: 'general' } };
 */
export interface ClientFrame {
  kind: 'request';
  id: string;
  command: Command;
}

export const ClientFrameSchema = v.object({
  kind: v.literal('request'),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  command: v.unknown(),
});

/**
 * A liveness probe from client to server. Browsers cannot send WebSocket ping frames, so a client
 * sends this small frame instead and the server answers at once with a {@link PongFrame}. It
 * carries no id and gets no `result`.
 *
 * @example
 * socket.send(JSON.stringify({ kind: 'ping' } satisfies PingFrame));
 */
export interface PingFrame {
  kind: 'ping';
}

/** The server's answer to a {@link PingFrame}. Any frame proves the connection alive; this one exists for quiet times. */
export interface PongFrame {
  kind: 'pong';
}

export const PingFrameSchema = v.object({ kind: v.literal('ping') });

export const ChatErrorPayloadSchema = v.object({
  code: v.picklist(ERROR_CODES as unknown as [string, ...string[]]),
  message: v.string(),
  retryAfterMs: v.optional(v.number()),
});

/**
 * A frame from server to client: the session snapshot (first frame after the handshake), the
 * answer to a request, or a pushed event. Events are validated with `parseServerEvent`.
 *
 * @example
 * const frame: ServerFrame = { kind: 'result', id: 'r1', ok: true, value: { ttlMs: 5000 } };
 */
export type ServerFrame =
  | { kind: 'session'; snapshot: v.InferOutput<typeof SessionSnapshotSchema> }
  | { kind: 'result'; id: string; ok: true; value: unknown }
  | { kind: 'result'; id: string; ok: false; error: ChatErrorPayload }
  | { kind: 'event'; event: ServerEvent }
  | PongFrame;

export const ServerFrameSchema = v.variant('kind', [
  v.object({ kind: v.literal('session'), snapshot: SessionSnapshotSchema }),
  v.variant('ok', [
    v.object({ kind: v.literal('result'), id: v.string(), ok: v.literal(true), value: v.unknown() }),
    v.object({ kind: v.literal('result'), id: v.string(), ok: v.literal(false), error: ChatErrorPayloadSchema }),
  ]),
  v.object({ kind: v.literal('event'), event: v.unknown() }),
  v.object({ kind: v.literal('pong') }),
]);

/**
 * Parses a frame's JSON text from a client; invalid JSON or shape is an `invalid` error.
 *
 * @example
 * const parsed = parseClientFrame(text);
 * if (!parsed.ok) socket.send(JSON.stringify({ kind: 'result', id: '', ok: false, error: parsed.error.toPayload() }));
 */
export function parseClientFrame(text: string): Outcome<{ kind: 'request'; id: string; command: unknown }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: new ChatError('invalid', 'The frame is not valid JSON.') };
  }
  const result = v.safeParse(ClientFrameSchema, data);
  if (!result.success) return { ok: false, error: new ChatError('invalid', `Malformed frame: ${describeIssues(result.issues, 'frame')}`) };
  return { ok: true, value: result.output };
}

/**
 * Parses a frame's JSON text from the server; the event inside still needs `parseServerEvent`.
 *
 * @example
 * const parsed = parseServerFrame(event.data);
 */
export function parseServerFrame(text: string): Outcome<v.InferOutput<typeof ServerFrameSchema>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: new ChatError('invalid', 'The server sent a frame that is not valid JSON.') };
  }
  const result = v.safeParse(ServerFrameSchema, data);
  if (!result.success) return { ok: false, error: new ChatError('invalid', `The server sent a malformed frame: ${describeIssues(result.issues, 'frame')}`) };
  return { ok: true, value: result.output };
}

/**
 * Parses a frame's JSON text from a client when pings are allowed too: a request (whose command is
 * still unparsed) or a ping. Invalid JSON or shape is an `invalid` error; `id` is the request's id
 * when one could be read, so that the error can be answered to it.
 *
 * @example
 * const parsed = parseClientMessage(text);
 * if (parsed.ok && parsed.value.kind === 'ping') socket.send(JSON.stringify({ kind: 'pong' }));
 */
export function parseClientMessage(text: string): Outcome<{ kind: 'request'; id: string; command: unknown } | PingFrame> & { id?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: new ChatError('invalid', 'The frame is not valid JSON.') };
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && (data as { kind?: unknown }).kind === 'ping') {
    const ping = v.safeParse(PingFrameSchema, data);
    if (ping.success) return { ok: true, value: { kind: 'ping' } };
  }
  const result = v.safeParse(ClientFrameSchema, data);
  if (result.success) return { ok: true, value: result.output };
  const rawId = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  const id = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= 64 ? rawId : undefined;
  return { ok: false, error: new ChatError('invalid', `Malformed frame: ${describeIssues(result.issues, 'frame')}`), ...(id !== undefined ? { id } : {}) };
}
