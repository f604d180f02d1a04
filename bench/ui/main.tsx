/* global document, window, location, requestAnimationFrame, MessageChannel, PerformanceObserver -- a browser page */
// The page `npm run bench:ui` drives. `?list=ours|bare&count=N&mode=load|incoming`:
//
// - ours: Confab's <MessageList> on the in-memory reference server (through confab/testing);
// - bare: a plain react-virtuoso list of the same messages (the rows the server seeded), rows of
//   avatar initials, name, time and text;
// - load: time from render() to the first frame painted with the newest message in the list;
// - incoming: after loading, 200 messages from someone else arrive 20 ms apart; for each, the time
//   from the event (the server accepting it, or the bare list's append) to the frame that paints its row.
//
// The result lands in `window.__benchResult` for the Node side.
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Virtuoso } from 'react-virtuoso';
import type { Message } from 'confab-chat';
import { createTestChat, sampleText, TestChatProvider, type TestChat } from 'confab-chat/testing';
import { MessageList } from 'confab-chat/ui';
import 'confab-chat/styles.css';

interface BenchResult {
  list: string;
  count: number;
  mode: string;
  loadMs: number;
  latencies: number[];
  missed: number;
  longTasks: { count: number; totalMs: number; maxMs: number };
}

declare global {
  interface Window {
    __benchResult?: BenchResult | { error: string };
    __go?: () => void;
  }
}

const params = new URLSearchParams(location.search);
const list = params.get('list') === 'bare' ? 'bare' : 'ours';
const count = Number(params.get('count') ?? 1000);
const mode = params.get('mode') === 'incoming' ? 'incoming' : 'load';
const INCOMING = 200;
const INCOMING_EVERY_MS = 20;

const longTasks: PerformanceEntry[] = [];
try {
  new PerformanceObserver((entries) => longTasks.push(...entries.getEntries())).observe({ type: 'longtask', buffered: true });
} catch {
  // No long task timing in this browser: reported as zero.
}

/** Resolves after the frame that follows now has painted (rAF, then a task after it). */
function afterPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

/** Resolves with the time the frame that first shows `[data-sequence=sequence]` has painted. */
function paintedRow(sequence: number, timeoutMs = 5_000): Promise<number | null> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = () => {
      if (document.querySelector(`[data-sequence="${sequence}"]`)) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      } else if (performance.now() > deadline) resolve(null);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** The world both lists show: the fixture people, `count` messages spread over past days, all read. */
function buildWorld(): { chat: TestChat; messages: Message[] } {
  let pinned: number | null = null;
  const chat = createTestChat({ server: { now: () => pinned ?? Date.now() } });
  const start = Date.now() - 60_000 - count * 5 * 60_000;
  const messages = chat.seedMessages('general', count, {
    text: (index) => {
      pinned = start + index * 5 * 60_000;
      return sampleText(index);
    },
  });
  pinned = null;
  chat.server.actAs('ana', { type: 'cursor.set', roomId: 'general', sequence: count });
  return { chat, messages };
}

const NAMES: Record<string, string> = { ana: 'Ana Lima', bo: 'Bo Svensson', chen: 'Chen Wei', dara: 'Dara Okafor', eli: 'Eli Novak' };
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

function BareRow({ message }: { message: Message }): ReactNode {
  const name = NAMES[message.authorId] ?? message.authorId;
  return (
    <div data-sequence={message.sequence} style={{ display: 'flex', gap: 8, padding: '4px 16px', font: '14px/1.45 system-ui, sans-serif' }}>
      <span style={{ width: 32, height: 32, borderRadius: 16, background: '#5b6470', color: '#fff', display: 'grid', placeItems: 'center', flex: 'none' }}>
        {name.slice(0, 1)}
      </span>
      <div>
        <div>
          <strong>{name}</strong> <time style={{ color: '#5b6470', fontSize: 12 }}>{timeFormat.format(message.createdAt)}</time>
        </div>
        <div>{message.text}</div>
      </div>
    </div>
  );
}

/** The bare list: react-virtuoso over an array held in state; `window.__append` adds one message. */
function BareList({ initial, onAppend }: { initial: Message[]; onAppend: (append: (message: Message) => void) => void }): ReactNode {
  const [messages, setMessages] = useState(initial);
  useEffect(() => onAppend((message) => setMessages((previous) => [...previous, message])), [onAppend]);
  return (
    <Virtuoso
      style={{ height: '100%' }}
      data={messages}
      computeItemKey={(_index, message) => message.id}
      initialTopMostItemIndex={{ index: initial.length - 1, align: 'end' }}
      // The reader never scrolls in the bench: the bare list always follows new rows (with
      // "only at the bottom" it lost the bottom after a few fast appends and stopped following).
      followOutput={() => 'auto'}
      itemContent={(_index, message) => <BareRow message={message} />}
    />
  );
}

async function run(): Promise<BenchResult> {
  const { chat, messages } = buildWorld();
  const appender: { current: ((message: Message) => void) | null } = { current: null };
  const onAppend = (next: (message: Message) => void) => {
    appender.current = next;
  };
  const root = createRoot(document.getElementById('root') as HTMLElement);
  await afterPaint();
  // bench/ui.profile.mjs starts its profiler here, then lets the page go on.
  if (params.has('hold')) await new Promise<void>((resolve) => (window.__go = resolve));

  const started = performance.now();
  performance.mark('bench:render');
  root.render(
    <StrictMode>
      {list === 'ours' ? (
        <TestChatProvider chat={chat} userId="ana">
          <div className="confab-root" data-theme="light" style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
            <MessageList roomId="general" />
          </div>
        </TestChatProvider>
      ) : (
        <BareList initial={messages} onAppend={onAppend} />
      )}
    </StrictMode>,
  );
  const painted = await paintedRow(count, 20_000);
  if (painted === null) throw new Error(`the newest message (#${count}) was never painted`);
  const loadMs = painted - started;

  const latencies: number[] = [];
  let missed = 0;
  if (mode === 'incoming') {
    // Let the list settle at the bottom first.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const waits: Promise<void>[] = [];
    for (let index = 0; index < INCOMING; index++) {
      const sequence = count + index + 1;
      const text = `Incoming ${index + 1}: ${sampleText(index)}`;
      const at = performance.now();
      const seen = paintedRow(sequence);
      if (list === 'ours') chat.say('bo', 'general', text);
      else {
        const message = chat.say('bo', 'general', text);
        appender.current?.(message);
      }
      waits.push(
        seen.then((time) => {
          if (time === null) missed++;
          else latencies.push(time - at);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, INCOMING_EVERY_MS));
    }
    await Promise.all(waits);
  }

  // Long tasks from render() on (building the world before it is not the list's work).
  const durations = longTasks.filter((task) => task.startTime + task.duration >= started).map((task) => task.duration);
  return {
    list,
    count,
    mode,
    loadMs,
    latencies,
    missed,
    longTasks: { count: durations.length, totalMs: durations.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...durations) },
  };
}

run().then(
  (result) => {
    window.__benchResult = result;
  },
  (error: unknown) => {
    window.__benchResult = { error: error instanceof Error ? error.message : String(error) };
  },
);
