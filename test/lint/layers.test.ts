import { ESLint } from 'eslint';

// Runs the project's own eslint.config.js over small made-up files at made-up paths, to pin
// the layer directions of docs/architecture.md, as the lint rule `confab/layers` enforces them.
const eslint = new ESLint({ cwd: process.cwd() });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  return (await lint(filePath, code)).filter((m) => m.startsWith('confab/layers') || m.startsWith('parse'));
}

describe('confab/layers: violations are reported', () => {
  it.each([
    ['core importing react', 'src/core/x.ts', "import { useState } from 'react';\nexport const a = useState;\n", /not allowed in 'core'/],
    ['core importing react-dom/client', 'src/core/x.ts', "export { createRoot } from 'react-dom/client';\n", /not allowed in 'core'/],
    ['core importing the server', 'src/core/x.ts', "export { createReferenceServer } from '../server';\n", /Layer 'core' may not import 'server'/],
    ['core importing protocol insides', 'src/core/x.ts', "export type { Message } from '../protocol/entities';\n", /only through its public index: '..\/protocol'/],
    ['server importing core', 'src/server/x.ts', "export * from '../core';\n", /Layer 'server' may not import 'core'/],
    ['protocol importing anything of ours', 'src/protocol/x.ts', "import type { Transport } from '../core';\nexport type T = Transport;\n", /Layer 'protocol' may not import 'core'/],
    ['protocol importing react', 'src/protocol/x.ts', "import 'react';\n", /not allowed in 'protocol'/],
    ['server importing ws', 'src/server/x.ts', "import { WebSocketServer } from 'ws';\nexport const W = WebSocketServer;\n", /not allowed in 'server'/],
    ['server importing a Node built-in', 'src/server/x.ts', "import { randomUUID } from 'node:crypto';\nexport const r = randomUUID;\n", /not allowed in 'server'/],
    ['react importing the server', 'src/react/x.ts', "export { createReferenceServer } from '../server';\n", /Layer 'react' may not import 'server'/],
    ['react importing a transport', 'src/react/x.ts', "export * from '../transports/memory';\n", /Layer 'react' may not import 'transports\/memory'/],
    ['transport importing react', 'src/transports/memory/x.ts', "import { useEffect } from 'react';\nexport const u = useEffect;\n", /not allowed in 'transports\/memory'/],
    ['memory transport importing server code', 'src/transports/memory/x.ts', "import { createReferenceServer } from '../../server';\nexport const c = createReferenceServer;\n", /only types from 'server'/],
    ['one transport importing another', 'src/transports/websocket/x.ts', "export * from '../memory';\n", /may not import 'transports\/memory'/],
    ['ui importing core code', 'src/ui/x.ts', "export { createChatClient } from '../core';\n", /only types from 'core'/],
    ['ui importing emoji-mart (an optional peer)', 'src/ui/x.ts', "export const load = () => import('emoji-mart');\n", /not allowed in 'ui'.*optional peer/],
    ['ui importing emoji-mart data', 'src/ui/x.ts', "export const load = () => import('@emoji-mart/data/i18n/de.json');\n", /not allowed in 'ui'/],
    ['the emoji-mart adapter importing ui code', 'src/emoji-mart/x.ts', "export { Chat } from '../ui';\n", /only types from 'ui'/],
    ['anything importing the widget', 'src/testing/x.ts', "export * from '../widget';\n", /Layer 'testing' may not import 'widget'/],
    ['a dynamic import across layers', 'src/core/x.ts', "export const load = () => import('../server');\n", /Layer 'core' may not import 'server'/],
    ['an import() type across layers', 'src/server/x.ts', "export type C = import('../core').Transport;\n", /Layer 'server' may not import 'core'/],
    ['src importing Confab by package name', 'src/react/x.ts', "export * from 'confab-chat/core';\n", /not as 'confab-chat\/core'/],
    ['a file in no known layer', 'src/misc/x.ts', 'export const a = 1;\n', /in no known layer/],
    ['the playground reaching into src', 'playground/x.tsx', "export * from '../src/core';\n", /public entry name/],
    ['the bot kit importing react', 'src/bot/x.ts', "import { useState } from 'react';\nexport const u = useState;\n", /not allowed in 'bot'/],
    ['the bot kit importing the server', 'src/bot/x.ts', "export * from '../server';\n", /Layer 'bot' may not import 'server'/],
  ])('%s', async (_name, filePath, code, expected) => {
    const errors = await layerErrors(filePath, code);
    expect(errors.join('\n')).toMatch(expected);
  });
});

