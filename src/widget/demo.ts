import type { ServerEvent } from '../protocol';
import { createReferenceServer, type ReferenceServer, type ServerSession } from '../server';
import { DEMO_ROOM } from './options';

/** The simulated person of demo mode: an assistant that answers by streaming. */
export const DEMO_AGENT = { id: 'assistant', name: 'Assistant' } as const;

const GREETING = "Hi! I'm the Assistant, a simulated person in this demo. Nothing leaves your browser: the server runs in this page. Say something and watch my answer being written.";

/** Milliseconds between two pieces of a streamed answer, and words per piece: about a model's pace. */
const PIECE_MS = 70;
const WORDS_PER_PIECE = 2;

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
 * Starts the in-page reference server with the visitor and one simulated assistant, who greets them
 * and answers each message: a read receipt, then a reply streamed a couple of words at a time (the
 * visitor may stop it).
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
    const question = text.trim().endsWith('?');
    const reply = (question ? ANSWERS[0] : ANSWERS[1 + (answered++ % (ANSWERS.length - 1))]) ?? 'OK!';
    // The answer streams: an empty message "thinking" at once, then a couple of words at a time, then finished.
    later(700, () => {
      const started = session?.handle({ type: 'message.send', roomId, clientId: `demo-reply-${++replyCount}`, text: '', streaming: { requestedBy: event.message.authorId } });
      if (!started?.ok) return;
      const messageId = started.value.id;
      const words = reply.split(/(?<=\s)/);
      let offset = 0;
      for (let index = 0, step = 1; index < words.length; index += WORDS_PER_PIECE, step++) {
        const piece = words.slice(index, index + WORDS_PER_PIECE).join('');
        later(600 + step * PIECE_MS, () => {
          const appended = session?.handle({ type: 'message.append', roomId, messageId, offset, piece });
          // Stopped by the visitor (or gone): the rest is not written.
          if (appended?.ok) offset = appended.value.length;
        });
      }
      later(600 + (Math.ceil(words.length / WORDS_PER_PIECE) + 1) * PIECE_MS, () => act({ type: 'message.finish', roomId, messageId }));
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
