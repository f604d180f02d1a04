import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminClient } from '../../src/admin';
import { ADMIN_ROUTES, createHost, type Host } from '../../src/host';
import { ChatError, type Message, type Room } from '../../src/protocol';
import { rawClient } from '../transports/wsHelpers';

const ADMIN_KEY = 'admin-key-admin-key-admin-key-0001';
const SECRET = 'secret-secret-secret-secret-secret-01';

let host: Host;
let base: string;

beforeEach(async () => {
  host = createHost({ port: 0, secret: SECRET, adminKey: ADMIN_KEY, onError: () => {} });
  const { port } = await host.listen();
  base = `http://127.0.0.1:${port}`;
});
afterEach(async () => {
  await host.close();
});

function call(method: string, path: string, options: { body?: unknown; raw?: string; key?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers.authorization = `Bearer ${options.key ?? ADMIN_KEY}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${base}/admin/v1${path}`, { method, headers, ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe('admin API', () => {
  it('refuses every route without the key, with a wrong key, and from a browser', async () => {
    for (const route of ADMIN_ROUTES) {
      const path = route.path.replace(/\{\w+\}/g, 'x');
      expect((await call(route.method, path, { key: null })).status, `${route.method} ${route.path}`).toBe(401);
      expect((await call(route.method, path, { key: 'wrong-key-wrong-key-wrong-key' })).status).toBe(401);
      const browser = await call(route.method, path, { headers: { origin: 'https://app.example' } });
      expect(browser.status).toBe(403);
      expect(browser.headers.get('access-control-allow-origin')).toBeNull();
    }
    const preflight = await fetch(`${base}/admin/v1/users`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000' } });
    expect(preflight.status).toBe(403);
    expect(() => createHost({ secret: SECRET, adminKey: 'short' })).toThrow(/at least 16 characters/);
  });

  it('creates people, signs their tokens and pages through them', async () => {
    const ana = await call('PUT', '/users/ana', { body: { name: 'Ana', customData: { plan: 'pro' } } });
    expect(ana.status).toBe(200);
    expect(await ana.json()).toMatchObject({ id: 'ana', name: 'Ana', customData: { plan: 'pro' } });
    for (const id of ['bo', 'chen', 'dara']) await call('PUT', `/users/${id}`, { body: { name: id } });
    const first = (await (await call('GET', '/users?limit=2')).json()) as { users: { id: string }[]; next?: string };
    expect(first.users.map((user) => user.id)).toEqual(['ana', 'bo']);
    const second = (await (await call('GET', `/users?after=${first.next}&limit=2`)).json()) as { users: { id: string }[]; next?: string };
    expect(second.users.map((user) => user.id)).toEqual(['chen', 'dara']);
    const token = await call('POST', '/users/ana/tokens', { body: { ttlSeconds: 600 } });
    expect(token.status).toBe(201);
    const { token: jwt } = (await token.json()) as { token: string };
    const socket = rawClient(`${base.replace('http', 'ws')}/ws`, { token: jwt });
    const session = await socket.next((frame) => frame.kind === 'session');
    expect((session.snapshot as { me: { id: string } }).me.id).toBe('ana');
    socket.socket.close();
    expect(await errorOf(await call('GET', '/users/nobody'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await errorOf(await call('POST', '/users/nobody/tokens', { body: {} }))).toMatchObject({ status: 404, message: expect.stringContaining('create them first') });
  });

  it('answers bad input with 400 or 413 and a sentence, and stores nothing of it', async () => {
    expect(await errorOf(await call('PUT', '/users/ana', { raw: '{"name":' }))).toMatchObject({ status: 400, message: 'The body must be JSON.' });
    const unknown = await errorOf(await call('PUT', '/users/ana', { body: { name: 'Ana', nmae: 'typo' } }));
    expect(unknown).toMatchObject({ status: 400, code: 'invalid' });
    expect(unknown.message).toMatch(/^The body is not valid: .*nmae/);
    expect(await errorOf(await call('PUT', '/users/ana', { body: { name: '' } }))).toMatchObject({ status: 400, message: expect.stringContaining('name must not be empty') });
    expect((await call('GET', '/users/ana')).status).toBe(404);
    expect(await errorOf(await call('PUT', '/users/ana', { raw: JSON.stringify({ name: 'x'.repeat(300 * 1024) }) }))).toMatchObject({ status: 413, code: 'too_large' });
    expect(await errorOf(await call('GET', '/users?limit=5000'))).toMatchObject({ status: 400 });
    expect(await errorOf(await call('GET', '/users/ana/tokens'))).toMatchObject({ status: 405 });
    expect(await errorOf(await call('GET', '/nothing/here'))).toMatchObject({ status: 404, message: expect.stringContaining('openapi.json') });
    expect(await errorOf(await call('GET', '/rooms/general?x=1'))).toMatchObject({ status: 400, message: expect.stringContaining('takes no query parameters') });
  });

  it('manages rooms, members, roles and messages through the typed client', async () => {
    const admin = createAdminClient({ url: base, adminKey: ADMIN_KEY });
    for (const id of ['ana', 'bo', 'chen']) await admin.upsertUser(id, { name: id.toUpperCase() });
    const room: Room = await admin.createRoom({ id: 'team', name: 'Team', kind: 'private', createdBy: 'ana' });
    expect(room.members.map((member) => member.userId)).toEqual(['ana']);
    expect((await admin.addMembers('team', ['bo', 'chen'])).members).toHaveLength(3);
    expect((await admin.setRole('team', 'bo', 'admin')).members.find((member) => member.userId === 'bo')?.role).toBe('admin');
    expect((await admin.updateRoom('team', { name: 'The team' })).name).toBe('The team');
    const sent: Message = await admin.sendMessage('team', { userId: 'ana', text: 'Hello from the backend', clientId: 'backend-1' });
    const again = await admin.sendMessage('team', { userId: 'ana', text: 'Hello from the backend', clientId: 'backend-1' });
    expect(again.id).toBe(sent.id);
    const page = await admin.listMessages('team', { limit: 10 });
    expect(page.messages.map((message) => message.text)).toEqual(['Hello from the backend']);
    const corrected = await admin.editMessage('team', sent.id, { text: 'Hello from the backend (corrected)' });
    expect(corrected).toMatchObject({ text: 'Hello from the backend (corrected)', authorId: 'ana', editedAt: expect.any(Number) });
    await expect(admin.editMessage('team', sent.id, { text: '' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await admin.deleteMessage('team', sent.id)).deletedAt).toBeTypeOf('number');
    expect((await admin.removeMember('team', 'chen')).members.map((member) => member.userId)).toEqual(['ana', 'bo']);
    // As chen, a private room chen is not in answers like a missing one.
    await expect(admin.sendMessage('team', { userId: 'chen', text: 'let me in' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(admin.addMembers('team', Array.from({ length: 11 }, (_, index) => `p${index}`))).rejects.toBeInstanceOf(ChatError);
    expect(await admin.deleteRoom('team')).toEqual({ roomId: 'team' });
    await expect(admin.getRoom('team')).rejects.toMatchObject({ code: 'not_found' });
    await expect(createAdminClient({ url: base, adminKey: 'wrong-key-wrong-key-wrong' }).getUser('ana')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('publishes an OpenAPI 3.1 document of every route, made from the schemas', async () => {
    const document = (await (await fetch(`${base}/admin/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: { properties?: object; additionalProperties?: unknown } } } } }>> };
    expect(document.openapi).toBe('3.1.0');
    for (const route of ADMIN_ROUTES) expect(document.paths[`/admin/v1${route.path}`]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    const userBody = document.paths['/admin/v1/users/{id}']?.put?.requestBody?.content['application/json'].schema;
    expect(Object.keys(userBody?.properties ?? {})).toEqual(['name', 'avatarUrl', 'customData', 'bot']);
    expect(Object.keys(document.paths['/admin/v1/webhooks']?.post?.requestBody?.content['application/json'].schema.properties ?? {})).toEqual(['url']);
    expect(Object.keys(document.paths['/admin/v1/stats'] ?? {})).toEqual(['get']);
    expect(userBody?.additionalProperties).toBe(false);
  });
});

describe('confab-server in production (no --dev)', () => {
  const children: ChildProcess[] = [];
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'confab-production-'));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(folder, { recursive: true, force: true });
  });

  function run(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/host/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code ?? -1))) };
  }

  it('refuses to start without a signing secret, saying what to pass', async () => {
    const refused = run(['--data', folder, '--port', '0']);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toMatch(/a signing secret is required: pass --secret or set CONFAB_SECRET/);
  }, 60_000);

  it('goes from nothing to two people chatting with the operator commands', async () => {
    const server = run(['--secret', SECRET, '--admin-key', ADMIN_KEY, '--data', folder, '--port', '0']);
    await vi.waitFor(() => expect(server.output()).toMatch(/listening on ws:\/\/127\.0\.0\.1:\d+\/ws/), { timeout: 60_000, interval: 100 });
    const url = /listening on (ws:\/\/\S+?),/.exec(server.output())?.[1] as string;
    const http = url.replace(/^ws/, 'http').replace(/\/ws$/, '');
    const operator = async (...args: string[]) => {
      const command = run([...args, '--url', http, '--admin-key', ADMIN_KEY]);
      const code = await command.exited;
      expect(code, command.output()).toBe(0);
      return command.output().trim();
    };
    expect(JSON.parse(await operator('user', 'add', 'ana', '--name', 'Ana'))).toMatchObject({ id: 'ana', name: 'Ana' });
    await operator('user', 'add', 'bo', '--name', 'Bo');
    await createAdminClient({ url: http, adminKey: ADMIN_KEY }).createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const anaToken = await operator('token', 'ana');
    const boToken = await operator('token', 'bo', '--ttl', '600');
    const ana = rawClient(url, { token: anaToken });
    const bo = rawClient(url, { token: boToken });
    await ana.next((frame) => frame.kind === 'session', 10_000);
    await bo.next((frame) => frame.kind === 'session', 10_000);
    const sent = await ana.request('1', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hi Bo, this is production' });
    expect(sent.ok).toBe(true);
    const heard = await bo.next((frame) => frame.kind === 'event' && (frame.event as { type: string }).type === 'message.created', 10_000);
    expect((heard.event as { message: { text: string } }).message.text).toBe('Hi Bo, this is production');
    // A token for someone the server does not know is refused at the door.
    const bad = run(['token', 'nobody', '--url', http, '--admin-key', ADMIN_KEY]);
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/There is no user with id "nobody"/);
    ana.socket.close();
    bo.socket.close();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});
