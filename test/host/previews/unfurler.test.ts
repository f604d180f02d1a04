import { ChatError } from '../../../src/protocol';
import { createLinkUnfurler } from '../../../src/host/previews/unfurler';
import { fetchPreviewResource, PREVIEW_USER_AGENT } from '../../../src/host/previews/fetcher';
import { createAddressPolicy } from '../../../src/host/previews/addressPolicy';
import { COVER, startSite } from './site';

let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());

const local = () => createLinkUnfurler({ allowHosts: ['127.0.0.1'], timeoutMs: 1000 }, { secret: 'test-secret' });
async function failure(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

describe('the host’s unfurler on a local site', () => {
  it('previews a page with its Open Graph tags and an image proxied by the host', async () => {
    const unfurler = local();
    const preview = await unfurler.unfurl(`${site.origin}/article`);
    expect(preview).toMatchObject({ url: `${site.origin}/article`, title: 'Local article', description: 'Served by the test site', siteName: 'Test Site' });
    expect(preview?.image).toMatchObject({ width: 4, height: 3 });
    expect(preview?.image?.url).toMatch(/^\/previews\/image\/[\w-]+\?src=/);
    // Served from the host's memory: the signature is checked and the bytes are the site's.
    const [, signature, source] = /^\/previews\/image\/([\w-]+)\?src=(.*)$/.exec(preview!.image!.url)!;
    const served = await unfurler.images.serve(signature!, decodeURIComponent(source!));
    expect(served).toEqual({ type: 'image/png', bytes: COVER });
    expect((await failure(unfurler.images.serve(signature!, 'http://10.0.0.1/secret.png'))).code).toBe('forbidden');
  });

  it('reads only the head, sends a clear User-Agent and no cookies, and keeps results by URL', async () => {
    const unfurler = local();
    const before = site.seen.length;
    await unfurler.unfurl(`${site.origin}/to-article`);
    await unfurler.unfurl(`${site.origin}/to-article`);
    const requests = site.seen.slice(before);
    expect(requests.map((request) => request.path)).toEqual(['/to-article', '/article', '/cover.png']);
    for (const request of requests) {
      expect(request.headers['user-agent']).toBe(PREVIEW_USER_AGENT);
      expect(request.headers.cookie).toBeUndefined();
    }
  });

  it('keeps hostile Open Graph content inert: text capped, script URLs and data URLs dropped', async () => {
    const preview = await local().unfurl(`${site.origin}/hostile`);
    expect(preview?.title.startsWith("<script>alert('t')</script>TTT")).toBe(true);
    expect([...(preview?.title ?? '')]).toHaveLength(200);
    expect(preview?.description).toBe('<img src=x onerror=alert(1)> javascript:alert(2)');
    expect(preview?.image).toBeUndefined();
    // A megabyte of markup as the title, cut at the read limit: still text, 200 characters of it.
    const huge = await local().unfurl(`${site.origin}/hostile-huge`);
    expect(huge?.title).toBe(`${'<b>'.repeat(66)}<…`);
  });

  it('drops an image whose bytes are not an image, and keeps the rest of the preview', async () => {
    const preview = await local().unfurl(`${site.origin}/bad-image-page`);
    expect(preview).toEqual({ url: `${site.origin}/bad-image-page`, title: 'Lying image', description: '', siteName: '127.0.0.1' });
  });

  it('refuses private, loopback and metadata addresses without the allow-list, before connecting', async () => {
    const strict = createLinkUnfurler({ timeoutMs: 1000 }, { secret: 's' });
    const before = site.seen.length;
    expect((await failure(strict.unfurl(`${site.origin}/article`))).message).toMatch(/not a public address/);
    expect((await failure(strict.unfurl(`http://localhost:${site.port}/article`))).code).toBe('forbidden');
    expect((await failure(strict.unfurl('http://169.254.169.254/latest/meta-data/'))).code).toBe('forbidden');
    expect((await failure(strict.unfurl('http://[::ffff:127.0.0.1]/'))).code).toBe('forbidden');
    expect((await failure(strict.unfurl('http://10.0.0.1/'))).code).toBe('forbidden');
    expect(site.seen.length).toBe(before);
  });

  it.each([
    ['/to-private', 'forbidden', /10\.0\.0\.1/],
    ['/to-metadata', 'forbidden', /169\.254\.169\.254/],
    ['/to-loopback-name', 'forbidden', /localhost/],
    ['/to-other-loopback', 'forbidden', /127\.0\.0\.2/],
    ['/to-javascript', 'invalid', /only http and https/],
    ['/loop', 'invalid', /redirected more than 3 times/],
    ['/json', 'invalid', /application\/json/],
    ['/missing', 'invalid', /status 404/],
  ])('refuses %s (%s)', async (path, code, message) => {
    const error = await failure(local().unfurl(`${site.origin}${path}`));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('gives up on a slow site at its deadline', async () => {
    const started = Date.now();
    const error = await failure(createLinkUnfurler({ allowHosts: ['127.0.0.1'], timeoutMs: 300 }).unfurl(`${site.origin}/slow`));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops reading a gzip bomb at the byte cap', { timeout: 30_000 }, async () => {
    const options = { policy: createAddressPolicy({ allowHosts: ['127.0.0.1'] }), timeoutMs: 10_000, acceptHeader: '*/*' };
    const page = await fetchPreviewResource(`${site.origin}/bomb`, { ...options, maxBytes: 64 * 1024, overflow: 'truncate', accept: () => true });
    expect(page.body.byteLength).toBe(64 * 1024);
    expect((await failure(fetchPreviewResource(`${site.origin}/bomb.png`, { ...options, maxBytes: 2 * 1024 * 1024, overflow: 'fail', accept: () => true }))).code).toBe('too_large');
    expect((await failure(fetchPreviewResource(`${site.origin}/huge.png`, { ...options, maxBytes: 2 * 1024 * 1024, overflow: 'fail', accept: () => true }))).code).toBe('too_large');
  });

  it('refuses URLs with credentials and schemes other than http(s)', async () => {
    expect((await failure(local().unfurl(`http://user:pw@127.0.0.1:${site.port}/article`))).message).toMatch(/credentials/);
    expect((await failure(local().unfurl('file:///etc/passwd'))).code).toBe('invalid');
  });
});
