import { createHost } from '../../src/host';

describe('consent options of the server a host makes', () => {
  it('directMessages "shared-room" reaches the server: strangers cannot open a direct room', async () => {
    const host = createHost({ port: 0, secret: 'a-secret-for-the-consent-test', directMessages: 'shared-room', uploads: false });
    const { server } = host;
    for (const id of ['ana', 'bo', 'stranger']) await server.upsertUser({ id, name: id });
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    expect(await server.actAs('bo', { type: 'direct.open', userId: 'ana' })).toMatchObject({ ok: true });
    expect(await server.actAs('stranger', { type: 'direct.open', userId: 'ana' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await host.close();
  });
});
