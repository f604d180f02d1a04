import { WebSocket } from 'ws';
import { createBot, type Bot } from '../../src/bot';
import type { Transport, TransportListener } from '../../src/core';
import type { Message, ServerEvent } from '../../src/protocol';
import { createReferenceServer, type ReferenceServerOptions } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';
import { sleep, startHost, timelineOf, until, wsClient } from '../transports/wsHelpers';

const ADMIN_KEY = 'bot-test-admin-key-0123456789';

let cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A host on 127.0.0.1 with ana, bo, chen and the assistant in `general`. */
async function world(serverOptions: ReferenceServerOptions = {}) {
  const started = await startHost({ adminKey: ADMIN_KEY, serverOptions: { floodLimit: false, ...serverOptions } });
  cleanups.push(() => started.host.close());
  started.server.upsertUser({ id: 'assistant', name: 'Assistant' });
  started.server.actAs('assistant', { type: 'room.join', roomId: 'general' });
  const person = async (userId: string) => {
    const client = wsClient(started.url, started.host, userId, { WebSocket });
    cleanups.push(() => client.client.close());
    await client.client.connect();
    await client.client.loadOlder('general');
    return client.client;
  };
  return { ...started, person };
}

/** Sockets a bot opened, so a test can cut one. */
function recordingSocket() {
  const sockets: WebSocket[] = [];
  class Socket extends WebSocket {
    constructor(address: string) {
      super(address);
      sockets.push(this);
    }
  }
  return { Socket, sockets };
}

async function* words(text: string, delayMs: number, onEnd?: () => void): AsyncGenerator<string> {
  try {
    for (const word of text.split(/(?<= )/)) {
      await sleep(delayMs);
      yield word;
    }
  } finally {
    onEnd?.();
  }
}

const ANSWER = 'Streaming works like this: the bot sends a message that grows, piece by piece, until it is done.';

describe('createBot over the WebSocket transport', () => {
  it('answers a mention by streaming from an async iterator; another person sees the text grow and end as a normal message', async () => {
    const { url, host, person } = await world();
    const ana = await person('ana');
    const bo = await person('bo');
    const bot: Bot = await createBot({
      url,
      userId: 'assistant',
      token: () => host.signToken('assistant'),
      WebSocket,
      onMention: (message, reply) => reply.stream(words(ANSWER, 5)),
      onMessage: () => {
        throw new Error('a mention goes to onMention only');
      },
    });
    cleanups.push(() => bot.close());

    const seen = new Set<string>();
    bo.store.subscribe(() => {
      const last = timelineOf(bo, 'general').at(-1);
      if (last?.authorId === 'assistant') seen.add(last.text);
    });
    await ana.sendMessage('general', { text: '@Assistant how does streaming work?', mentions: ['assistant'] });
    await until(() => timelineOf(bo, 'general').at(-1)?.streaming?.state === 'complete', 5000, 'the finished answer');
    await bot.idle();

    const answer = timelineOf(bo, 'general').at(-1) as Message;
    expect(answer).toMatchObject({ authorId: 'assistant', text: ANSWER, streaming: { state: 'complete', requestedBy: 'ana' } });
    expect(answer.editedAt).toBeUndefined();
    // bo saw it grow: several lengths on the way, each the start of the final text.
    const growth = [...seen].filter((text) => text !== ANSWER);
    expect(growth.length).toBeGreaterThan(3);
    for (const text of growth) expect(ANSWER.startsWith(text)).toBe(true);
    // One message, not one per piece.
    expect(timelineOf(ana, 'general').filter((message) => message.authorId === 'assistant')).toHaveLength(1);
  });

  it('stops when the person who asked presses Stop: the source is abandoned and cleaned up, the text so far stays', async () => {
    const { url, person } = await world();
    const ana = await person('ana');
    let cleanedUp = false;
    let signalAborted = false;
    let ended: Message | undefined;
    const bot = await createBot({
      url,
      userId: 'assistant',
      adminKey: ADMIN_KEY,
      WebSocket,
      onMention: async (message, reply) => {
        ended = await reply.stream((signal) => {
          signal.addEventListener('abort', () => (signalAborted = true));
          return words('never ending story '.repeat(200), 10, () => (cleanedUp = true));
        });
      },
    });
    cleanups.push(() => bot.close());

    await ana.sendMessage('general', { text: 'Tell me a story @Assistant', mentions: ['assistant'] });
    await until(() => (timelineOf(ana, 'general').at(-1)?.text.length ?? 0) > 20 && timelineOf(ana, 'general').at(-1)?.authorId === 'assistant', 5000, 'some text');
    const streaming = timelineOf(ana, 'general').at(-1) as Message;
    await ana.stopStreaming('general', streaming.id);
    await bot.idle();

    expect(ended?.streaming?.state).toBe('stopped');
    expect(signalAborted).toBe(true);
    await until(() => cleanedUp, 2000, 'the generator to clean up');
    const textAtStop = timelineOf(ana, 'general').at(-1)?.text ?? '';
    await sleep(60);
    expect(timelineOf(ana, 'general').at(-1)).toMatchObject({ text: textAtStop, streaming: { state: 'stopped' } });
    expect(textAtStop.length).toBeGreaterThan(20);
  });

  it('loses nothing when its socket drops mid-stream, and goes on in a second message when the first is full', async () => {
    const { url, host, person } = await world({ limits: { maxTextBytes: 200 } });
    const bo = await person('bo');
    const { Socket, sockets } = recordingSocket();
    const text = Array.from({ length: 60 }, (_, index) => `w${index} `).join('');
    const bot = await createBot({
      url,
      userId: 'assistant',
      token: () => host.signToken('assistant'),
      WebSocket: Socket,
      onMention: (message, reply) =>
        reply.stream(
          (async function* () {
            for await (const word of words(text, 3)) {
              yield word;
              // Cut the connection once, halfway through.
              if (word === 'w20 ') sockets.at(-1)?.terminate();
            }
          })(),
        ),
    });
    cleanups.push(() => bot.close());
    await bo.sendMessage('general', { text: 'count @Assistant', mentions: ['assistant'] });
    await until(() => timelineOf(bo, 'general').filter((m) => m.authorId === 'assistant' && m.streaming?.state === 'complete').length === 2, 8000, 'both parts');
    await bot.idle();
    expect(sockets.length).toBeGreaterThan(1);
    const parts = timelineOf(bo, 'general').filter((m) => m.authorId === 'assistant');
    expect(parts.map((m) => m.text).join('')).toBe(text);
    for (const part of parts) expect(Buffer.byteLength(part.text)).toBeLessThanOrEqual(200);
  });
});

