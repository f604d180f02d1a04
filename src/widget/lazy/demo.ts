/**
 * The lazily loaded demo chunk of the widget (`dist/widget/lazy/demo.js`): the in-page reference
 * server, the memory transport and uploads, and the simulated person. Fetched only in demo mode,
 * so that pages talking to a real host do not carry a server they never run.
 *
 * Built apart from the main file, it has its own copy of the protocol: errors it throws are
 * ChatErrors of that copy, which the main file turns back into its own (see `session.ts`).
 */
import type { Transport, UploadAdapter } from '../../core';
import { createMemoryTransport, createMemoryUploadAdapter } from '../../transports/memory';
import { startDemo } from '../demo';

/** What demo mode runs, for one visitor. `stop` frees all of it. */
export interface DemoSession {
  transport: Transport;
  uploads: UploadAdapter;
  visitorId: string;
  stop(): void;
}

/**
 * Starts the demo world and the visitor's connection to it.
 *
 * @example
 * const demo = startDemoSession({ id: 'you', name: 'You' });
 * const client = createChatClient({ transport: demo.transport });
 */
export function startDemoSession(visitor: { id: string; name: string | undefined } | null): DemoSession {
  const world = startDemo(visitor);
  const uploads = createMemoryUploadAdapter({ server: world.server, userId: world.visitorId, steps: 4, stepMs: 80 });
  const transport = createMemoryTransport(world.server, { userId: world.visitorId, latencyMs: 40 });
  return {
    transport,
    uploads,
    visitorId: world.visitorId,
    stop() {
      transport.close();
      uploads.dispose();
      world.stop();
    },
  };
}
