import { createAdminClient } from '../../../src/admin';
import { createHost, type Host } from '../../../src/host';
import { rawClient } from '../../transports/wsHelpers';

const ADMIN_KEY = 'admin-key-admin-key-admin-key-0002';
const SECRET = 'secret-secret-secret-secret-secret-02';

let host: Host;
let base: string;
let socketUrl: string;

beforeEach(async () => {
  host = createHost({ port: 0, secret: SECRET, adminKey: ADMIN_KEY, onError: () => {} });
  const { port, url } = await host.listen();
  base = `http://127.0.0.1:${port}`;
  socketUrl = url;
});
afterEach(async () => {
  await host.close();
});

describe('admin API: a bot without a socket streams its answer', () => {
  it('sends a streamed message, appends pieces (a resent piece is taken once), and finishes it; a person on a socket sees it grow', async () => {
    const admin = createAdminClient({ url: base, adminKey: ADMIN_KEY });
    for (const id of ['ana', 'helper']) await admin.upsertUser(id, { name: id });
    await admin.createRoom({ id: 'help', name: 'Help', kind: 'private', createdBy: 'ana', memberIds: ['helper'] });
    const ana = rawClient(socketUrl, { token: await host.signToken('ana') });
    await ana.next((frame) => frame.kind === 'session');

    const started = await admin.sendMessage('help', { userId: 'helper', text: '', clientId: 'answer-1', streaming: { requestedBy: 'ana' } });
    expect(started.streaming).toEqual({ state: 'generating', requestedBy: 'ana' });
    expect(await admin.appendToMessage('help', started.id, { userId: 'helper', offset: 0, piece: 'Let me ' })).toEqual({ length: 7 });
    // The backend did not get the answer and sends the same piece again: it is taken once.
    expect(await admin.appendToMessage('help', started.id, { userId: 'helper', offset: 0, piece: 'Let me ' })).toEqual({ length: 7 });
    expect(await admin.appendToMessage('help', started.id, { userId: 'helper', offset: 7, piece: 'check.' })).toEqual({ length: 13 });
    await expect(admin.appendToMessage('help', started.id, { userId: 'helper', offset: 99, piece: 'x' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(admin.appendToMessage('help', started.id, { userId: 'ana', offset: 13, piece: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    const finished = await admin.finishMessage('help', started.id, { userId: 'helper' });
    expect(finished).toMatchObject({ text: 'Let me check.', streaming: { state: 'complete', requestedBy: 'ana' } });
    expect(finished.editedAt).toBeUndefined();

    const appended = await ana.next((frame) => frame.kind === 'event' && (frame.event as { type: string; offset?: number }).type === 'message.appended' && (frame.event as { offset: number }).offset === 7);
    expect(appended).toMatchObject({ event: { type: 'message.appended', messageId: started.id, piece: 'check.' } });
    expect(ana.frames.filter((frame) => frame.kind === 'event' && (frame.event as { type: string }).type === 'message.appended')).toHaveLength(2);
    await ana.next((frame) => frame.kind === 'event' && (frame.event as { type: string; message?: { streaming?: { state: string } } }).message?.streaming?.state === 'complete');
    ana.socket.close();
  });
});
