import { runConformanceSuite } from '../../src/testing';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport, createMemoryUploadAdapter } from '../../src/transports/memory';

runConformanceSuite(
  'memory transport',
  async ({ limits }) => {
    const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
    return { server, transport: (userId) => createMemoryTransport(server, { userId }), uploads: (userId) => createMemoryUploadAdapter({ server, userId, stepMs: 0 }), close: () => {} };
  },
  undefined,
  { uploads: true },
);

runConformanceSuite('memory transport with latency', async ({ limits }) => {
  const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
  return { server, transport: (userId) => createMemoryTransport(server, { userId, latencyMs: () => Math.random() * 5 }), close: () => {} };
});
