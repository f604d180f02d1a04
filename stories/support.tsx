// Story support: every story runs on its own in-memory reference server (a "world" from
// `createTestChat`), signed in as one person through `TestChatProvider`. Worlds are built once per
// story mount; other people are driven by scenarios (typing, reading, sending) that clean up after
// themselves. Imports Confab by its public names only, as a user would.
import type { Decorator } from '@storybook/react-vite';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ChatClient, Message } from 'confab-chat';
import type { Command } from 'confab-chat/protocol';
import { createTestChat, sampleText, TestChatProvider, type TestChat, type TestChatOptions } from 'confab-chat/testing';
import { Chat } from 'confab-chat/ui';

/** A settable clock for the world's server, so seeded history can be spread over past days. */
export interface WorldClock {
  now(): number;
  /** Pins the clock to a time; `null` goes back to the real clock. */
  set(at: number | null): void;
}

export function createClock(): WorldClock {
  let pinned: number | null = null;
  return {
    now: () => pinned ?? Date.now(),
    set: (at) => {
      pinned = at;
    },
  };
}

/** A chat world for a story: the test chat, its clock, and ids the setup noted for the story (server-made ids). */
export interface World {
  chat: TestChat;
  clock: WorldClock;
  ids: Record<string, string>;
}

const WorldContext = createContext<World | null>(null);

/** The world of the story being rendered. */
export function useWorld(): World {
  const world = useContext(WorldContext);
  if (!world) throw new Error('useWorld: the story has no world; add the withWorld() decorator.');
  return world;
}

export interface WorldOptions extends Omit<TestChatOptions, 'messages'> {
  /** Who is signed in. Default `ana`. */
  userId?: string;
  /** Seeds the world before anyone connects (synchronously). */
  setup?: (world: World) => void;
  /** Runs once the story is mounted, e.g. other people typing; may return a cleanup. */
  scenario?: (world: World) => (() => void) | void;
}

/** Options of {@link seedHistory}. */
export interface HistoryOptions {
  /** Time between two messages. Default 7 minutes. */
  spacingMs?: number;
  /** Who writes, in turn. Default everyone in the room, in turn. */
  authorIds?: readonly string[];
  /** The i-th message's text. Default a numbered sample sentence. */
  text?: (index: number) => string;
  /** Replies in this message's thread. */
  parentId?: string;
}

/**
 * Seeds `count` messages into a room, spread back in time so the newest is about a minute old:
 * real date separators, groups and times. Fast: 10,000 messages take milliseconds.
 */
export function seedHistory(world: World, roomId: string, count: number, options: HistoryOptions = {}): Message[] {
  const spacing = options.spacingMs ?? 7 * 60_000;
  const start = Date.now() - 60_000 - count * spacing;
  const text = options.text ?? sampleText;
  try {
    return world.chat.seedMessages(roomId, count, {
      ...(options.authorIds ? { authorIds: options.authorIds } : {}),
      ...(options.parentId !== undefined ? { parentId: options.parentId } : {}),
      text: (index) => {
        world.clock.set(start + index * spacing);
        return text(index);
      },
    });
  } finally {
    world.clock.set(null);
  }
}

/** Sends one message as a person at a given time in the past (ms ago). */
export function sayAt(world: World, msAgo: number, userId: string, roomId: string, text: string, extra?: Parameters<TestChat['say']>[3]): Message {
  world.clock.set(Date.now() - msAgo);
  try {
    return world.chat.say(userId, roomId, text, extra);
  } finally {
    world.clock.set(null);
  }
}

/** Moves a person's read cursor in a room (default: to its newest message), as if they had read it. */
export function readUpTo(world: World, userId: string, roomId: string, sequence?: number): void {
  const upTo = sequence ?? world.chat.server.getRoom(roomId)?.lastSequence ?? 0;
  if (upTo === 0) return;
  const outcome = world.chat.server.actAs(userId, { type: 'cursor.set', roomId, sequence: upTo });
  if (!outcome.ok) throw new Error(`readUpTo: ${outcome.error.code}: ${outcome.error.message}`);
}

/** Runs a command as a person straight on the server (reactions, edits, deletes); throws if refused. */
export function act(world: World, userId: string, command: Command): void {
  const outcome = world.chat.server.actAs(userId, command);
  if (!outcome.ok) throw new Error(`act ${command.type}: ${outcome.error.code}: ${outcome.error.message}`);
}

/**
 * A lively room: history over past days, then a recent conversation with formatting, a mention,
 * a link, an emoji-only message, reactions, a quote, a thread, an edit, a deletion and a picture.
 * Ana has read all but the last few messages.
 */