/** A transport over the memory server that can also push an event the protocol does not know yet (slash commands). */
function injectable(inner: Transport): Transport & { emit(event: unknown): void } {
  let listener: TransportListener | null = null;
  return {
    open(next) {
      listener = next;
      inner.open(next);
    },
    request: (command) => inner.request(command),
    close: () => inner.close(),
    emit: (event) => listener?.onEvent(event as ServerEvent),
  };
}

describe('createBot: messages and commands', () => {
  function memoryWorld() {
    const server = createReferenceServer({ floodLimit: false });
    // The assistant is a bot (bot: true), so it may register slash commands.
    for (const id of ['ana', 'assistant']) server.upsertUser({ id, name: id, bot: id === 'assistant' });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['assistant'] });
    return server;
  }

  it('hears other people’s messages in onMessage (not its own), direct messages as mentions, and answers commands', async () => {
    const server = memoryWorld();
    const heard: string[] = [];
    const transport = injectable(createMemoryTransport(server, { userId: 'assistant' }));
    const errors: string[] = [];
    const bot = await createBot({
      transport,
      userId: 'assistant',
      commands: [{ name: 'joke', description: 'Tells a joke' }],
      onError: (error) => errors.push(error.message),
      onMessage: async (message, reply) => {
        heard.push(`message:${message.text}`);
        await reply.send(`echo ${message.text}`);
      },
      onMention: (message) => void heard.push(`mention:${message.text}`),
      onCommand: async (invocation, reply) => {
        heard.push(`command:${invocation.name}:${invocation.args}`);
        await reply.stream(['Why did the ', 'chicken…']);
      },
    });
    cleanups.push(() => bot.close());
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'a1', text: 'hello' });
    const direct = server.actAs('ana', { type: 'direct.open', userId: 'assistant' });
    if (!direct.ok) throw direct.error;
    await until(() => bot.client.store.getState().rooms[direct.value.id] !== undefined, 2000, 'the direct room');
    server.actAs('ana', { type: 'message.send', roomId: direct.value.id, clientId: 'a2', text: 'psst' });
    // The bot registered /joke when it connected; Ana runs it and the server delivers command.invoked.
    await until(() => server.actAs('ana', { type: 'command.list' }).ok && JSON.stringify(server.actAs('ana', { type: 'command.list' })).includes('joke'), 2000, '/joke registered');
    const invoked = server.actAs('ana', { type: 'command.invoke', roomId: 'general', name: 'joke', args: 'short' });
    if (!invoked.ok) throw invoked.error;
    await until(() => heard.length === 3, 2000, 'three handlers');
    await bot.idle();
    expect(heard.sort()).toEqual(['command:joke:short', 'mention:psst', 'message:hello']);
    const history = server.actAs('ana', { type: 'message.history', roomId: 'general' });
    if (!history.ok) throw history.error;
    expect(history.value.messages.map((m) => [m.authorId, m.text, m.streaming?.state])).toEqual([
      ['ana', 'hello', undefined],
      ['assistant', 'echo hello', undefined],
      ['assistant', 'Why did the chicken…', 'complete'],
    ]);
    expect(history.value.messages[2]?.streaming?.requestedBy).toBe('ana');
    expect(errors).toEqual([]);
  });

  it('ends the message as stopped, keeping its text, when the source throws, and rejects with the cause', async () => {
    const server = memoryWorld();
    const bot = await createBot({ transport: createMemoryTransport(server, { userId: 'assistant' }), userId: 'assistant' });
    cleanups.push(() => bot.close());
    const failing = (async function* () {
      yield 'Half an answer';
      throw new Error('model overloaded');
    })();
    await expect(bot.reply({ roomId: 'general', requestedBy: 'ana' }).stream(failing)).rejects.toMatchObject({ message: /model overloaded/ });
    const history = server.actAs('ana', { type: 'message.history', roomId: 'general' });
    if (!history.ok) throw history.error;
    expect(history.value.messages.map((m) => [m.text, m.streaming?.state])).toEqual([['Half an answer', 'stopped']]);
  });
});

