import { rawClient, startHost, until, type RawClient } from '../transports/wsHelpers';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: RawClient[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const client of clients.splice(0)) client.socket.terminate();
  await running?.host.close();
  running = null;
});

describe('expected disconnects', () => {
  it('200 clients dropping every way a client drops (reset, 1001, 4000, 1000, heartbeat timeout) write no error lines', async () => {
    const consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const consoleWarnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    running = await startHost({ heartbeatIntervalMs: 100 });
    const { url, host, server, errors } = running;
    const ids = Array.from({ length: 200 }, (_, i) => `p${i}`);
    for (const id of ids) server.upsertUser({ id, name: id });
    server.createRoom({ id: 'a', name: 'a', kind: 'public', createdBy: 'ana' });
    server.createRoom({ id: 'b', name: 'b', kind: 'public', createdBy: 'ana' });
    ids.slice(0, 99).forEach((id) => server.actAs(id, { type: 'room.join', roomId: 'a' }));
    ids.slice(99, 198).forEach((id) => server.actAs(id, { type: 'room.join', roomId: 'b' }));
    const crowd = await Promise.all(
      ids.map(async (id, i) => {
        // Every fifth client never answers pings: the heartbeat drops it.
        const client = rawClient(url, { token: await host.signToken(id) }, i % 5 === 4 ? { autoPong: false } : {});
        clients.push(client);
        return client;
      }),
    );
    await Promise.all(crowd.map((client) => client.next((frame) => frame.kind === 'session', 10_000)));
    // Frames are in flight to everyone while they drop: ana keeps talking in both rooms.
    let talking = true;
    const talk = (async () => {
      for (let n = 0; talking; n++) {
        await server.actAs('ana', { type: 'message.send', roomId: n % 2 ? 'a' : 'b', clientId: `t${n}`, text: 'x'.repeat(2000) });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    crowd.forEach((client, i) => {
      // A killed process or a dead network: a TCP reset, mid-write.
      if (i % 5 === 0) (client.socket as unknown as { _socket: { resetAndDestroy(): void } })._socket.resetAndDestroy();
      else if (i % 5 === 1) client.socket.close(1001);
      else if (i % 5 === 2) client.socket.close(4000, 'Reconnecting.');
      else if (i % 5 === 3) client.socket.close(1000);
    });
    await until(() => host.connectionCount === 0, 10_000, 'every client to be gone');
    talking = false;
    await talk;
    expect(errors).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
    expect(consoleWarnings).not.toHaveBeenCalled();
  });
});
