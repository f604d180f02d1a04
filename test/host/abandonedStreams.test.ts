import { rawClient, startHost, type RawClient } from '../transports/wsHelpers';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await running?.host.close();
  running = null;
});

describe('abandoned streamed messages on a host', () => {
  it("a bot whose socket dies mid-reply: the host's sweep ends its message as stopped, the text kept, and viewers see it", async () => {
    running = await startHost({ presenceSweepMs: 50, serverOptions: { floodLimit: false, streamIdleMs: 300 } });
    const { url, host, server } = running;
    const bot = rawClient(url, { token: await host.signToken('bo') });
    const viewer = rawClient(url, { token: await host.signToken('ana') });
    clients.push(bot, viewer);
    await Promise.all([bot, viewer].map((client) => client.next((frame) => frame.kind === 'session')));
    const sent = await bot.request('1', { type: 'message.send', roomId: 'general', clientId: 'c1', text: '', streaming: { requestedBy: 'ana' } });
    const messageId = (sent.value as { id: string }).id;
    await bot.request('2', { type: 'message.append', roomId: 'general', messageId, offset: 0, piece: 'Half a tho' });
    bot.socket.terminate();
    const updated = await viewer.next((frame) => frame.kind === 'event' && (frame.event as { type: string }).type === 'message.updated', 5000);
    expect((updated.event as { message: { text: string; streaming: { state: string } } }).message).toMatchObject({ text: 'Half a tho', streaming: { state: 'stopped' } });
    const history = server.actAs('ana', { type: 'message.history', roomId: 'general' });
    expect(history.ok && history.value.messages.map((message) => [message.text, message.streaming?.state])).toEqual([['Half a tho', 'stopped']]);
  });
});
