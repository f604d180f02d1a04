import { CLOSE_CODES } from '../../src/protocol';
import { rawClient, sleep, startHost, until, type RawClient } from '../transports/wsHelpers';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await running?.host.close();
  running = null;
});

/** The process's memory beyond the heap's own bookkeeping: what queued frames cost. */
function memoryBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
}

describe('back-pressure', () => {
  it('stops reading a socket that does not read its answers, keeps memory bounded, and closes it with 4008', async () => {
    let lastAnswerAt = Date.now();
    running = await startHost({
      serverOptions: { readLimit: false },
      backpressure: { highWaterBytes: 256 * 1024, maxBytes: 4 * 1024 * 1024, drainTimeoutMs: 1000 },
      onRequestHandled: (request) => {
        if (request.userId === 'ana') lastAnswerAt = Date.now();
      },
    });
    const { url, host, server, errors } = running;
    // 100 messages of 4 KB: each page of history is about 400 KB of JSON.
    for (let i = 0; i < 100; i++) server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `m${i}`, text: `${i} ${'x'.repeat(4000)}` });
    const ana = rawClient(url, { token: await host.signToken('ana') });
    const bo = rawClient(url, { token: await host.signToken('bo') });
    clients.push(ana, bo);
    await ana.next((frame) => frame.kind === 'session');
    await bo.next((frame) => frame.kind === 'session');

    const before = memoryBytes();
    // ana stops reading and asks for 300 pages: 120 MB of answers if the host made them all.
    ana.socket.pause();
    for (let i = 0; i < 300; i++) ana.socket.send(JSON.stringify({ kind: 'request', id: `h${i}`, command: { type: 'message.history', roomId: 'general', limit: 100 } }));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryBytes() - before)), 10);
    try {
      await sleep(300);
      // A bystander is served meanwhile.
      const answer = await bo.request('b1', { type: 'message.send', roomId: 'general', clientId: 'bo-live', text: 'still here' });
      expect(answer).toMatchObject({ ok: true });
      // Once the host has made no answer for longer than the drain time, ana reads again: what
      // was queued, then the close.
      await until(() => Date.now() - lastAnswerAt > 1200, 10_000, 'the host to stop answering ana');
      ana.socket.resume();
      const closed = await ana.closed;
      expect(closed.code).toBe(CLOSE_CODES.tooSlow);
    } finally {
      clearInterval(sampler);
    }
    const answered = ana.frames.filter((frame) => frame.kind === 'result').length;
    // The host made only the answers that fit before it stopped reading (a few MB), not 300.
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(60);
    expect(peak).toBeLessThan(60 * 1024 * 1024);
    await until(() => host.connectionCount === 1, 3000, 'ana to be gone');
    expect(errors).toEqual([]);
  });

  it('keeps serving a client that reads, however much it asks', async () => {
    running = await startHost({ serverOptions: { readLimit: false }, backpressure: { highWaterBytes: 64 * 1024, drainTimeoutMs: 3000 } });
    const { url, host, server } = running;
    for (let i = 0; i < 50; i++) server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `m${i}`, text: 'y'.repeat(1000) });
    const ana = rawClient(url, { token: await host.signToken('ana') });
    clients.push(ana);
    await ana.next((frame) => frame.kind === 'session');
    for (let i = 0; i < 100; i++) ana.socket.send(JSON.stringify({ kind: 'request', id: `h${i}`, command: { type: 'message.history', roomId: 'general', limit: 50 } }));
    await ana.next((frame) => frame.kind === 'result' && frame.id === 'h99', 10_000);
    expect(ana.frames.filter((frame) => frame.kind === 'result' && frame.ok === true)).toHaveLength(100);
    expect(ana.socket.readyState).toBe(ana.socket.OPEN);
  });
});