export function seedConversation(world: World, roomId = 'general', historyCount = 120): void {
  seedHistory(world, roomId, historyCount, { spacingMs: 47 * 60_000 });
  const minutes = (n: number) => n * 60_000;
  const plan = sayAt(world, minutes(42), 'bo', roomId, 'Morning! The **release notes** for 2.4 are up: https://example.com/releases/2.4');
  sayAt(world, minutes(41), 'bo', roomId, 'Could someone look at the _migration_ section? It still mentions `--legacy-flag`.');
  const ana = sayAt(world, minutes(38), 'ana', roomId, 'On it. ~~Tomorrow~~ Today before lunch.');
  act(world, 'chen', { type: 'reaction.toggle', roomId, messageId: ana.id, emoji: '🙏' });
  act(world, 'bo', { type: 'reaction.toggle', roomId, messageId: ana.id, emoji: '🙏' });
  act(world, 'dara', { type: 'reaction.toggle', roomId, messageId: ana.id, emoji: '🎉' });
  sayAt(world, minutes(30), 'chen', roomId, 'Here is the config I used:\n```\nmigrate --from 2.3 --to 2.4\n  --dry-run\n```', { quotedId: plan.id });
  const question = sayAt(world, minutes(25), 'dara', roomId, '@Ana Lima do we ship the new composer in this one?', { mentions: ['ana'] });
  world.ids.thread = question.id;
  world.ids.reacted = ana.id;
  sayAt(world, minutes(24), 'ana', roomId, 'Yes — behind a flag for a week.', { parentId: question.id });
  sayAt(world, minutes(23), 'dara', roomId, 'Perfect, thanks!', { parentId: question.id });
  sayAt(world, minutes(22), 'eli', roomId, 'I will write the announcement.', { parentId: question.id });
  const typo = sayAt(world, minutes(20), 'eli', roomId, 'The staging deploy is gren.');
  world.clock.set(Date.now() - minutes(19));
  act(world, 'eli', { type: 'message.edit', roomId, messageId: typo.id, text: 'The staging deploy is green.' });
  world.clock.set(null);
  const oops = sayAt(world, minutes(18), 'bo', roomId, 'wrong room, sorry');
  act(world, 'bo', { type: 'message.delete', roomId, messageId: oops.id });
  sayAt(world, minutes(12), 'chen', roomId, 'Screenshot of the new settings page:', {
    attachments: [{ id: 'att_settings', name: 'settings.png', type: 'image/png', size: 48_213, url: pngBlobUrl('#2f5fd0', 480, 270, 'Settings'), width: 480, height: 270 }],
  });
  readUpTo(world, 'ana', roomId);
  readUpTo(world, 'bo', roomId);
  readUpTo(world, 'chen', roomId);
  sayAt(world, minutes(4), 'dara', roomId, '🎉🎉🎉');
  sayAt(world, minutes(3), 'bo', roomId, 'Nice work everyone. Retro at 4pm?');
}

/** Builds a world: the fixture people and rooms (or the given ones) on a server with a settable clock. */
export function createWorld(options: WorldOptions = {}): World {
  const { userId: _userId, setup, scenario: _scenario, server, ...chatOptions } = options;
  const clock = createClock();
  const chat = createTestChat({ ...chatOptions, server: { ...server, now: clock.now } });
  const world: World = { chat, clock, ids: {} };
  setup?.(world);
  return world;
}

/**
 * Renders its children signed in to a world built once for this mount, and runs the scenario
 * while mounted.
 */
export function WorldProvider({ options = {}, children }: { options?: WorldOptions; children?: ReactNode }): ReactNode {
  const [world] = useState(() => createWorld(options));
  const scenario = options.scenario;
  useEffect(() => scenario?.(world) ?? undefined, [world, scenario]);
  return (
    <WorldContext.Provider value={world}>
      <TestChatProvider chat={world.chat} userId={options.userId ?? 'ana'}>
        {children}
      </TestChatProvider>
    </WorldContext.Provider>
  );
}

/**
 * A decorator giving a story its own world.
 *
 * @example
 * export const Empty: Story = { decorators: [withWorld({ setup: (world) => seedHistory(world, 'general', 20) })] };
 */
export function withWorld(options: WorldOptions = {}): Decorator {
  return function WorldDecorator(Story) {
    return (
      <WorldProvider options={options}>
        <Story />
      </WorldProvider>
    );
  };
}

/**
 * What a feature's stories share when they show the whole chat in #general: a world made by
 * `world` (its setup and scenario) and the chat filling the canvas. A story of one part of it
 * sets {@link PADDED}.
 *
 * @example
 * const meta = { title: 'Polls', ...chatInGeneral({ setup, scenario: liveVotes }) } satisfies Meta<typeof Chat>;
 */
export function chatInGeneral(world: WorldOptions) {
  return {
    component: Chat,
    decorators: [withWorld(world)],
    parameters: { confab: { layout: 'fill' as const } },
    args: { defaultRoomId: 'general' },
  };
}

/** Parameters of a story of one part (a card, a form): padded, rather than the whole canvas. */
export const PADDED = { confab: { layout: 'padded' as const } };

/**
 * Connects other people for a scenario and closes them on cleanup. `run` gets their clients once
 * connected; whatever it returns is called on cleanup too.
 */
