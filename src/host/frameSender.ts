/// <reference types="node" />
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { ChatError, CLOSE_CODES, type ServerFrame } from '../protocol';
import type { Backpressure } from './options';

/** How often a paused socket is looked at to see whether it drained. */
const DRAIN_POLL_MS = 20;
/** How long a socket closed as too slow may take to say goodbye before it is cut. */
const SLOW_CLOSE_GRACE_MS = 1000;

/** Socket errors that only mean the other side went away (a killed tab, a dead network): expected, not worth a log line. */
const DISCONNECT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTCONN', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/**
 * True for a write that failed because the peer is gone, or because ws refused a write after the
 * close began: clients drop all the time, and a dropped client is not an error of the host.
 */
function isDisconnect(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && DISCONNECT_CODES.has(code)) || /WebSocket is not open/.test(error.message);
}

/** Writes frames to sockets within the host's {@link Backpressure}; see {@link createFrameSender}. */
export interface FrameSender {
  /** Sends one frame, unless the socket is closed; closes a socket that has more than `maxBytes` unread. */
  send(ws: WebSocket, frame: ServerFrame): void;
  /**
   * Resolves once the socket has room again (at most `highWaterBytes` unsent), reading nothing
   * more from it meanwhile; closes it as too slow if that takes longer than `drainTimeoutMs`.
   * Undefined when it has room now.
   */
  drained(ws: WebSocket): Promise<void> | undefined;
  /** True once the socket was closed as too slow: what it still sent is dropped unanswered. */
  isTooSlow(ws: WebSocket): boolean;
}

/**
 * The host's one way to write to a socket: JSON frames, corked per tick, and a slow reader
 * paused, then closed with {@link CLOSE_CODES}.tooSlow, rather than buffered without end.
 *
 * @example
 * const sender = createFrameSender({ highWaterBytes: 1 << 20, maxBytes: 16 << 20, drainTimeoutMs: 10_000 }, console.error);
 * sender.send(ws, { kind: 'pong' });
 */
export function createFrameSender(backpressure: Backpressure, reportError: (error: unknown) => void): FrameSender {
  /** Sockets closed as too slow, so that a flood of frames closes each once. */
  const tooSlow = new WeakSet<WebSocket>();
  function closeTooSlow(ws: WebSocket, reason: string): void {
    if (tooSlow.has(ws)) return;
    tooSlow.add(ws);
    ws.close(CLOSE_CODES.tooSlow, reason);
    // The close frame waits behind everything unsent; a client that never reads never gets it.
    setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS).unref?.();
  }

  function drained(ws: WebSocket): Promise<void> | undefined {
    if (ws.bufferedAmount <= backpressure.highWaterBytes || ws.readyState !== ws.OPEN) return undefined;
    ws.pause();
    const since = Date.now();
    return new Promise((resolve) => {
      const poll = setInterval(() => {
        const open = ws.readyState === ws.OPEN;
        if (open && ws.bufferedAmount > backpressure.highWaterBytes && Date.now() - since < backpressure.drainTimeoutMs) return;
        clearInterval(poll);
        if (open && ws.bufferedAmount > backpressure.highWaterBytes) closeTooSlow(ws, `Not read for ${backpressure.drainTimeoutMs} ms; read faster and reconnect.`);
        else if (open) ws.resume();
        resolve();
      }, DRAIN_POLL_MS);
      poll.unref?.();
    });
  }

  function send(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > backpressure.maxBytes) {
      closeTooSlow(ws, `More than ${backpressure.maxBytes} bytes unread; read faster and reconnect.`);
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      reportError(error);
      if (frame.kind === 'result') text = JSON.stringify({ kind: 'result', id: frame.id, ok: false, error: new ChatError('internal', 'The answer could not be encoded.').toPayload() });
      else return;
    }
    corkUntilNextTick(ws);
    ws.send(text, (error) => {
      if (error && !isDisconnect(error)) reportError(error);
    });
  }

  // One command fans out several frames to each member (message.created, then cursor.updated), and
  // a burst of commands arrives in one read. Holding each socket's writes until the tick ends turns
  // them into one write call per socket instead of one per frame: on loopback that write call is
  // most of the cost (bench:server: 0.35–0.47 of a bare ws broadcast before, 1.0–1.8 after).
  // `_socket` is ws's own (undocumented but long-stable) field; without it nothing is corked.
  const corked: Duplex[] = [];
  function corkUntilNextTick(ws: WebSocket): void {
    const raw = (ws as unknown as { _socket?: Duplex })._socket;
    if (!raw || raw.writableCorked > 0) return;
    raw.cork();
    if (corked.push(raw) === 1) {
      process.nextTick(() => {
        for (const socket of corked.splice(0)) socket.uncork();
      });
    }
  }

  return { send, drained, isTooSlow: (ws) => tooSlow.has(ws) };
}
