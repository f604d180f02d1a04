import { createHost } from '../../src/host';

describe('crowdSize of the server a host makes', () => {
  it('reaches the server: a room past it sends only its admins and memberCount, and pages the rest', async () => {
    const host = createHost({ port: 0, secret: 'a-secret-for-the-crowds-test', crowdSize: 3, limits: { maxMembersPerRoom: 10 }, uploads: false });
    const { server } = host;
    const people = ['ana', 'bo', 'cy', 'di', 'ed'];
    for (const id of people) await server.upsertUser({ id, name: id });
    await server.createRoom({ id: 'hall', name: 'Hall', kind: 'public', createdBy: 'ana', memberIds: people.slice(1) });
    const joined = await server.actAs('bo', { type: 'room.join', roomId: 'hall' });
    expect(joined).toMatchObject({ ok: true, value: { memberCount: 5, members: [{ userId: 'ana', role: 'admin' }] } });
    const page = await server.actAs('bo', { type: 'room.members', roomId: 'hall', limit: 2 });
    expect(page).toMatchObject({ ok: true, value: { members: [{ userId: 'ana' }, { userId: 'bo' }], hasMore: true } });
    await host.close();
  });
});
