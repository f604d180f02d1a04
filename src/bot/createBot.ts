import { createChatClient, lookup, type ChatClient, type Transport } from '../core';
import { ChatError, toChatError, type CommandOf, type CommandType, type Message, type Room, type ServerEvent } from '../protocol';
import { createWebSocketTransport, type WebSocketConstructor } from '../transports/websocket';
import { commandInvocationOf, type BotCommandSpec, type CommandInvocation } from './commands';
import { HeardMessages } from './heard';
import { streamReply, type ActiveStreams, type BotReply } from './reply';
import type { StreamLink, StreamTarget, StreamWriter } from './streamWriter';

/**
 * Options of {@link createBot}. Connect with `url` and a `token` (or an `adminKey`, with which the
 * bot signs its own tokens through the admin API of the same host), or hand it any `transport`.
 *
 * @example
 * const bot = await createBot({
 *   url: 'ws://127.0.0.1:8787/ws', adminKey: process.env.CONFAB_ADMIN_KEY, userId: 'assistant',
 *   onMention: (message, reply) => reply.stream(model.stream(message.text)),
 * });
 */
export interface BotOptions {
  /** The host's socket URL, e.g. `ws://127.0.0.1:8787/ws`. */
  url?: string;
  /** The bot's user id: a bot is a user of the chat, a member of the rooms it talks in. */
  userId: string;
  /** A token for `userId` (signed by your backend), or a function that gives a fresh one per connection. */
  token?: string | (() => string | Promise<string>);
  /** The host's admin key: the bot asks the admin API for its own tokens. Server-side only. */
  adminKey?: string;
  /** Where the admin API is, when not at the socket URL's host (`ws://h:p/ws` → `http://h:p`). */
  adminUrl?: string;
  /** The WebSocket constructor: the global one (Node ≥ 22), or `ws`'s in older Node. */
  WebSocket?: WebSocketConstructor;
  /** Any transport instead of `url` (the memory transport in tests and in-page demos). */
  transport?: Transport;
  /**
   * Every new message from someone else in a room the bot is in, except those addressed to the bot
   * when `onMention` is given.
   */
  onMessage?: (message: Message, reply: BotReply) => unknown;
  /** A message addressed to the bot: it mentions the bot, or it is in a direct conversation with it. */
  onMention?: (message: Message, reply: BotReply) => unknown;
  /** Someone ran one of the bot's `commands`. */
  onCommand?: (invocation: CommandInvocation, reply: BotReply) => unknown;
  /** Slash commands to register (`command.register`) each time the bot connects. */
  commands?: BotCommandSpec[];
  /** Failures no caller awaits: a handler that threw, a command registration refused. Default `console.error`. */
  onError?: (error: ChatError) => void;
}

/**
 * A connected bot.
 *
 * @example
 * const bot = await createBot({ url, token, userId: 'assistant', onMention: (m, reply) => reply.send('Hi!') });
 * await bot.reply({ roomId: 'general' }).send('I am here.');
 * await bot.close();
 */
export interface Bot {
  readonly userId: string;
  /** The bot's chat client, for anything else (rooms, history, reactions). */
  readonly client: ChatClient;
  /** A reply handle for any room (and thread), to speak unprompted; `requestedBy` may stop its streams. */
  reply(target: StreamTarget): BotReply;
  /** Waits until every handler started so far has settled (for tests and graceful shutdown). */
  idle(): Promise<void>;
  /** Ends the answers still being written (as stopped, keeping their text), then disconnects. */
  close(): Promise<void>;
}

/**
 * Whether a message is addressed to the bot: it mentions the bot, or it is in a direct room.
 *
 * @example
 * isAddressedTo(message, 'assistant', room); // true for "@Assistant help" with mentions ['assistant']
 */
export function isAddressedTo(message: Message, botId: string, room: Pick<Room, 'kind'> | undefined): boolean {
  return message.mentions.includes(botId) || room?.kind === 'direct';
}

