import { afterEach, describe, it } from 'vitest';
import { createReferenceServer } from 'confab-chat/server';
import { runConformanceSuite } from 'confab-chat/testing';
import { createPortTransport } from './port-transport';
import { servePort } from './serve-port';

runConformanceSuite(
  'MessagePort transport',
  async ({ limits }) => {
    const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
    return {
      server,
      transport: (userId) => {
        const { port1, port2 } = new MessageChannel();
        servePort(server, port2, userId);
        return createPortTransport(port1);
      },
      close: () => {},
    };
  },
  { describe, it, afterEach },
);
