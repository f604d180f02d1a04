import { rawClient, startHost, type RawClient } from '../transports/wsHelpers';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await running?.host.close();
  running = null;
});

/** ana (the attacker) and bo (a bystander) connected; `secret` is a private room of bo's that ana is not in. */
async function setup() {
  running = await startHost();
  const { url, host, server } = running;
  server.createRoom({ id: 'secret', name: 'secret', kind: 'private', createdBy: 'bo', memberIds: ['bo'] });
  const ana = rawClient(url, { token: await host.signToken('ana') });
  const bo = rawClient(url, { token: await host.signToken('bo') });
  clients.push(ana, bo);
  await ana.next((frame) => frame.kind === 'session');
  await bo.next((frame) => frame.kind === 'session');
  let n = 0;
  /** Proves bo is still served: bo sends in general and ana... or bo alone if ana is gone. */
  async function boStillServed() {
    const id = `bo-${++n}`;
    const result = await bo.request(id, { type: 'message.send', roomId: 'general', clientId: id, text: `still here ${n}` });
    expect(result).toMatchObject({ ok: true, value: { text: `still here ${n}` } });
    await bo.next((frame) => frame.kind === 'event' && (frame.event as { message?: { clientId?: string } }).message?.clientId === id);
  }
  return { ana, bo, server, boStillServed };
}

function lastError(client: RawClient) {
  return client.next((frame) => frame.kind === 'result' && frame.ok === false);
}

describe('frames the host refuses', () => {
  it('answers invalid JSON with an error result (id "") and keeps the connection', async () => {
    const { ana, boStillServed } = await setup();
    ana.socket.send('{"kind": "request", "id": ');
    expect(await lastError(ana)).toEqual({ kind: 'result', id: '', ok: false, error: { code: 'invalid', message: 'The frame is not valid JSON.' } });
    const ok = await ana.request('after', { type: 'typing.start', roomId: 'general' });
    expect(ok).toMatchObject({ ok: true });
    await boStillServed();
  });

  it('answers wrong field types with an invalid error, to the request id when it can be read', async () => {
    const { ana, boStillServed } = await setup();
    ana.socket.send(JSON.stringify({ kind: 'request', id: 42, command: {} }));
    expect(await lastError(ana)).toMatchObject({ id: '', error: { code: 'invalid', message: expect.stringContaining('id') } });
    ana.socket.send(JSON.stringify([1, 2, 3]));
    ana.socket.send(JSON.stringify('request'));
    ana.socket.send('null');
    ana.socket.send(JSON.stringify({ kind: 'subscribe', id: 'x1' }));
    await ana.next((frame) => frame.kind === 'result' && frame.id === 'x1');
    const typed = await ana.request('t1', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 12 });
    expect(typed).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('text') } });
    const unknown = await ana.request('t2', { type: 'room.nuke', roomId: 'general' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('room.nuke') } });
    const notObject = await ana.request('t3', 'message.send');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid' } });
    ana.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await ana.next((frame) => frame.kind === 'result' && (frame.error as { message?: string } | undefined)?.message?.startsWith('Binary') === true);
    expect(ana.socket.readyState).toBe(ana.socket.OPEN);
    await boStillServed();
  });

  it('closes a 2 MB frame with 1009 and keeps serving others', async () => {
    const { ana, boStillServed, server } = await setup();
    ana.socket.send(JSON.stringify({ kind: 'request', id: 'big', command: { type: 'message.send', roomId: 'general', clientId: 'big', text: 'x'.repeat(2 * 1024 * 1024) } }));
    const closed = await ana.closed;
    expect(closed.code).toBe(1009);
    expect(server.getRoom('general')?.lastSequence).toBe(0);
    await boStillServed();
  });

  it('answers a message over the text limit with too_large, storing nothing', async () => {
    const { ana, boStillServed, server } = await setup();
    const result = await ana.request('long', { type: 'message.send', roomId: 'general', clientId: 'long', text: 'é'.repeat(3000) });
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(server.getRoom('general')?.lastSequence).toBe(0);
    await boStillServed();
  });

  it('is not fooled by __proto__ keys in a command', async () => {
    const { ana, boStillServed, server } = await setup();
    const text = '{"kind":"request","id":"p1","__proto__":{"polluted":true},"command":{"type":"message.send","roomId":"general","clientId":"p1","text":"hi","__proto__":{"authorId":"bo","isAdmin":true},"customData":{"__proto__":{"polluted":true}}}}';
    ana.socket.send(text);
    const result = await ana.next((frame) => frame.kind === 'result' && frame.id === 'p1');
    if (result.ok) expect(result.value).toMatchObject({ authorId: 'ana', text: 'hi' });
    else expect(result.error).toMatchObject({ code: expect.stringMatching(/invalid|forbidden/) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).isAdmin).toBeUndefined();
    const roomProto = await ana.request('p2', { type: 'room.join', roomId: '__proto__' });
    expect(roomProto).toMatchObject({ ok: false });
    const again = await ana.request('p3', { type: 'message.history', roomId: 'constructor' });
    expect(again).toMatchObject({ ok: false });
    expect(server.getRoom('general')?.lastSequence).toBeLessThanOrEqual(1);
    await boStillServed();
  });

  it("refuses commands for a room the user is not in and never shows its data", async () => {
    const { ana, bo, boStillServed, server } = await setup();
    server.actAs('bo', { type: 'message.send', roomId: 'secret', clientId: 's1', text: 'top secret' });
    const commands = [
      { type: 'message.send', roomId: 'secret', clientId: 'x', text: 'let me in' },
      { type: 'message.history', roomId: 'secret' },
      { type: 'room.resume', roomId: 'secret', afterSequence: 0 },
      { type: 'cursor.list', roomId: 'secret' },
      { type: 'typing.start', roomId: 'secret' },
      { type: 'room.join', roomId: 'secret' },
      { type: 'room.addMembers', roomId: 'secret', userIds: ['ana'] },
    ];
    for (const [index, command] of commands.entries()) {
      const result = await ana.request(`s${index}`, command);
      expect(result.ok, command.type).toBe(false);
      expect((result.error as { code: string }).code).toMatch(/forbidden|not_found/);
      expect(JSON.stringify(result)).not.toContain('top secret');
    }
    expect(JSON.stringify(ana.frames)).not.toContain('top secret');
    expect(server.getRoom('secret')?.members.map((member) => member.userId)).toEqual(['bo']);
    expect(bo.socket.readyState).toBe(bo.socket.OPEN);
    await boStillServed();
  });

  it('survives a flood of garbage from one client while another keeps talking', async () => {
    const { ana, boStillServed } = await setup();
    const garbage = ['', ' ', '[]', '{}', '{"kind":"request"}', '{"kind":"request","id":"","command":{}}', '{"kind":"ping","extra":1}', '\u0000', '"\\ud800"', '1e999', JSON.stringify({ kind: 'request', id: 'z'.repeat(100), command: {} })];
    for (let i = 0; i < 20; i++) for (const frame of garbage) ana.socket.send(frame);
    await ana.next((frame) => frame.kind === 'pong');
    const ok = await ana.request('fine', { type: 'typing.stop', roomId: 'general' });
    expect(ok).toMatchObject({ ok: true });
    await boStillServed();
  });
});
