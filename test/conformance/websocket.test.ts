import { WebSocket } from 'ws';
import { createHost } from '../../src/host';
import { createReferenceServer } from '../../src/server';
import { createUploadAdapter, createWebSocketTransport } from '../../src/transports/websocket';
import { runConformanceSuite } from '../../src/testing';
import { FetchXhr } from '../support/fetchXhr';

// The same contract as the memory transport, over a real socket to a real host on a random port.
runConformanceSuite('websocket transport', async ({ limits }) => {
  const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
  const host = createHost({ port: 0, secret: 'conformance-secret', server, onError: () => {} });
  const { url } = await host.listen();
  return {
    server,
    transport: (userId) => createWebSocketTransport({ url, WebSocket, tokenProvider: () => host.signToken(userId), backoff: { baseMs: 20, maxMs: 200 } }),
    uploads: (userId) => createUploadAdapter({ baseUrl: url, tokenProvider: () => host.signToken(userId), XMLHttpRequest: FetchXhr }),
    close: () => host.close(),
  };
}, undefined, { uploads: true });
