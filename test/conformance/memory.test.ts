import { runConformanceSuite } from '../../src/testing';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';

runConformanceSuite('memory transport', async ({ limits }) => {
  const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
  return { server, transport: (userId) => createMemoryTransport(server, { userId }), close: () => {} };
});

runConformanceSuite('memory transport with latency', async ({ limits }) => {
  const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
  return { server, transport: (userId) => createMemoryTransport(server, { userId, latencyMs: () => Math.random() * 5 }), close: () => {} };
});
