import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminClient } from '../../src/admin';
import { createHost, createMemoryFileStore, type FileStore, type Host } from '../../src/host';
import { createSqliteStorage } from '../../src/host/storage/sqlite';
import { MAX_IMPORT_LINE_BYTES } from '../../src/host/admin/ndjson';
import { DELETED_USER_ID, SYSTEM_USER_ID } from '../../src/protocol';
import { createReferenceServer, type StorageEngine } from '../../src/server';
import { populate } from '../server/transferFixture';
import { rawClient } from '../transports/wsHelpers';

const ADMIN_KEY = 'admin-key-admin-key-admin-key-0002';
const SECRET = 'secret-secret-secret-secret-secret-02';

const hosts: Host[] = [];
const storages: StorageEngine[] = [];
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'confab-transfer-'));
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const storage of storages.splice(0)) await storage.close();
  await rm(folder, { recursive: true, force: true });
});

/** A host with the admin API: over a populated in-page server, or over a fresh SQLite folder. */
async function start(kind: 'populated' | 'sqlite', store: FileStore = createMemoryFileStore()): Promise<{ host: Host; base: string }> {
  let host: Host;
  if (kind === 'populated') {
    const server = createReferenceServer({ floodLimit: false });
    await populate(server, (id) => {
      const session = server.connect(id, () => {});
      return {
        ok(command: never) {
          const outcome = session.handle(command);
          if (!outcome.ok) throw outcome.error;
          return outcome.value;
        },
      };
    });
    host = createHost({ port: 0, secret: SECRET, adminKey: ADMIN_KEY, server, uploads: { store }, onError: () => {} });
  } else {
    const storage = await createSqliteStorage({ directory: join(folder, `data-${hosts.length}`) });
    storages.push(storage);
    host = createHost({ port: 0, secret: SECRET, adminKey: ADMIN_KEY, storage, uploads: { store }, onError: () => {} });
  }
  hosts.push(host);
  const { port } = await host.listen();
  return { host, base: `http://127.0.0.1:${port}` };
}

