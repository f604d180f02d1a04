import { ChatError, type Attachment } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { createMemoryUploadAdapter } from '../../src/transports/memory';
import { createUploadAdapter, uploadFile, type XhrLike } from '../../src/transports/websocket/upload';

/** A scripted XMLHttpRequest: records what was sent; the test drives progress and the answer. */
class FakeXhr extends EventTarget implements XhrLike {
  static last: FakeXhr | null = null;
  readonly upload = new EventTarget();
  status = 0;
  responseText = '';
  timeout = 0;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  aborted = false;

  constructor() {
    super();
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded, total, lengthComputable: true }));
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.dispatchEvent(new Event('load'));
  }
  fail() {
    this.dispatchEvent(new Event('error'));
  }
}

const file = Object.assign(new Blob([new Uint8Array(1000)], { type: 'image/png' }), { name: 'cat photo.png' });
const served: Attachment = { id: 'abc123', name: 'cat photo.png', type: 'image/png', size: 1000, url: '/uploads/abc123' };

/** Starts an upload and waits until it has reached the (fake) network. */
async function start(extra: Partial<Parameters<typeof uploadFile>[0]> = {}) {
  FakeXhr.last = null;
  const progress: Array<[number, number]> = [];
  const promise = uploadFile({
    baseUrl: 'wss://chat.example.com/socket',
    token: 'tok',
    roomId: 'general',
    file,
    onProgress: (loaded, total) => progress.push([loaded, total]),
    XMLHttpRequest: FakeXhr,
    ...extra,
  });
  promise.catch(() => {});
  await vi.waitFor(() => expect(FakeXhr.last?.body).toBeTruthy());
  return { promise, progress, xhr: FakeXhr.last! };
}

describe('uploadFile', () => {
  it('posts the raw file with its type and a bearer token, reports progress, and resolves with an absolute URL', async () => {
    const { promise, progress, xhr } = await start();
    expect(xhr.method).toBe('POST');
    const url = new URL(xhr.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://chat.example.com/uploads'); // the socket URL's origin
    expect(Object.fromEntries(url.searchParams)).toEqual({ roomId: 'general', name: 'cat photo.png' });
    expect(xhr.headers).toEqual({ authorization: 'Bearer tok', 'content-type': 'image/png' });
    expect(url.search).not.toContain('tok'); // never in the URL (logs, referrers)
    expect(xhr.body).toBe(file);
    xhr.progress(250, 1000);
    xhr.progress(700, 1000);
    xhr.progress(1000, 1000);
    xhr.respond(201, served);
    expect(await promise).toEqual({ ...served, url: 'https://chat.example.com/uploads/abc123' });
    expect(progress).toEqual([
      [250, 1000],
      [700, 1000],
      [1000, 1000],
    ]);
  });

  it('asks a token provider for each upload, and keeps an http(s) base path as a prefix', async () => {
    let calls = 0;
    const { xhr, promise } = await start({ baseUrl: 'https://example.com/chat', token: undefined, tokenProvider: async () => `fresh-${++calls}` });
    expect(xhr.headers.authorization).toBe('Bearer fresh-1');
    expect(new URL(xhr.url).pathname).toBe('/chat/uploads');
    xhr.respond(201, { ...served, url: 'https://cdn.example.com/f/abc123' });
    expect((await promise).url).toBe('https://cdn.example.com/f/abc123');
  });

  it('aborts the request when the signal fires, and rejects with unavailable', async () => {
    const controller = new AbortController();
    const { promise, progress, xhr } = await start({ signal: controller.signal });
    xhr.progress(100, 1000);
    controller.abort();
    await expect(promise).rejects.toMatchObject({ code: 'unavailable', message: 'The upload was cancelled.' });
    expect(xhr.aborted).toBe(true);
    xhr.progress(500, 1000); // late events change nothing
    expect(progress).toEqual([[100, 1000]]);
  });

  it('does not start when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    FakeXhr.last = null;
    await expect(uploadFile({ baseUrl: 'https://x.example', token: 't', roomId: 'r', file, signal: controller.signal, XMLHttpRequest: FakeXhr })).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(FakeXhr.last).toBeNull();
  });

  it.each([
    [413, { error: { code: 'too_large', message: 'The file is 30000000 bytes; the limit is 26214400 bytes.' } }, 'too_large', 'The file is 30000000 bytes; the limit is 26214400 bytes.'],
    [403, { error: { code: 'forbidden', message: 'Only members of this room may upload files to it.' } }, 'forbidden', 'Only members of this room may upload files to it.'],
    [413, { code: 'too_large', message: 'The file is over 25 MB.' }, 'too_large', 'The file is over 25 MB.'],
    [415, { code: 'invalid', message: "The file's content does not match its type." }, 'invalid', "The file's content does not match its type."],
    [401, { code: 'unauthorized', message: 'Sign in.' }, 'unauthorized', 'Sign in.'],
    [403, { code: 'forbidden', message: 'Not a member.' }, 'forbidden', 'Not a member.'],
    [413, '<html>nginx: 413</html>', 'too_large', 'The file is too large.'],
    [500, 'oops', 'internal', 'The server failed while storing the file.'],
    [503, '', 'unavailable', 'The server could not be reached; the file was not uploaded.'],
  ])('maps HTTP %i to a ChatError', async (status, body, code, message) => {
    const { promise, xhr } = await start();
    xhr.respond(status, body);
    const error = await promise.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code, message });
  });

  it('maps a network failure to unavailable, and a malformed success to internal', async () => {
    const first = await start();
    first.xhr.fail();
    await expect(first.promise).rejects.toMatchObject({ code: 'unavailable' });
    const second = await start();
    second.xhr.respond(201, { id: 'x' });
    await expect(second.promise).rejects.toMatchObject({ code: 'internal' });
  });

  it('createUploadAdapter passes the room, file and options through', async () => {
    const adapter = createUploadAdapter({ baseUrl: 'https://chat.example.com', token: 'tok', XMLHttpRequest: FakeXhr });
    FakeXhr.last = null;
    const seen: number[] = [];
    const promise = adapter.upload('random', file, { onProgress: (loaded) => seen.push(loaded) });
    await vi.waitFor(() => expect(FakeXhr.last?.body).toBeTruthy());
    expect(new URL(FakeXhr.last!.url).searchParams.get('roomId')).toBe('random');
    FakeXhr.last!.respond(201, served);
    await promise;
    expect(seen).toEqual([1000]); // no progress events from the network: at least the final one
  });
});

