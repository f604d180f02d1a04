// The playground's Assistant: a bot built with the bot kit (`confab-chat/bot`) exactly as one
// would be on a server, but connected to the page's reference server through the memory
// transport. It answers mentions and direct messages by streaming scripted text in small pieces
// (no model runs here); the README shows how to pipe a real model's token stream instead.
import { createBot, type Bot } from 'confab-chat/bot';
import type { ReferenceServer } from 'confab-chat/server';
import { createMemoryTransport } from 'confab-chat/transports/memory';
import { avatarUrl } from './avatars';

export const ASSISTANT = { id: 'assistant', name: 'Assistant', avatar: { initials: 'AI', color: 4, pattern: 'dots' as const } };

/** Where the Assistant's delays come from (tests pass tiny ones). */
export interface AssistantOptions {
  server: ReferenceServer;
  /** Everyone who gets a direct conversation with the Assistant. */
  people: readonly { id: string }[];
  /** Milliseconds between two pieces, at random in this range. Default 30–110 ms: a model's pace. */
  pieceDelayMs?: readonly [number, number];
  /** Before the first piece ("thinking"). Default 700 ms. */
  thinkingMs?: number;
  /** Make a `blob:` avatar. Default true where the page can. */
  avatar?: boolean;
}

const CODE_ANSWER = [
  'Here is a small example of streaming a reply with the bot kit:',
  '',
  '```ts',
  "import { createBot } from 'confab-chat/bot';",
  '',
  'const bot = await createBot({',
  "  url: 'ws://127.0.0.1:8787/ws',",
  '  adminKey: process.env.CONFAB_ADMIN_KEY,',
  "  userId: 'assistant',",
  '  onMention: (message, reply) => reply.stream(model.stream(message.text)),',
  '});',
  '```',
  '',
  'Any async iterable of strings works: an OpenAI or Anthropic stream, an async generator, a fetch body.',
].join('\n');

const STREAMING_ANSWER =
  'Streaming works in three steps. **First** I send an empty message marked *generating*, so you see me thinking at once. ' +
  '**Then** I append small pieces; the server merges them into the stored text, so anyone who opens the room now sees the text so far, ' +
  'and a reconnect loses nothing. **Finally** I finish it, and it becomes a normal message: not marked edited. ' +
  'You can press **Stop** while I write, and I stop right there.';

const LONG_ANSWER = Array.from(
  { length: 6 },
  (_, index) =>
    `${index + 1}. ${['Open two viewers side by side', 'Ask me something in #general with @Assistant', 'Watch the answer grow in both', 'Press Stop in the one that asked', 'Switch rooms and come back', 'Reload: the text so far is still there'][index]}.`,
).join('\n');

/**
 * What the Assistant says to a question: scripted, chosen by a few keywords.
 *
 * @example
 * scriptedAnswer('show me some code'); // a code block
 */
export function scriptedAnswer(question: string): string {
  const asked = question.toLowerCase();
  if (/\b(code|example|snippet|typescript|ts)\b/.test(asked)) return CODE_ANSWER;
  if (/\b(stream|streaming|how|work)/.test(asked)) return STREAMING_ANSWER;
  if (/\b(try|demo|steps|list|what can)/.test(asked)) return `Here is something to try:\n${LONG_ANSWER}`;
  return `Good question! I am a scripted assistant: ask me for **code**, how **streaming** works, or what to **try**. ${STREAMING_ANSWER}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The text in pieces of one to three words, with a model-like pause before each: an async
 * iterable of strings, like a model's token stream. Stops early when `signal` aborts.
 *
 * @example
 * for await (const piece of pieces('Hello there', [10, 20], 0)) console.log(piece);
 */
export async function* pieces(text: string, delayMs: readonly [number, number], thinkingMs: number, signal?: AbortSignal): AsyncGenerator<string> {
  await sleep(thinkingMs);
  const words = text.split(/(?<=\s)/);
  for (let index = 0; index < words.length && !signal?.aborted; ) {
    const take = 1 + Math.floor(Math.random() * 3);
    await sleep(delayMs[0] + Math.random() * (delayMs[1] - delayMs[0]));
    yield words.slice(index, index + take).join('');
    index += take;
  }
}

/**
 * Adds the Assistant to the world (a member of #general, a direct conversation with everyone,
 * with a hello) and connects it as a bot.
 *
 * @example
 * const assistant = await startAssistant({ server: world.server, people: world.people });
 * await assistant.close();
 */
export async function startAssistant(options: AssistantOptions): Promise<Bot> {
  const { server } = options;
  const delay = options.pieceDelayMs ?? [30, 110];
  const thinkingMs = options.thinkingMs ?? 700;
  const url = (options.avatar ?? typeof URL.createObjectURL === 'function') ? avatarUrl(ASSISTANT.avatar) : undefined;
  server.upsertUser({ id: ASSISTANT.id, name: ASSISTANT.name, ...(url ? { avatarUrl: url } : {}) });
  if (server.getRoom('general')) server.actAs(ASSISTANT.id, { type: 'room.join', roomId: 'general' });
  for (const person of options.people) {
    const opened = server.actAs(ASSISTANT.id, { type: 'direct.open', userId: person.id });
    if (opened.ok && opened.value.lastSequence === 0) {
      server.actAs(ASSISTANT.id, {
        type: 'message.send',
        roomId: opened.value.id,
        clientId: `hello_${person.id}`,
        text: 'Hi! I am the Assistant. Ask me for some code, how streaming works, or what to try, and watch my answer being written.',
      });
    }
  }
  return createBot({
    transport: createMemoryTransport(server, { userId: ASSISTANT.id }),
    userId: ASSISTANT.id,
    onMention: (message, reply) => reply.stream((signal) => pieces(scriptedAnswer(message.text), delay, thinkingMs, signal)),
    onError: (error) => console.warn(`[playground assistant] ${error.message}`),
  });
}
