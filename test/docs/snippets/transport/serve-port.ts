import type { ServerFrame } from 'confab-chat/protocol';
import type { ReferenceServer } from 'confab-chat/server';
import type { PortClientFrame } from './port-transport';

/** Serves one person's session over a MessagePort, for a createPortTransport at the other end. */
export function servePort(server: ReferenceServer, port: MessagePort, userId: string): void {
  const send = (frame: ServerFrame) => port.postMessage(frame);
  const session = server.connect(userId, (event) => send({ kind: 'event', event }));
  send({ kind: 'session', snapshot: session.snapshot() });
  port.onmessage = ({ data: frame }: MessageEvent<PortClientFrame>) => {
    if (frame.kind === 'bye') {
      session.close();
      port.close();
    } else if (frame.kind === 'request') {
      const outcome = session.handle(frame.command);
      send(outcome.ok ? { kind: 'result', id: frame.id, ok: true, value: outcome.value } : { kind: 'result', id: frame.id, ok: false, error: outcome.error.toPayload() });
    }
  };
}
