/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError, type ErrorCode } from '../protocol';

/** The HTTP status of each protocol error code: one table for every route of the host. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  too_large: 413,
  rate_limited: 429,
  conflict: 409,
  unavailable: 503,
  timeout: 504,
  internal: 500,
};

/**
 * Answers with JSON, never cached.
 *
 * @example
 * sendJson(res, 200, { ok: true });
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

/**
 * Answers with the protocol's error body `{ "error": { code, message } }` and the code's status.
 *
 * @example
 * sendError(res, new ChatError('not_found', 'There is no such file.'));
 */
export function sendError(res: ServerResponse, error: ChatError, extra: Record<string, string> = {}, status = HTTP_STATUS[error.code]): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // After a refused body the connection closes: what is left of the body must not be read as a request.
  sendJson(res, status, { error: error.toPayload() }, error.code === 'too_large' ? { connection: 'close', ...extra } : extra);
}

/**
 * Reads a request body as UTF-8 text, refusing (ChatError `too_large`) past `limit` bytes.
 *
 * @example
 * const body = JSON.parse(await readBody(req, 4096));
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        // Stop keeping it but let it arrive, so the 413 can be read; cut off a sender that goes on.
        req.off('data', onData);
        req.resume();
        const cut = setTimeout(() => req.socket.destroy(), 2000);
        cut.unref?.();
        req.once('end', () => clearTimeout(cut));
        reject(new ChatError('too_large', `The request body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size <= limit) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * Answers before the request body was read (too large, refused): says the connection closes,
 * throws away what still arrives, and cuts it off if the sender keeps going.
 *
 * @example
 * refuseAndDrain(req, res, new ChatError('too_large', 'The file is larger than 25 MiB.'));
 */
export function refuseAndDrain(req: IncomingMessage, res: ServerResponse, error: ChatError): void {
  sendError(res, error, { connection: 'close' });
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), 2000);
  cut.unref?.();
  req.once('end', () => clearTimeout(cut));
}