export function withPeople(world: World, userIds: readonly string[], run: (clients: Record<string, ChatClient>) => (() => void) | void): () => void {
  let stopped = false;
  let cleanup: (() => void) | void;
  const clients: ChatClient[] = [];
  void Promise.all(
    userIds.map(async (userId) => {
      const client = world.chat.client(userId, { typingThrottleMs: 0 });
      clients.push(client);
      await client.connect();
      return [userId, client] as const;
    }),
  ).then((entries) => {
    if (!stopped) cleanup = run(Object.fromEntries(entries));
  });
  return () => {
    stopped = true;
    cleanup?.();
    for (const client of clients) client.close();
  };
}

/** Keeps people typing in a room (typing notices expire, so they are renewed). */
export function keepTyping(world: World, roomId: string, userIds: readonly string[]): () => void {
  return withPeople(world, userIds, (clients) => {
    const notify = () => {
      for (const client of Object.values(clients)) client.notifyTyping(roomId);
    };
    notify();
    const timer = setInterval(notify, 2_000);
    return () => clearInterval(timer);
  });
}

/** Hostile strings: each must render as inert text. */
export const hostile = {
  script: '<script>window.__confabPwned = true</script>',
  img: '<img src=x onerror="window.__confabPwned = true">',
  javascriptLink: 'javascript:window.__confabPwned=true',
  dataLink: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  rtlOverride: 'invoice\u202Egnp.exe',
  combining: `Z${'\u0301\u0300\u0302\u0303\u0308'.repeat(100)}algo`,
  longWord: `${'Supercalifragilistic'.repeat(40)}`,
};

/** A `blob:` URL of a PNG drawn in the page (a gradient with a label): a picture that needs no network. */
export function pngBlobUrl(color: string, width = 96, height = 96, label = ''): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context) {
    const gradient = context.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, color);
    gradient.addColorStop(1, '#f5c26b');
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
    if (label) {
      context.fillStyle = '#ffffff';
      context.font = `600 ${Math.round(height / 8)}px system-ui, sans-serif`;
      context.textAlign = 'center';
      context.fillText(label, width / 2, height / 2);
    }
  }
  return URL.createObjectURL(dataUrlToBlob(canvas.toDataURL('image/png')));
}

function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body = ''] = dataUrl.split(',');
  const type = /data:([^;]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream';
  const bytes = Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
  return new Blob([bytes], { type });
}

/** A `blob:` URL that claims to be a PNG but is not one: the image fails to decode, with no network error. */
export function brokenImageUrl(): string {
  return URL.createObjectURL(new Blob(['not a picture'], { type: 'image/png' }));
}

/** A `blob:` URL of a one-second WAV tone (a real audio file made in the page). */
export function wavBlobUrl(seconds = 1, hz = 440): string {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const buffer = new ArrayBuffer(44 + samples);
  const view = new DataView(buffer);
  const text = (at: number, value: string) => [...value].forEach((char, index) => view.setUint8(at + index, char.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  text(36, 'data');
  view.setUint32(40, samples, true);
  for (let index = 0; index < samples; index++) view.setUint8(44 + index, 128 + Math.round(60 * Math.sin((2 * Math.PI * hz * index) / rate)));
  return URL.createObjectURL(new Blob([buffer], { type: 'audio/wav' }));
}

/** A `blob:` URL of a small SVG file (shown as a file chip, never inline). */
export function svgBlobUrl(): string {
  return URL.createObjectURL(new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="window.__confabPwned=true"><circle r="9"/></svg>'], { type: 'image/svg+xml' }));
}

/** A box of a given size for parts that fill their container (lists, panels). */
export function Frame({ width, height = 560, children, testId }: { width?: number | string; height?: number | string; children?: ReactNode; testId?: string }): ReactNode {
  return (
    <div style={{ width: width ?? '100%', maxWidth: '100%', height, display: 'flex', flexDirection: 'column', border: '1px solid var(--confab-color-border)', borderRadius: 8, overflow: 'hidden' }} data-testid={testId}>
      {children}
    </div>
  );
}

/** Runs an action once per client (StrictMode mounts twice in development; the action must not). */
const doneFor = new WeakMap<object, Set<string>>();
export function once(owner: object, key: string): boolean {
  const done = doneFor.get(owner) ?? new Set<string>();
  doneFor.set(owner, done);
  if (done.has(key)) return false;
  done.add(key);
  return true;
}

/** A PNG `File` drawn in the page, as if picked from the disk. */
export function pngFile(name: string, color = '#2f5fd0'): File {
  return new File([dataUrlToBlob(drawPng(color, 320, 200, name))], name, { type: 'image/png' });
}

function drawPng(color: string, width: number, height: number, label: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context) {
    context.fillStyle = color;
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#ffffff';
    context.font = '600 20px system-ui, sans-serif';
    context.fillText(label, 16, height / 2);
  }
  return canvas.toDataURL('image/png');
}

/** Puts files into the first file input under `root`, as a person picking them would. */
export function pickFiles(root: HTMLElement, files: File[]): void {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('pickFiles: no file input in the story');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Types into the first text area under `root` (React sees an input event). */
export function typeInto(root: HTMLElement, text: string): void {
  const area = root.querySelector<HTMLTextAreaElement>('textarea');
  if (!area) throw new Error('typeInto: no text area in the story');
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, text);
  area.dispatchEvent(new Event('input', { bubbles: true }));
}
