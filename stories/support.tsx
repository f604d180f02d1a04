// Story support: every story runs on its own in-memory reference server (a "world" from
// `createTestChat`), signed in as one person through `TestChatProvider`. Worlds are built once per
// story mount; other people are driven by scenarios (typing, reading, sending) that clean up after
// themselves. Imports Confab by its public names only, as a user would.
import type { Decorator } from '@storybook/react-vite';
import { useEffect, useState, type ReactNode } from 'react';
import type { ChatClient, Message } from 'confab';
import { createTestChat, sampleText, TestChatProvider, type TestChat, type TestChatOptions } from 'confab/testing';

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

/** A chat world for a story: the test chat plus its clock. */
export interface World {
  chat: TestChat;
  clock: WorldClock;
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

/** Builds a world: the fixture people and rooms (or the given ones) on a server with a settable clock. */
export function createWorld(options: WorldOptions = {}): World {
  const { userId: _userId, setup, scenario: _scenario, server, ...chatOptions } = options;
  const clock = createClock();
  const chat = createTestChat({ ...chatOptions, server: { ...server, now: clock.now } });
  const world = { chat, clock };
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
    <TestChatProvider chat={world.chat} userId={options.userId ?? 'ana'}>
      {children}
    </TestChatProvider>
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
