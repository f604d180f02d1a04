import type { ServerEvent } from '../protocol';
import { createReferenceServer, type ReferenceServer, type ServerSession } from '../server';
import { DEMO_ROOM } from './options';

/** The simulated person of demo mode. */
export const DEMO_AGENT = { id: 'sam', name: 'Sam' } as const;

const GREETING = "Hi! I'm Sam, a simulated person in this demo. Nothing leaves your browser: the server runs in this page. Say something and I'll answer.";

const ANSWERS = [
  'Good question. In a real setup your backend signs a token and the widget connects to a Confab host over a WebSocket.',
  'Try the emoji button, a reaction on my message, or dropping an image into the composer.',
  'Close the panel and send yourself nothing: when I answer, the launcher shows an unread badge.',
  'Everything here is keyboard accessible: Tab into the panel, Escape closes it.',
  'The widget lives in a shadow root, so your page styles cannot change it, and its styles cannot touch your page.',
  'Noted! Anything else you would like to try?',
];

/** What demo mode runs: the server, and the simulated person's timers (stopped by `stop`). */
export interface DemoWorld {
  server: ReferenceServer;
  visitorId: string;
  /** Closes the agent's session and cancels every timer. */
  stop(): void;
}

/**
 * Starts the in-page reference server with the visitor and one simulated person, who greets them
 * and answers each message: read receipt, typing, then a reply, a second or two later.
 *
 * @example
 * const world = startDemo({ id: 'you', name: 'You' });
 * const transport = createMemoryTransport(world.server, { userId: world.visitorId });
 * // …
 * world.stop();
 */
export function startDemo(visitor: { id: string; name: string | undefined } | null): DemoWorld {
  const server = createReferenceServer();
  const visitorId = visitor?.id ?? 'you';
  server.upsertUser({ id: visitorId, name: visitor?.name ?? (visitor ? visitor.id : 'You') });
  server.upsertUser({ ...DEMO_AGENT });
  server.createRoom({ id: DEMO_ROOM, name: 'Welcome', kind: 'public', createdBy: DEMO_AGENT.id, memberIds: [visitorId] });
  server.actAs(DEMO_AGENT.id, { type: 'message.send', roomId: DEMO_ROOM, clientId: 'demo-greeting', text: GREETING });

  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;
  let answered = 0;
  let replyCount = 0;

  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) action();
    }, ms);
    timers.add(timer);
  };

  // The server expires typing notices when ticked; nobody else ticks an in-page server.
  const ticker = setInterval(() => server.tick(), 1000);

  let session: ServerSession | null = null;
  const onEvent = (event: ServerEvent) => {
    if (event.type !== 'message.created' || event.message.authorId === DEMO_AGENT.id) return;
    const { roomId, sequence, text } = event.message;
    const act = (command: Parameters<ServerSession['handle']>[0]) => {
      if (session) session.handle(command);
    };
    later(400, () => act({ type: 'cursor.set', roomId, sequence }));
    later(700, () => act({ type: 'typing.start', roomId }));
    const question = text.trim().endsWith('?');
    const reply = question ? ANSWERS[0] : ANSWERS[1 + (answered++ % (ANSWERS.length - 1))];
    later(1600 + Math.min(1200, text.length * 15), () => {
      act({ type: 'typing.stop', roomId });
      act({ type: 'message.send', roomId, clientId: `demo-reply-${++replyCount}`, text: reply ?? 'OK!' });
    });
  };
  session = server.connect(DEMO_AGENT.id, onEvent);

  return {
    server,
    visitorId,
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      session?.close();
      session = null;
    },
  };
}