describe('createMemoryUploadAdapter', () => {
  it('reports progress in steps and returns a blob: URL for members', async () => {
    const server = createReferenceServer();
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.upsertUser({ id: 'eve', name: 'Eve' });
    server.createRoom({ id: 'general', name: 'general', kind: 'private', createdBy: 'ana' });
    const uploads = createMemoryUploadAdapter({ server, userId: 'ana' });
    const progress: number[] = [];
    const attachment = await uploads.upload('general', Object.assign(new Blob(['hello']), { name: '../\u202Egpj\u200F.exe' }), { onProgress: (loaded) => progress.push(loaded) });
    expect(progress).toEqual([1, 3, 4, 5]); // 5 bytes in 4 steps, rounded
    expect(attachment).toMatchObject({ name: 'gpj.exe', type: 'application/octet-stream', size: 5 });
    expect(attachment.url.startsWith('blob:')).toBe(true);
    uploads.dispose();

    const eve = createMemoryUploadAdapter({ server, userId: 'eve' });
    await expect(eve.upload('general', new Blob(['x']))).rejects.toMatchObject({ code: 'forbidden' });
    const small = createMemoryUploadAdapter({ maxBytes: 2 });
    await expect(small.upload('general', new Blob(['xyz']))).rejects.toMatchObject({ code: 'too_large' });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const uploads = createMemoryUploadAdapter({ stepMs: 5 });
    const progress: number[] = [];
    const onProgress = (loaded: number) => {
      progress.push(loaded);
      controller.abort(); // during the wait for the second step
    };
    const promise = uploads.upload('general', new Blob(['abcd']), { signal: controller.signal, onProgress });
    await expect(promise).rejects.toMatchObject({ code: 'unavailable' });
    expect(progress).toEqual([1]);
  });
});
