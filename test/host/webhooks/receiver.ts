import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** One request a test receiver got. */
export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  event: { id: string; type: string; createdAt: number; data: Record<string, unknown> };
  at: number;
}

/**
 * A webhook receiver on 127.0.0.1: `answer` decides each request's status (and may wait first).
 * Stop it with `close()`.
 */
export async function startReceiver(answer: (request: Received, index: number) => number | Promise<number> = () => 204) {
  const received: Received[] = [];
  const responses = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request: Received = { headers: req.headers, body, event: JSON.parse(body) as Received['event'], at: Date.now() };
      const index = received.push(request) - 1;
      responses.add(res);
      Promise.resolve(answer(request, index)).then(
        (status) => {
          responses.delete(res);
          if (!res.destroyed) res.writeHead(status).end();
        },
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The events of one type, in the order they arrived. */
    ofType: (type: string) => received.filter((request) => request.event.type === type),
    async close() {
      for (const res of responses) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 8000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
