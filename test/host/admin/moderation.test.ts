import { createAdminClient, type AdminClient } from '../../../src/admin';
import { createHost, parseCliOptions, type Host } from '../../../src/host';
import { ChatError } from '../../../src/protocol';

const ADMIN_KEY = 'admin-key-admin-key-admin-key-0001';
const SECRET = 'secret-secret-secret-secret-secret-01';

let host: Host;
let admin: AdminClient;
let base: string;

beforeEach(async () => {
  host = createHost({ port: 0, secret: SECRET, adminKey: ADMIN_KEY, floodLimit: false, onError: () => {} });
  const { port } = await host.listen();
  base = `http://127.0.0.1:${port}`;
  admin = createAdminClient({ url: base, adminKey: ADMIN_KEY });
  for (const id of ['ana', 'bo', 'chen']) await admin.upsertUser(id, { name: id.toUpperCase() });
  await admin.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
});
afterEach(async () => {
  await host.close();
});

async function failure(work: Promise<unknown>): Promise<ChatError> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error('expected a failure');
}

describe('admin API: moderation', () => {
  it('sets the site moderator role, which clients see and a profile update keeps', async () => {
    expect((await admin.setSiteRole('bo', 'moderator')).role).toBe('moderator');
    expect((await admin.upsertUser('bo', { name: 'Bo' })).role).toBe('moderator');
    expect((await admin.getUser('bo')).role).toBe('moderator');
    expect((await admin.setSiteRole('bo', 'user')).role).toBeUndefined();
    expect(await failure(admin.setSiteRole('nobody', 'moderator'))).toMatchObject({ code: 'not_found' });
    const bad = await fetch(`${base}/admin/v1/users/bo/role`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'king' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('role must be moderator or user');
  });

  it('lists open reports with their context and resolves them', async () => {
    const sent = await admin.sendMessage('general', { userId: 'bo', text: 'spam spam' });
    const server = host.server;
    const reported = await server.actAs('chen', { type: 'report.create', roomId: 'general', messageId: sent.id, reason: 'spam' });
    expect(reported.ok).toBe(true);
    const { reports } = await admin.listReports();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ roomId: 'general', userId: 'bo', reason: 'spam', status: 'open', message: { id: sent.id } });
    expect((await admin.listReports({ roomId: 'general' })).reports).toHaveLength(1);

    const resolved = await admin.resolveReport('general', reports[0]!.id, { action: 'muteAuthor', durationMs: 600_000, reason: 'Spam' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'muteAuthor', resolvedBy: 'system' });
    expect((await admin.getRoom('general')).members.find((member) => member.userId === 'bo')?.muted?.reason).toBe('Spam');
    expect((await admin.listReports()).reports).toEqual([]);
    expect(await failure(admin.resolveReport('general', reports[0]!.id, { action: 'dismiss' }))).toMatchObject({ code: 'conflict' });
    expect(await failure(admin.resolveReport('general', 'rep_x', { action: 'banAuthor', durationMs: -1 }))).toMatchObject({ code: 'invalid', message: expect.stringContaining('at least one second') });
  });

  it('changes the word filter and the flood limit at once', async () => {
    expect(await admin.getModerationSettings()).toEqual({ words: [], floodLimit: false });
    expect(await admin.setModerationSettings({ words: ['darn'] })).toEqual({ words: ['darn'], floodLimit: false });
    expect(await failure(admin.sendMessage('general', { userId: 'bo', text: 'darn it' }))).toMatchObject({ code: 'invalid', message: 'The message text contains a blocked word; please rephrase it.' });
    await admin.setModerationSettings({ floodLimit: { capacity: 1, refillPerSecond: 0.5 } });
    expect((await admin.getModerationSettings()).words).toEqual(['darn']);
    expect(await failure(admin.setModerationSettings({ floodLimit: { capacity: 0, refillPerSecond: 1 } }))).toMatchObject({ code: 'invalid' });
    expect(await failure(admin.setModerationSettings({ words: [''] }))).toMatchObject({ code: 'invalid' });
  });

  it('documents every moderation route in the OpenAPI document', async () => {
    const document = (await (await fetch(`${base}/admin/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const path of ['/users/{id}/role', '/reports', '/rooms/{id}/reports/{reportId}/resolve', '/settings/moderation']) expect(Object.keys(document.paths)).toContain(`/admin/v1${path}`);
  });
});

describe('confab-server moderation flags', () => {
  it('reads the word filter from --filter-words and --filter-action', () => {
    expect(parseCliOptions(['--filter-words', 'darn, heck', '--filter-action', 'mask'], {}).wordFilter).toEqual({ words: ['darn', 'heck'], action: 'mask' });
    expect(parseCliOptions([], { CONFAB_FILTER_WORDS: 'darn' }).wordFilter).toEqual({ words: ['darn'] });
    expect(() => parseCliOptions(['--filter-action', 'shout'], {})).toThrow('--filter-action is reject or mask; got "shout".');
  });
});
