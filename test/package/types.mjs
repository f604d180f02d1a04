// The published declarations, as a user's TypeScript meets them: a consumer file imports every
// entry by name (through package.json's exports, as from node_modules) and is typechecked under
// `moduleResolution` bundler, node16 and nodenext, as an ES module and (node16, nodenext) as
// CommonJS, with `skipLibCheck` on as most projects have it. Each file holds `@ts-expect-error`
// lines that only hold if the types are real: were an import unresolved, its names would be
// `any`, the expected errors would vanish, and tsc would fail with "Unused '@ts-expect-error'".
// Run after `npm run build` (scripts/types.mjs). Prints `types: N of N checks passed`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** TypeScript as users have it today (5.9), and the native compiler (7) our build uses. */
const compilers = { 'typescript 5.9': join(root, 'node_modules/typescript/bin/tsc'), 'typescript 7': join(root, 'node_modules/typescript-native/bin/tsc') };

const consumer = `
import { ChatProvider, useMessages } from 'confab-chat';
import { Chat, Composer, type EmojiSource } from 'confab-chat/ui';
import { emojiMart } from 'confab-chat/emoji-mart';
import { createChatClient, selectMessages, type ChatClient } from 'confab-chat/core';
import { ChatError, DEFAULT_LIMITS, type Message } from 'confab-chat/protocol';
import { createReferenceServer } from 'confab-chat/server';
import { createMemoryTransport } from 'confab-chat/transports/memory';
import { createWebSocketTransport } from 'confab-chat/transports/websocket';
import { createTestChat } from 'confab-chat/testing';
import { createHost } from 'confab-chat/host';
import { createBot, type BotReply } from 'confab-chat/bot';

const server = createReferenceServer();
const client: ChatClient = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
const texts: string[] = selectMessages(client.store.getState(), 'general').map((message: Message) => message.text);
const limit: number = DEFAULT_LIMITS.maxTextBytes;
const emoji: EmojiSource = emojiMart;
export const replyStream = (reply: BotReply) => reply.stream(['Hel', 'lo']);
export const used = [ChatProvider, useMessages, Chat, Composer, ChatError, createWebSocketTransport, createTestChat, createHost, createBot, texts, limit, emoji];

// Each line below is an error only while the names are typed (not \`any\`).
// @ts-expect-error Chat is a component, not a number
export const chatIsNotANumber: number = Chat;
// @ts-expect-error Composer needs a roomId
export const composerNeedsARoom = Composer({});
// @ts-expect-error useMessages takes a room id string
export const roomIdIsAString = () => useMessages(42);
// @ts-expect-error createChatClient needs a transport
export const clientNeedsATransport = createChatClient({});
// @ts-expect-error createHost's options are an object
export const hostTakesOptions = createHost(1);
// @ts-expect-error createTestChat does not return a string
export const testChatIsNotAString: string = createTestChat();
// @ts-expect-error Chat's emoji option is an EmojiSource, such as emojiMart
export const emojiIsASource = Chat({ emoji: 'emoji-mart' });
// @ts-expect-error createBot needs a userId
export const botNeedsAUser = createBot({ url: 'ws://127.0.0.1:8787/ws', token: 't' });
// @ts-expect-error the memory transport wants a server
export const transportWantsAServer = createMemoryTransport('server', { userId: 'ana' });
`;

const setups = [
  { name: 'bundler, ES module', module: 'esnext', resolution: 'bundler', file: 'consumer.ts' },
  { name: 'node16, ES module', module: 'node16', resolution: 'node16', file: 'consumer.mts' },
  { name: 'node16, CommonJS', module: 'node16', resolution: 'node16', file: 'consumer.cts' },
  { name: 'nodenext, ES module', module: 'nodenext', resolution: 'nodenext', file: 'consumer.mts' },
  { name: 'nodenext, CommonJS', module: 'nodenext', resolution: 'nodenext', file: 'consumer.cts' },
];

let passed = 0;
let failed = 0;
// Inside the package, so that `confab/…` resolves to this package through its exports map.
const dir = mkdtempSync(join(root, 'test/package/.types-'));
try {
  for (const [compiler, tsc] of Object.entries(compilers)) {
    console.log(`${compiler}:`);
    for (const setup of setups) {
      const project = join(dir, `${compiler.replace(/\W/g, '')}-${setup.name.replace(/\W+/g, '-')}`);
      const tsconfig = `${project}.json`;
      const file = `${project}-${setup.file}`;
      writeFileSync(file, consumer);
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: { module: setup.module, moduleResolution: setup.resolution, target: 'es2022', lib: ['es2023', 'dom'], strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
          files: [file],
        }),
      );
      try {
        execFileSync(process.execPath, [tsc, '-p', tsconfig], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
        passed++;
        console.log(`  ok   ${setup.name}`);
      } catch (error) {
        failed++;
        console.log(`  FAIL ${setup.name}:\n${String(error.stdout || error.message).replaceAll(dir, '.').trim()}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`types: ${passed} of ${passed + failed} checks passed`);
recordCounts('package-types', passed, failed);
process.exitCode = failed === 0 ? 0 : 1;
