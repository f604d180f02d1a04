import { ChatError, type ClientFrame, type CommandOf, type CommandType, type ResultOf, type ServerFrame } from 'confab-chat/protocol';
import type { Transport, TransportListener } from 'confab-chat/core';

/** What this transport sends besides requests: it says goodbye, since a closed port tells no one. */
export type PortClientFrame = ClientFrame | { kind: 'bye' };

/** A Transport over a MessagePort: the chat server runs at the other end (a worker, an iframe, a tab). */
export function createPortTransport(port: MessagePort): Transport {
  let listener: TransportListener | null = null;
  let online = false;
  let closed = false;
  let lastId = 0;
  const waiting = new Map<string, { resolve(value: unknown): void; reject(error: ChatError): void }>();

  function receive({ data: frame }: MessageEvent<ServerFrame>) {
    if (frame.kind === 'session') {
      online = true;
      listener?.onStatus({ state: 'online' });
      listener?.onSession(frame.snapshot);
    } else if (frame.kind === 'event') {
      listener?.onEvent(frame.event);
    } else if (frame.kind === 'result') {
      const request = waiting.get(frame.id);
      waiting.delete(frame.id);
      if (frame.ok) request?.resolve(frame.value);
      else request?.reject(ChatError.fromPayload(frame.error));
    }
  }

  return {
    open(next) {
      if (closed) throw new ChatError('unavailable', 'This transport was closed; create a new one.');
      listener = next;
      next.onStatus({ state: 'connecting' });
      // Frames wait in the port until a handler is set: none is missed, the session comes first.
      port.onmessage = receive;
    },
    request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
      if (!online) return Promise.reject(new ChatError('unavailable', 'Not connected: the request was not sent.'));
      const id = String(++lastId);
      return new Promise<ResultOf<T>>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        port.postMessage({ kind: 'request', id, command } satisfies PortClientFrame);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      online = false;
      port.postMessage({ kind: 'bye' } satisfies PortClientFrame);
      port.close();
      for (const request of waiting.values()) request.reject(new ChatError('unavailable', 'The transport closed before the answer came.'));
      waiting.clear();
      listener?.onStatus({ state: 'closed' });
      listener = null;
    },
  };
}
