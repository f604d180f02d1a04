import { createHost, type Host, type HostOptions } from '../../../src/host';
import { createReferenceServer, toChatServer } from '../../../src/server';
import type { ServerEvent } from '../../../src/protocol';
import { COVER, startSite } from './site';

let site: Awaited<ReturnType<typeof startSite>>;
let host: Host | null = null;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(previews: HostOptions['previews']) {
  const server = createReferenceServer({ floodLimit: false });
  for (const id of ['ana', 'bo']) server.upsertUser({ id, name: id });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  host = createHost({ port: 0, secret: 'a-test-secret-of-some-length', server: toChatServer(server), previews });
  const { port } = await host.listen();
  const events: ServerEvent[] = [];
  server.connect('bo', (event) => events.push(event));
  return { server, port, events };
}

describe('link previews on the host', () => {
  it('attaches a preview after the send is answered, and serves its image itself', { timeout: 20_000 }, async () => {
    const { server, port, events } = await start({ allowHosts: ['127.0.0.1'], timeoutMs: 2000 });
    const sent = server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: `look ${site.origin}/article` });
    expect(sent.ok && sent.value.preview).toBeUndefined();

    await vi.waitFor(() => expect(events.some((event) => event.type === 'message.updated' && event.message.preview !== undefined)).toBe(true), { timeout: 15_000 });
    const updated = events.find((event) => event.type === 'message.updated' && event.message.preview !== undefined) as Extract<ServerEvent, { type: 'message.updated' }>;
    expect(updated.message.preview).toMatchObject({ url: `${site.origin}/article`, title: 'Local article', siteName: 'Test Site', image: { width: 4, height: 3 } });

    const imageUrl = `http://127.0.0.1:${port}${updated.message.preview!.image!.url}`;
    const image = await fetch(imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(COVER);

    // A link the host did not sign is no proxy to anywhere.
    const forged = await fetch(imageUrl.replace(/src=[^&]+/, `src=${encodeURIComponent(`${site.origin}/huge.png`)}`));
    expect(forged.status).toBe(403);
    expect((await forged.json()) as unknown).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('previews nothing with previews off', async () => {
    const { server, events } = await start(false);
    const before = site.seen.length;
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: `${site.origin}/article` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(site.seen.length).toBe(before);
    expect(events.filter((event) => event.type === 'message.updated')).toEqual([]);
  });

  it('on by default, reaches only public addresses', async () => {
    const { server, events } = await start(undefined);
    const before = site.seen.length;
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'c1', text: `${site.origin}/article` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(site.seen.length).toBe(before);
    expect(events.filter((event) => event.type === 'message.updated')).toEqual([]);
  });
});