function call(base: string, method: string, path: string, body?: string, contentType = 'application/json') {
  return fetch(`${base}/admin/v1${path}`, { method, headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body !== undefined ? { 'content-type': contentType } : {}) }, ...(body !== undefined ? { body } : {}) });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe('GET /admin/v1/export and POST /admin/v1/import', () => {
  it('streams NDJSON from one host into an empty SQLite host, whose own export is the same but for its meta line', async () => {
    const source = await start('populated');
    const response = await call(source.base, 'GET', '/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = await response.text();
    const lines = text.trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'meta', format: 'confab-export', version: 1 });

    const target = await start('sqlite');
    const imported = await call(target.base, 'POST', '/import', text, 'application/x-ndjson');
    expect(imported.status).toBe(201);
    expect(await imported.json()).toEqual({ users: 3, rooms: 3, messages: 9, blocks: 1, directPairs: 1, records: 0 });
    const again = (await (await call(target.base, 'GET', '/export')).text()).trimEnd().split('\n');
    expect(again.slice(1)).toEqual(lines.slice(1));
    expect(JSON.parse(again[0]!).epoch).not.toBe(JSON.parse(lines[0]!).epoch);

    // The same through the typed client: one room, a line at a time.
    const admin = createAdminClient({ url: target.base, adminKey: ADMIN_KEY });
    const room: string[] = [];
    for await (const line of admin.exportData({ roomId: 'team' })) room.push(line);
    expect(room.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['meta', 'user', 'user', 'room', 'message', 'message', 'message']);

    // A server with data refuses an import, and keeps its data.
    expect(await errorOf(await call(target.base, 'POST', '/import', text, 'application/x-ndjson'))).toMatchObject({ status: 409, message: expect.stringMatching(/^Import needs an empty server/) });
    expect((await admin.getRoom('general')).lastSequence).toBe(5);
  });

  it('answers bad queries and unknown rooms or people with a typed error before any line', async () => {
    const { base } = await start('populated');
    const document = (await (await fetch(`${base}/admin/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content: object }; responses: Record<string, { content: object }> }>> };
    expect(Object.keys(document.paths['/admin/v1/export']!.get!.responses['200']!.content)).toEqual(['application/x-ndjson']);
    expect(Object.keys(document.paths['/admin/v1/import']!.post!.requestBody!.content)).toEqual(['application/x-ndjson']);
    expect(await errorOf(await call(base, 'GET', '/export?roomId=nowhere'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await errorOf(await call(base, 'GET', '/export?userId=nobody'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await errorOf(await call(base, 'GET', '/export?roomId=team&userId=ana'))).toMatchObject({ status: 400, message: expect.stringContaining('not both') });
    expect(await errorOf(await call(base, 'GET', '/export?room=team'))).toMatchObject({ status: 400, code: 'invalid' });
    const person = (await (await call(base, 'GET', '/export?userId=bo')).text()).trimEnd().split('\n');
    expect(JSON.parse(person[1]!)).toMatchObject({ kind: 'user', user: { id: 'bo' } });
  });

  it('refuses a malformed line with its number, an overlong line with 413, and keeps nothing of either', async () => {
    const source = await start('populated');
    const lines = (await (await call(source.base, 'GET', '/export')).text()).trimEnd().split('\n');
    const target = await start('sqlite');
    const broken = [...lines];
    broken[5] = '{"kind":"room","room":{"id":"x"}}';
    const refused = await errorOf(await call(target.base, 'POST', '/import', broken.join('\n'), 'application/x-ndjson'));
    expect(refused).toMatchObject({ status: 400, code: 'invalid' });
    expect(refused.message).toMatch(/^Line 6: not a record of the export format/);
    const long = [...lines.slice(0, 4), `{"kind":"user","user":{"id":"big","name":"${'x'.repeat(MAX_IMPORT_LINE_BYTES)}"}}`, ...lines.slice(4)];
    expect(await errorOf(await call(target.base, 'POST', '/import', long.join('\n'), 'application/x-ndjson'))).toMatchObject({ status: 413, code: 'too_large', message: expect.stringMatching(/^Line 5 is longer than/) });
    const admin = createAdminClient({ url: target.base, adminKey: ADMIN_KEY });
    expect((await admin.listUsers()).users).toEqual([]);
    await expect(admin.getRoom('general')).rejects.toMatchObject({ code: 'not_found' });
    expect(await admin.importData(lines.join('\n'))).toMatchObject({ rooms: 3 });
  });
});

describe('DELETE /admin/v1/users/{id}', () => {
  it('tombstones their messages, takes them out of their rooms, deletes their uploads and closes their sockets', async () => {
    const store = createMemoryFileStore();
    const { base } = await start('sqlite', store);
    const admin = createAdminClient({ url: base, adminKey: ADMIN_KEY });
    for (const id of ['ana', 'bo']) await admin.upsertUser(id, { name: id });
    await admin.createRoom({ id: 'team', name: 'Team', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    const sent = await admin.sendMessage('team', { userId: 'ana', text: 'my words' });
    const file = { id: 'a'.repeat(32), roomId: 'team', uploaderId: 'ana', name: 'cv.pdf', type: 'application/pdf', size: 3, createdAt: Date.now() };
    await store.put(file, Buffer.from('pdf'));
    await store.put({ ...file, id: 'b'.repeat(32), uploaderId: 'bo' }, Buffer.from('pdf'));
    const socket = rawClient(`${base.replace('http', 'ws')}/ws`, { token: (await admin.createToken('ana')).token });
    await socket.next((frame) => frame.kind === 'session');

    expect(await admin.deleteUser('ana')).toEqual({ userId: 'ana', rooms: 1, messages: 1, files: 1 });
    expect(await socket.closed).toEqual({ code: 4001, reason: 'This account was deleted.' });
    expect(await store.info(file.id)).toBeUndefined();
    expect(await store.info('b'.repeat(32))).toBeDefined();
    const room = await admin.getRoom('team');
    expect(room.members).toEqual([expect.objectContaining({ userId: 'bo', role: 'admin' })]);
    const [tombstone] = (await admin.listMessages('team')).messages;
    expect(tombstone).toMatchObject({ id: sent.id, sequence: 1, authorId: DELETED_USER_ID, text: '' });
    await expect(admin.getUser('ana')).rejects.toMatchObject({ code: 'not_found' });
    await expect(admin.createToken('ana')).rejects.toMatchObject({ code: 'not_found' });
    expect(await errorOf(await call(base, 'DELETE', '/users/ana'))).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('POST /admin/v1/announcements', () => {
  it("reaches two rooms' members as a system message, and refuses bad input with a sentence", async () => {
    const { base } = await start('sqlite');
    const admin = createAdminClient({ url: base, adminKey: ADMIN_KEY });
    for (const id of ['ana', 'bo', 'cy']) await admin.upsertUser(id, { name: id });
    await admin.createRoom({ id: 'one', name: 'One', kind: 'public', createdBy: 'ana' });
    await admin.createRoom({ id: 'two', name: 'Two', kind: 'private', createdBy: 'bo' });
    const ws = `${base.replace('http', 'ws')}/ws`;
    const ana = rawClient(ws, { token: (await admin.createToken('ana')).token });
    const bo = rawClient(ws, { token: (await admin.createToken('bo')).token });
    await ana.next((frame) => frame.kind === 'session');
    await bo.next((frame) => frame.kind === 'session');

    const { messages } = await admin.announce({ text: 'We move to the new office on Monday.', roomIds: ['one', 'two'] });
    expect(messages.map((message) => [message.roomId, message.authorId, message.system])).toEqual([
      ['one', SYSTEM_USER_ID, true],
      ['two', SYSTEM_USER_ID, true],
    ]);
    const created = (frame: Record<string, unknown>) => frame.kind === 'event' && (frame.event as { type: string }).type === 'message.created';
    expect(((await ana.next(created)).event as { message: unknown }).message).toMatchObject({ roomId: 'one', system: true, text: 'We move to the new office on Monday.' });
    expect(((await bo.next(created)).event as { message: unknown }).message).toMatchObject({ roomId: 'two', system: true });
    // Stored as the system's: a reload reads the flag back from SQLite.
    expect((await admin.listMessages('two')).messages[0]).toMatchObject({ authorId: SYSTEM_USER_ID, system: true });

    expect(await errorOf(await call(base, 'POST', '/announcements', JSON.stringify({ text: 'x', roomIds: [] })))).toMatchObject({ status: 400, message: expect.stringContaining('at least one room') });
    expect(await errorOf(await call(base, 'POST', '/announcements', JSON.stringify({ text: 'x', roomIds: ['one'], from: 'ana' })))).toMatchObject({ status: 400, code: 'invalid' });
    const many = Array.from({ length: 101 }, (_, index) => `r${index}`);
    expect(await errorOf(await call(base, 'POST', '/announcements', JSON.stringify({ text: 'x', roomIds: many })))).toMatchObject({ status: 400, message: expect.stringContaining('at most 100') });
    expect(await errorOf(await call(base, 'POST', '/announcements', JSON.stringify({ text: 'x', roomIds: ['one', 'nowhere'] })))).toMatchObject({ status: 404 });
    expect(await errorOf(await call(base, 'POST', '/announcements', '{"text":'))).toMatchObject({ status: 400, message: 'The body must be JSON.' });
    // All or none: "one" got nothing from the refused announcement.
    expect((await admin.getRoom('one')).lastSequence).toBe(1);
    await expect(admin.upsertUser(SYSTEM_USER_ID, { name: 'Not the system' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('reserved') });
    ana.socket.close();
    bo.socket.close();
  });
});

describe('confab-server export and import', () => {
  it('pipes an export of one server into another through the operator commands', async () => {
    const source = await start('populated');
    const target = await start('sqlite');
    const dump = join(folder, 'dump.ndjson');
    const operator = (args: string[], stdin?: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/host/cli.ts', ...args, '--admin-key', ADMIN_KEY], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdin.end(stdin ?? '');
        child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
    const exported = await operator(['export', '--url', source.base]);
    expect(exported.code, exported.stderr).toBe(0);
    await writeFile(dump, exported.stdout);
    const imported = await operator(['import', '--url', target.base], await readFile(dump, 'utf8'));
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ users: 3, rooms: 3, messages: 9 });
    const again = await operator(['export', '--url', target.base]);
    expect(again.stdout.split('\n').slice(1)).toEqual(exported.stdout.split('\n').slice(1));
    const refused = await operator(['import', '--url', target.base], exported.stdout);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Import needs an empty server/);
  }, 120_000);
});