describe('createBot: reconnects', () => {
  it('answers what was said to it while its connection was down, once, after it reconnects', async () => {
    const server = createReferenceServer({ floodLimit: false });
    for (const id of ['ana', 'assistant']) server.upsertUser({ id, name: id });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['assistant'] });
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'old', text: 'before the bot started @assistant', mentions: ['assistant'] });
    const transport = createMemoryTransport(server, { userId: 'assistant' });
    const heard: string[] = [];
    const bot = await createBot({ transport, userId: 'assistant', onMention: (message, reply) => (heard.push(message.text), reply.send(`re: ${message.text}`)) });
    cleanups.push(() => bot.close());
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'live', text: 'live @assistant', mentions: ['assistant'] });
    await until(() => heard.length === 1, 2000, 'the live mention');
    transport.setOnline(false);
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'away1', text: 'while away @assistant', mentions: ['assistant'] });
    server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'away2', text: 'still away @assistant', mentions: ['assistant'] });
    transport.setOnline(true);
    await until(() => heard.length === 3, 2000, 'the missed mentions');
    await bot.idle();
    await sleep(50);
    // Each once, and nothing from before the bot started.
    expect(heard).toEqual(['live @assistant', 'while away @assistant', 'still away @assistant']);
  });
});

describe('createBot: close', () => {
  it('ends an answer still being written as stopped, keeping its text, before it disconnects', async () => {
    const server = createReferenceServer({ floodLimit: false });
    for (const id of ['ana', 'assistant']) server.upsertUser({ id, name: id });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['assistant'] });
    const bot = await createBot({ transport: createMemoryTransport(server, { userId: 'assistant' }), userId: 'assistant', onError: () => {} });
    void bot.reply({ roomId: 'general', requestedBy: 'ana' }).stream(words('on and on '.repeat(100), 5)).catch(() => {});
    await until(() => {
      const page = server.actAs('ana', { type: 'message.history', roomId: 'general' });
      return page.ok && (page.value.messages[0]?.text.length ?? 0) > 10;
    }, 3000, 'some text');
    await bot.close();
    const page = server.actAs('ana', { type: 'message.history', roomId: 'general' });
    if (!page.ok) throw page.error;
    expect(page.value.messages[0]?.streaming?.state).toBe('stopped');
    expect(page.value.messages[0]?.text.startsWith('on and on')).toBe(true);
  });
});
