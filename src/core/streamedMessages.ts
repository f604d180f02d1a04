import { toChatError, type Message, type ServerEventOf } from '../protocol';
import { updateState, updateTimelines, type ClientContext } from './clientContext';
import { applyEvent, selectGeneratingMessages, withAppendedPiece, type AppendOutcome } from './store';

/** Where a message is: enough to ask the server for it alone. */
type MessageAddress = Pick<Message, 'roomId' | 'id' | 'sequence' | 'parentId'>;

/**
 * Streamed messages on the client: folds each `message.appended` piece into its message, and when a
 * piece was missed (a dropped frame, or pieces sent while the connection was down) asks the server
 * for the message as it stands, which carries the text so far. One request per message at a time.
 *
 * @example
 * const streamed = new StreamedMessages(context);
 * streamed.fold(event); // from the transport's onEvent
 * streamed.resync(); // after every session opens
 */
export class StreamedMessages {
  private readonly refetching = new Set<string>();

  constructor(private readonly ctx: ClientContext) {}

  /** Folds one piece; asks for the whole message when the held copy missed one. */
  fold(event: ServerEventOf<'message.appended'>): AppendOutcome {
    const folded = withAppendedPiece(this.ctx.store.getState(), event);
    const { outcome } = folded;
    updateTimelines(this.ctx.store, () => folded.slice);
    if (outcome === 'missed') void this.refetch({ roomId: event.roomId, id: event.messageId, sequence: event.sequence, parentId: event.parentId });
    return outcome;
  }

  /** After a reconnect: every held message still being written may lack pieces, so each is asked for again. */
  resync(): void {
    for (const message of selectGeneratingMessages(this.ctx.store.getState())) void this.refetch(message);
  }

  private async refetch(address: MessageAddress): Promise<void> {
    if (this.refetching.has(address.id)) return;
    this.refetching.add(address.id);
    try {
      const fresh = await this.fetchOne(address);
      if (fresh) updateState(this.ctx.store, (state) => applyEvent(state, { type: 'message.updated', message: fresh }, this.ctx.now()));
    } catch (error) {
      this.ctx.reportError(toChatError(error));
    } finally {
      this.refetching.delete(address.id);
    }
  }

  /** The protocol has no "get one message": a page of one, at its sequence, is that. */
  private async fetchOne({ roomId, id, sequence, parentId }: MessageAddress): Promise<Message | undefined> {
    const { messages } =
      parentId === undefined
        ? await this.ctx.transport.request({ type: 'message.history', roomId, after: sequence - 1, limit: 1 })
        : await this.ctx.transport.request({ type: 'thread.history', roomId, parentId, before: sequence + 1, limit: 1 });
    return messages.find((message) => message.id === id);
  }
}
