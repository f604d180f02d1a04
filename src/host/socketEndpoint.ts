/// <reference types="node" />
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES } from '../protocol';
import type { Admission } from './admission';
import { fitReason } from './closeReason';
import { hostNamesOf } from './ownUploads';

/** What the `/ws` endpoint needs of the host. */
export interface SocketEndpointOptions {
  /** Largest frame accepted, in bytes; ws closes the socket with 1009 past it. */
  maxFrameBytes: number;
  /** True while the host shuts down: upgrades are refused with 503. */
  isClosing(): boolean;
  admit(req: IncomingMessage): Promise<Admission>;
  /** Opens the session of an admitted socket. */
  open(ws: WebSocket, userId: string, expiresAt: number, hostNames: readonly string[]): void;
  reportError(error: unknown): void;
}

/** The host's WebSocket endpoint; see {@link createSocketEndpoint}. */
export interface SocketEndpoint {
  /** The HTTP server's `upgrade` listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket with 1001 (cutting those that do not answer within a second), resolving once all are closed. */
  closeSockets(): Promise<void>;
  /** Stops the WebSocket server itself, after the sockets. */
  close(): Promise<void>;
}

/**
 * The `/ws` endpoint: upgrades a request, admits it or closes it with a code and a sentence
 * (browsers cannot read an HTTP refusal), and keeps every socket it made so that shutting down
 * can close them all.
 *
 * @example
 * const endpoint = createSocketEndpoint({ maxFrameBytes: 65536, isClosing: () => false, admit, open, reportError: console.error });
 * httpServer.on('upgrade', endpoint.handleUpgrade);
 */
export function createSocketEndpoint(options: SocketEndpointOptions): SocketEndpoint {
  const { isClosing, admit, open, reportError } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, clientTracking: false });
  const sockets = new Set<WebSocket>();

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (isClosing() || path !== '/ws') {
      socket.end(isClosing() ? 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    admit(req)
      .then((admission) => {
        if (socket.destroyed) return;
        if (isClosing()) {
          socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.add(ws);
          ws.on('close', () => sockets.delete(ws));
          ws.on('error', () => {});
          if (!admission.ok) {
            // Browsers cannot read an HTTP refusal, so the refusal is a close code and a sentence.
            ws.close(admission.code, fitReason(admission.reason));
            return;
          }
          open(ws, admission.userId, admission.expiresAt, hostNamesOf(req));
        });
      })
      .catch((error: unknown) => {
        reportError(error);
        socket.destroy();
      });
  }

  async function closeSockets(): Promise<void> {
    const socketsNow = [...sockets];
    await Promise.all(
      socketsNow.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) {
              resolve();
              return;
            }
            const force = setTimeout(() => ws.terminate(), 1000);
            ws.once('close', () => {
              clearTimeout(force);
              resolve();
            });
            try {
              ws.close(CLOSE_CODES.goingAway, 'The server is shutting down.');
            } catch {
              ws.terminate();
            }
          }),
      ),
    );
  }

  return {
    handleUpgrade,
    closeSockets,
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
}