describe('confab/layers: allowed imports pass', () => {
  it.each([
    ['core importing the protocol index', 'src/core/x.ts', "export type { Message } from '../protocol';\n"],
    ['core importing protocol/index explicitly', 'src/core/x.ts', "export type { Message } from '../protocol/index';\n"],
    ['core importing its own files', 'src/core/x.ts', "export * from './transport';\nexport * from './store/slices/rooms';\n"],
    ['server importing protocol', 'src/server/x.ts', "import { DEFAULT_LIMITS } from '../protocol';\nexport const l = DEFAULT_LIMITS;\n"],
    ['core using zustand and valibot', 'src/core/x.ts', "import { createStore } from 'zustand/vanilla';\nimport * as v from 'valibot';\nexport const a = [createStore, v];\n"],
    ['memory transport: core, protocol, server types', 'src/transports/memory/x.ts', "import type { ReferenceServer } from '../../server';\nimport type { Transport } from '../../core';\nimport { ChatError } from '../../protocol';\nexport type A = [ReferenceServer, Transport];\nexport const e = ChatError;\n"],
    ['react importing core, protocol and react', 'src/react/x.ts', "import { useSyncExternalStore } from 'react';\nimport { createChatClient } from '../core';\nimport type { Message } from '../protocol';\nexport const a = [useSyncExternalStore, createChatClient];\nexport type M = Message;\n"],
    ['ui importing react and core types', 'src/ui/x.ts', "import type { ChatClient } from '../core';\nexport * from '../react';\nexport type C = ChatClient;\n"],
    ['the emoji-mart adapter: emoji-mart and ui types', 'src/emoji-mart/x.ts', "import type { EmojiSource } from '../ui';\nexport const load = () => import('emoji-mart');\nexport type S = EmojiSource;\n"],
    ['widget importing everything below it', 'src/widget/x.ts', "export * from '../ui';\nexport * from '../transports/memory';\nexport * from '../server';\n"],
    ['the bot kit: core, the websocket transport, admin', 'src/bot/x.ts', "export * from '../core';\nexport * from '../transports/websocket';\nexport * from '../admin';\n"],
    ['testing importing memory transport, server, react', 'src/testing/x.ts', "export * from '../transports/memory';\nexport * from '../server';\nexport * from '../react';\n"],
    ['the playground importing Confab by name', 'playground/x.tsx', "export * from 'confab-chat';\nexport * from 'confab-chat/core';\n"],
    ['tests importing internals', 'test/x.test.ts', "export * from '../src/core/transport';\n"],
  ])('%s', async (_name, filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});

describe('safety rules', () => {
  it.each([
    ['dangerouslySetInnerHTML', 'src/ui/x.tsx', "export const A = (p: { h: string }) => <div dangerouslySetInnerHTML={{ __html: p.h }} />;\n", /No dangerouslySetInnerHTML/],
    ['innerHTML assignment', 'src/ui/x.ts', "export function f(el: HTMLElement, s: string) { el.innerHTML = s; }\n", /No \.innerHTML/],
    ['eval', 'src/core/x.ts', "export const f = (s: string) => eval(s);\n", /no-eval/],
    ['new Function', 'src/core/x.ts', "export const f = (s: string) => new Function(s);\n", /new Function|no-new-func/],
  ])('%s is reported', async (_name, filePath, code, expected) => {
    expect((await lint(filePath, code)).join('\n')).toMatch(expected);
  });

  it('rules of hooks apply in src/react', async () => {
    const code = "import { useState } from 'react';\nexport function useX(c: boolean) { if (c) { useState(0); } }\n";
    expect((await lint('src/react/x.ts', code)).join('\n')).toMatch(/react-hooks\/rules-of-hooks/);
  });
});
