import { createReferenceServer } from '../../src/server';
import { rawClient, startHost, type RawClient } from '../transports/wsHelpers';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await running?.host.close();
  running = null;
});

describe("crowds' member counts on a host", () => {
  it("a plain member of a crowd learns its new member count from the host's periodic sweep, not at each join", async () => {
    const server = createReferenceServer({ floodLimit: false, crowdSize: 2, limits: { maxMembersPerRoom: 50 } });
    for (const id of ['ana', 'bo', 'chen', 'dara', 'eli']) server.upsertUser({ id, name: id.toUpperCase() });
    server.createRoom({ id: 'hall', name: 'hall', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
    running = await startHost({ presenceSweepMs: 50, server });
    const { url, host } = running;
    const bo = rawClient(url, { token: await host.signToken('bo') });
    clients.push(bo);
    await bo.next((frame) => frame.kind === 'session');
    for (const id of ['dara', 'eli']) expect(server.actAs(id, { type: 'room.join', roomId: 'hall' }).ok).toBe(true);
    const updated = await bo.next((frame) => frame.kind === 'event' && (frame.event as { type: string }).type === 'room.updated', 5000);
    expect((updated.event as { room: { id: string; memberCount: number } }).room).toMatchObject({ id: 'hall', memberCount: 5 });
  });
});
