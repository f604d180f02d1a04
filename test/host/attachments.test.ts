import { rawClient, startHost, type RawClient } from '../transports/wsHelpers';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await running?.host.close();
  running = null;
});

async function upload(port: number, token: string, roomId: string): Promise<{ id: string; url: string; name: string; type: string; size: number }> {
  const response = await fetch(`http://127.0.0.1:${port}/uploads?roomId=${roomId}&name=notes.txt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    body: 'hello',
  });
  expect(response.status).toBe(201);
  return (await response.json()) as never;
}

describe('attachments', () => {
  it('are accepted only as files this host stored for the same room, at its own /uploads/<id>', async () => {
    running = await startHost();
    const { url, port, host, server } = running;
    server.createRoom({ id: 'other', name: 'other', kind: 'public', createdBy: 'ana' });
    const token = await host.signToken('ana');
    const ana = rawClient(url, { token });
    clients.push(ana);
    await ana.next((frame) => frame.kind === 'session');
    const file = await upload(port, token, 'general');
    const elsewhere = await upload(port, token, 'other');
    const absolute = `http://127.0.0.1:${port}/uploads/${file.id}`;

    let n = 0;
    const send = (attachment: object) => ana.request(`r${++n}`, { type: 'message.send', roomId: 'general', clientId: `c${n}`, text: '', attachments: [attachment] });

    // As the upload answered it, and as the client makes it absolute against the host.
    expect(await send(file)).toMatchObject({ ok: true });
    expect(await send({ ...file, url: absolute })).toMatchObject({ ok: true });

    const hostile = [
      { ...file, url: `/uploads/${file.id}/../../admin` },
      { ...file, url: 'uploads/' + file.id },
      { ...file, url: '/avatar.png' },
      { ...file, url: 'javascript:alert(1)' },
      { ...file, url: 'data:text/html,<script>alert(1)</script>' },
      { ...file, url: `https://evil.example/uploads/${file.id}` },
      { ...file, url: `//evil.example/uploads/${file.id}` },
      { ...file, url: `${absolute}?track=1` },
      { ...file, url: `http://user:pw@127.0.0.1:${port}/uploads/${file.id}` },
      // A stored file, but of another room; an id that names no file; an id and url that disagree.
      elsewhere,
      { ...file, id: 'f'.repeat(32), url: `/uploads/${'f'.repeat(32)}` },
      { ...file, id: elsewhere.id },
    ];
    for (const attachment of hostile) {
      const answer = await send(attachment);
      expect(answer, JSON.stringify(attachment)).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('not a file uploaded to this room') } });
    }
    // Nothing hostile was stored.
    const stored = server.actAsSystem({ type: 'message.history', roomId: 'general' });
    const urls = stored.ok ? stored.value.messages.flatMap((message) => message.attachments.map((attachment) => attachment.url)) : [];
    expect(urls).toEqual([file.url, absolute]);
  });

  it('are refused altogether when uploads are off', async () => {
    running = await startHost({ uploads: false });
    const { url, host } = running;
    const ana = rawClient(url, { token: await host.signToken('ana') });
    clients.push(ana);
    await ana.next((frame) => frame.kind === 'session');
    const answer = await ana.request('r1', {
      type: 'message.send',
      roomId: 'general',
      clientId: 'c1',
      text: 'see',
      attachments: [{ id: 'a1', name: 'a.png', type: 'image/png', size: 1, url: 'https://cdn.example/a.png' }],
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('uploads are turned off') } });
    expect(await ana.request('r2', { type: 'message.send', roomId: 'general', clientId: 'c2', text: 'plain text is fine' })).toMatchObject({ ok: true });
  });
});
