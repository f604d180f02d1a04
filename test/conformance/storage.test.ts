import { WebSocket } from 'ws';
import { createHost } from '../../src/host';
import { createUploadAdapter, createWebSocketTransport } from '../../src/transports/websocket';
import { runConformanceSuite } from '../../src/testing';
import { FetchXhr } from '../support/fetchXhr';
import { openTestStorage } from '../support/storage';

// The contract of test/conformance/websocket.test.ts, over a host that keeps its data in SQLite
// and in PostgreSQL: each test a fresh database, closed after it (test/support/storage.ts).
for (const kind of ['sqlite', 'postgres'] as const) {
  runConformanceSuite(`websocket transport over ${kind} storage`, async ({ limits }) => {
    const storage = await openTestStorage(kind);
    const host = createHost({ port: 0, secret: 'conformance-secret', storage, floodLimit: false, ...(limits ? { limits } : {}), onError: () => {} });
    const { url } = await host.listen();
    return {
      server: host.server,
      transport: (userId) => createWebSocketTransport({ url, WebSocket, tokenProvider: () => host.signToken(userId), backoff: { baseMs: 20, maxMs: 200 } }),
      uploads: (userId) => createUploadAdapter({ baseUrl: url, tokenProvider: () => host.signToken(userId), XMLHttpRequest: FetchXhr }),
      close: () => host.close(),
    };
  }, undefined, { uploads: true });
}

