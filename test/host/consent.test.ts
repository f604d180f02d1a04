import { createHost } from '../../src/host';
import { parseCliOptions } from '../../src/host/cli';

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

  it('invitations "accept" reaches the server: adding someone invites them', async () => {
    const host = createHost({ port: 0, secret: 'a-secret-for-the-consent-test', invitations: 'accept', uploads: false });
    const { server } = host;
    for (const id of ['ana', 'bo']) await server.upsertUser({ id, name: id });
    const created = await server.actAs('ana', { type: 'room.create', name: 'plans', kind: 'private', memberIds: ['bo'] });
    expect(created).toMatchObject({ ok: true, value: { invitedUserIds: ['bo'], members: [{ userId: 'ana' }] } });
    await host.close();
  });

  it('confab-server reads --direct-messages and --invitations, or their variables, and refuses other values', () => {
    expect(parseCliOptions(['--direct-messages', 'shared-room', '--invitations', 'accept'], {})).toMatchObject({ directMessages: 'shared-room', invitations: 'accept' });
    expect(parseCliOptions([], { CONFAB_DIRECT_MESSAGES: 'anyone', CONFAB_INVITATIONS: 'direct' })).toMatchObject({ directMessages: 'anyone', invitations: 'direct' });
    const plain = parseCliOptions([], {});
    expect(plain.directMessages).toBeUndefined();
    expect(plain.invitations).toBeUndefined();
    expect(() => parseCliOptions(['--invitations', 'maybe'], {})).toThrow('--invitations takes "direct" or "accept"; got "maybe".');
    expect(() => parseCliOptions(['--direct-messages', 'friends'], {})).toThrow(/--direct-messages takes "anyone" or "shared-room"/);
  });
});
