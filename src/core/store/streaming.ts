import type { Message, ServerEventOf } from '../../protocol';
import { lookup, withEntry } from './records';
import type { TimelinesSlice } from './timelines';

/**
 * What folding a `message.appended` piece did: `applied` (the held copy grew), `missed` (the held
 * copy is shorter than the piece's offset: a piece was lost, so the message must be asked for
 * again), or `ignored` (the message is not held, and arrives whole with its page; or the held
 * copy is already past this piece or ended, from a fresher page).
 *
 * @example
 * const { slice, outcome } = withAppendedPiece(state, event);
 * if (outcome === 'missed') refetch(event.roomId, event.sequence);
 */
export type AppendOutcome = 'applied' | 'missed' | 'ignored';

/**
 * Whether a held copy of a message can take a piece at `offset`: the copy must be exactly that long
 * (a copy already longer got the piece from a fresher page, which is not a miss).
 *
 * @example
 * appendOutcome({ text: 'Hel', streaming: { state: 'generating' } }, 3); // 'applied'
 * appendOutcome({ text: 'H', streaming: { state: 'generating' } }, 3); // 'missed'
 */
export function appendOutcome(held: Pick<Message, 'text' | 'streaming'> | undefined, offset: number): AppendOutcome {
  if (!held || held.streaming?.state !== 'generating') return 'ignored';
  if (held.text.length === offset) return 'applied';
  return held.text.length > offset ? 'ignored' : 'missed';
}

/**
 * Folds one streamed piece into the held copy of its message: O(log n) to find it by sequence and
 * O(piece) to grow its text. Only that message gets a new identity, so one row re-renders.
 *
 * @example
 * store.setState((state) => withAppendedPiece(state, event).slice);
 */
export function withAppendedPiece(slice: TimelinesSlice, event: ServerEventOf<'message.appended'>): { slice: TimelinesSlice; outcome: AppendOutcome } {
  const grow = (held: Message): Message => ({ ...held, text: held.text + event.piece });
  if (event.parentId === undefined) {
    const timeline = lookup(slice.timelines, event.roomId);
    const held = timeline?.messages.get(event.sequence);
    const outcome = appendOutcome(held?.id === event.messageId ? held : undefined, event.offset);
    if (!timeline || !held || outcome !== 'applied') return { slice, outcome };
    const messages = timeline.messages.set(event.sequence, grow(held));
    return { slice: { ...slice, timelines: withEntry(slice.timelines, event.roomId, { ...timeline, messages }) }, outcome };
  }
  const thread = lookup(slice.threads, event.parentId);
  const held = thread?.replies.get(event.sequence);
  const outcome = appendOutcome(held?.id === event.messageId ? held : undefined, event.offset);
  if (!thread || !held || outcome !== 'applied') return { slice, outcome };
  const replies = thread.replies.set(event.sequence, grow(held));
  return { slice: { ...slice, threads: withEntry(slice.threads, event.parentId, { ...thread, replies }) }, outcome };
}

/**
 * The held messages still being written, top-level and in loaded threads: after a reconnect their
 * copies may lack pieces sent while the connection was down, so the client asks for them again.
 *
 * @example
 * for (const message of selectGeneratingMessages(client.store.getState())) console.log(message.id);
 */
export function selectGeneratingMessages(slice: TimelinesSlice): Message[] {
  const found: Message[] = [];
  const scan = (messages: Iterable<Message>) => {
    for (const message of messages) if (message.streaming?.state === 'generating') found.push(message);
  };
  for (const timeline of Object.values(slice.timelines)) scan(timeline.messages.values());
  for (const thread of Object.values(slice.threads)) scan(thread.replies.values());
  return found;
}

/**
 * Whether a person may stop a streamed message now: it is still being written, and they asked for
 * it, wrote it, or administer the room. The server decides; this mirrors its rule so a Stop button
 * shows only to those it will accept.
 *
 * @example
 * canStopStreaming(message, 'ana', 'member'); // true when Ana asked for it
 */
export function canStopStreaming(message: Pick<Message, 'authorId' | 'streaming'> | undefined, userId: string | null, role: 'admin' | 'member' | undefined): boolean {
  if (!message?.streaming || message.streaming.state !== 'generating' || userId === null) return false;
  return message.streaming.requestedBy === userId || message.authorId === userId || role === 'admin';
}
