import type { SendMessageInput } from '../core';
import type { Message } from '../protocol';
import { sourceFailure, StreamWriter, type StreamLink, type StreamTarget } from './streamWriter';

/**
 * Text a reply streams: any async iterable of strings (a model's token stream, an async
 * generator), a plain iterable, or a function of an AbortSignal that returns one; the signal is
 * aborted when the person who asked presses Stop, so it can cancel the model's request too.
 *
 * @example
 * const source: ReplySource = (signal) => model.stream(prompt, { signal });
 */
export type ReplySource = AsyncIterable<string> | Iterable<string> | ((signal: AbortSignal) => AsyncIterable<string> | Iterable<string>);

/**
 * How a bot answers a message or a command: in the same room (and thread), addressed to the
 * person who asked.
 *
 * @example
 * onMention: async (message, reply) => {
 *   await reply.stream(model.stream(message.text)); // grows in front of everyone; Stop ends it
 * }
 */
export interface BotReply {
  readonly roomId: string;
  /** The thread the reply goes in, when the question was in one. */
  readonly parentId?: string;
  /** The person whose message or command this answers (they may stop its streams). */
  readonly requestedBy?: string;
  /** Sends one whole message. */
  send(text: string, input?: Omit<SendMessageInput, 'text' | 'parentId'>): Promise<Message>;
  /**
   * Streams a message from `source`: it appears at once as "generating", grows piece by piece, and
   * ends as a normal message. Resolves with the message as it ended (`streaming.state` is
   * `complete`, or `stopped` when the requester pressed Stop: the source is then abandoned and
   * its signal aborted). A source that throws ends the message as stopped, keeping what was
   * written, and the promise rejects.
   */
  stream(source: ReplySource): Promise<Message>;
}

/**
 * Streams in progress, so that a stop from the server reaches the right one: `add` registers a
 * writer with the controller to abort, and returns how to forget it.
 *
 * @example
 * const active: ActiveStreams = { add: (writer, controller) => { streams.set(writer, controller); return () => streams.delete(writer); } };
 */
export interface ActiveStreams {
  add(writer: StreamWriter, controller: AbortController): () => void;
}

const STOPPED = Symbol('stopped');

function iteratorOf(source: AsyncIterable<string> | Iterable<string>): AsyncIterator<string> | Iterator<string> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<string>)[Symbol.asyncIterator]();
  return (source as Iterable<string>)[Symbol.iterator]();
}

/**
 * Streams one reply from a source through a writer; see {@link BotReply.stream}.
 *
 * @example
 * const message = await streamReply(link, { roomId: 'general', requestedBy: 'ana' }, ['Hel', 'lo'], active);
 */
export async function streamReply(link: StreamLink, target: StreamTarget, source: ReplySource, active: ActiveStreams): Promise<Message> {
  const writer = new StreamWriter(link, target);
  const controller = new AbortController();
  const forget = active.add(writer, controller);
  const stopped = new Promise<typeof STOPPED>((resolve) => controller.signal.addEventListener('abort', () => resolve(STOPPED), { once: true }));
  let iterator: AsyncIterator<string> | Iterator<string> | undefined;
  try {
    await writer.begin();
    iterator = iteratorOf(typeof source === 'function' ? source(controller.signal) : source);
    for (;;) {
      const next = await Promise.race([iterator.next(), stopped]);
      if (next === STOPPED || next.done) break;
      writer.write(String(next.value));
    }
  } catch (error) {
    await writer.stop().catch(() => {});
    throw sourceFailure(error);
  } finally {
    // Stopped halfway: let the source clean up (an async generator's finally runs), without waiting for it.
    if (controller.signal.aborted && iterator?.return) void Promise.resolve(iterator.return()).catch(() => {});
    forget();
  }
  return writer.finish();
}