/**
 * Whether a new message is one a bot should hear: someone else's, and not a server notice.
 *
 * @example
 * isForBot(message, 'assistant'); // false for the bot's own messages
 */
export function isForBot(message: Message, botId: string): boolean {
  return message.authorId !== botId && message.system !== true && message.deletedAt === undefined;
}

/**
 * The admin API's base URL for a socket URL: same host, http(s) for ws(s), no path.
 *
 * @example
 * adminUrlOf('wss://chat.example.com/ws'); // 'https://chat.example.com'
 */
export function adminUrlOf(socketUrl: string): string {
  const url = new URL(socketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.origin;
}

function tokenProviderOf(options: BotOptions): () => string | Promise<string> {
  const { token, adminKey, userId, url } = options;
  if (typeof token === 'function') return token;
  if (typeof token === 'string') return () => token;
  if (adminKey !== undefined && url !== undefined) {
    const adminUrl = options.adminUrl ?? adminUrlOf(url);
    return async () => {
      // Loaded only for an admin key: the admin client's webhook check needs Node's crypto, which a
      // bot in a page (over the memory transport) never loads.
      const { createAdminClient } = await import('../admin');
      return (await createAdminClient({ url: adminUrl, adminKey }).createToken(userId)).token;
    };
  }
  throw new ChatError('invalid', 'createBot needs a token or an adminKey to connect to url.');
}

function transportOf(options: BotOptions): Transport {
  if (options.transport) return options.transport;
  if (options.url === undefined) throw new ChatError('invalid', 'createBot needs a url (the host\'s socket, ws://host:port/ws) or a transport.');
  return createWebSocketTransport({
    url: options.url,
    tokenProvider: tokenProviderOf(options),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });
}

/** Calls `listener` with every event after the client folded it, so the store already knows its room. */
function tapEvents(transport: Transport, listener: (event: ServerEvent) => void, onSession: () => void): Transport {
  return {
    open: (clientListener) =>
      transport.open({
        ...clientListener,
        onSession(snapshot) {
          clientListener.onSession(snapshot);
          onSession();
        },
        onEvent(event) {
          // A command invocation is addressed to the bot alone: the chat client has nothing to fold.
          if (!commandInvocationOf(event)) clientListener.onEvent(event);
          listener(event);
        },
      }),
    request: (command) => transport.request(command),
    close: () => transport.close(),
  };
}

/** How long `close` waits for answers in progress to be ended before it disconnects anyway. */
const CLOSE_GRACE_MS = 2000;

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `bot_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Connects a bot: a user of the chat over the WebSocket transport (or any transport), which hears
 * new messages, mentions and slash commands, and answers by sending or by streaming a reply from
 * any async iterator of text. After a reconnect it asks its rooms for what was said meanwhile (as
 * far back as the server replays, 100 messages a room) and handles each message once. Resolves
 * once the first session is open (and its commands registered).
 *
 * @example
 * import { createBot } from 'confab-chat/bot';
 * const bot = await createBot({
 *   url: 'ws://127.0.0.1:8787/ws',
 *   token: await signToken({ userId: 'assistant', secret, ttlSeconds: 3600 }),
 *   userId: 'assistant',
 *   onMention: (message, reply) => reply.stream(answer(message.text)),
 * });
 */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { userId } = options;
  const reportError = options.onError ?? ((error: ChatError) => console.error(`[confab bot ${userId}] ${error.message}`));
  const running = new Set<Promise<unknown>>();
  const streams = new Map<StreamWriter, AbortController>();
  const active: ActiveStreams = {
    add(writer, controller) {
      streams.set(writer, controller);
      return () => streams.delete(writer);
    },
  };

  const track = (work: () => unknown): void => {
    const promise = Promise.resolve()
      .then(work)
      .catch((error: unknown) => reportError(toChatError(error)))
      .finally(() => running.delete(promise));
    running.add(promise);
  };

  const heard = new HeardMessages();
  let sessions = 0;

  /** After a reconnect: what was said in the bot's rooms while it was away, each message handled once. */
  const catchUp = (): void => {
    for (const { roomId, afterSequence } of heard.resumePoints()) {
      track(async () => {
        const { messages } = await client.request({ type: 'room.resume', roomId, afterSequence });
        for (const message of messages) onMessageCreated(message);
      });
    }
  };

  const onSession = (): void => {
    sessions += 1;
    registerCommands();
    if (sessions > 1) return catchUp();
    for (const room of Object.values(client.store.getState().rooms)) heard.noteRoom(room.id, room.lastSequence);
  };

  const registerCommands = (): void => {
    if (!options.commands || options.commands.length === 0) return;
    // `command.register` belongs to the slash-commands feature; typed here by its contract.
    const command = { type: 'command.register', commands: options.commands } as unknown as CommandOf<CommandType>;
    track(() => client.request(command));
  };

  const transport = tapEvents(transportOf(options), (event) => onEvent(event), onSession);
  const client = createChatClient({ transport, onError: reportError, createClientId: randomId });

  const link: StreamLink = {
    request: (command) => client.request(command),
    whenOnline: () =>
      new Promise<void>((resolve) => {
        if (client.store.getState().connection.state === 'online') return resolve();
        const unsubscribe = client.store.subscribe((state) => {
          if (state.connection.state !== 'online') return;
          unsubscribe();
          resolve();
        });
      }),
    maxTextBytes: () => client.store.getState().limits.maxTextBytes,
    newClientId: randomId,
  };

  const replyTo = (target: StreamTarget): BotReply => ({
    roomId: target.roomId,
    ...(target.parentId !== undefined ? { parentId: target.parentId } : {}),
    ...(target.requestedBy !== undefined ? { requestedBy: target.requestedBy } : {}),
    send: (text, input = {}) => client.sendMessage(target.roomId, { ...input, text, ...(target.parentId !== undefined ? { parentId: target.parentId } : {}) }),
    stream: (source) => streamReply(link, target, source, active),
  });

  function onEvent(event: ServerEvent): void {
    if (event.type === 'message.created') return onMessageCreated(event.message);
    if (event.type === 'room.left') return heard.forgetRoom(event.roomId);
    if (event.type === 'room.joined') return heard.noteRoom(event.room.id, event.room.lastSequence);
    if (event.type === 'message.updated' && event.message.streaming?.state === 'stopped') return onStopped(event.message);
    const invocation = commandInvocationOf(event);
    if (invocation && options.onCommand) {
      const handler = options.onCommand;
      track(() => handler(invocation, replyTo({ roomId: invocation.roomId, requestedBy: invocation.userId })));
    }
  }

  function onMessageCreated(message: Message): void {
    if (!heard.remember(message) || !isForBot(message, userId)) return;
    const room = lookup(client.store.getState().rooms, message.roomId);
    const handler = options.onMention && isAddressedTo(message, userId, room) ? options.onMention : options.onMessage;
    if (!handler) return;
    const reply = replyTo({ roomId: message.roomId, requestedBy: message.authorId, ...(message.parentId !== undefined ? { parentId: message.parentId } : {}) });
    track(() => handler(message, reply));
  }

  function onStopped(message: Message): void {
    for (const [writer, controller] of streams) {
      if (!writer.messageIds.includes(message.id)) continue;
      writer.markStopped(message);
      controller.abort();
    }
  }

  await client.connect();
  return {
    userId,
    client,
    reply: (target) => replyTo(target),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async close() {
      // Answers still being written end as stopped, with their text so far, rather than "generating" forever.
      const ending = [...streams].map(async ([writer, controller]) => {
        await writer.stop().catch(() => {});
        controller.abort();
      });
      await Promise.race([Promise.all(ending), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS))]);
      client.close();
    },
  };
}
