import { ChatError, isRetryable, STREAM_PIECE_MAX_BYTES, toChatError, type CommandOf, type CommandType, type Message, type ResultOf } from '../protocol';
import { nextPiece, roomLeft } from './pieces';

/**
 * Where a streamed reply goes and for whom: its room, its thread (if any), and the person whose
 * message or command it answers (they may stop it).
 *
 * @example
 * const target: StreamTarget = { roomId: 'general', requestedBy: 'ana' };
 */
export interface StreamTarget {
  roomId: string;
  parentId?: string;
  requestedBy?: string;
}

/**
 * What a stream writer needs of a connection: send a command, retrying what failed for the network
 * once the connection is back, and the server's text limit.
 *
 * @example
 * const link: StreamLink = { request: (command) => client.request(command), maxTextBytes: () => 5120, newClientId: () => crypto.randomUUID() };
 */
export interface StreamLink {
  /** Sends a command; rejects with a ChatError. Retryable failures are retried by the writer. */
  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>>;
  /** Resolves when a session is open again (after a retryable failure). */
  whenOnline(): Promise<void>;
  maxTextBytes(): number;
  newClientId(): string;
}

/** How many times one command is sent again after network failures before the writer gives up. */
const MAX_RETRIES = 20;

/**
 * Writes one streamed reply: starts a generating message, appends the text as it is written (one
 * append on the wire at a time, so what piles up meanwhile travels as one piece), survives
 * reconnects (a resent piece is skipped by the server where it already holds it), goes on in a new
 * message when one is full, and finishes. `stop()` ends it early (the requester pressed Stop).
 *
 * @example
 * const writer = new StreamWriter(link, { roomId: 'general', requestedBy: 'ana' });
 * writer.write('Hello'); writer.write(', world');
 * const message = await writer.finish();
 */
export class StreamWriter {
  /** Everything written so far. */
  private text = '';
  /** Where the current message's text starts in `text`. */
  private base = 0;
  /** How much of `text` the server holds (of every message of this reply). */
  private acked = 0;
  private message: Promise<Message> | null = null;
  private pump: Promise<void> | null = null;
  private failure: ChatError | null = null;
  private stoppedBy: Message | null = null;
  /** Every message this reply took, oldest first (more than one when the text outgrew one). */
  readonly messageIds: string[] = [];

  constructor(
    private readonly link: StreamLink,
    private readonly target: StreamTarget,
  ) {}

  /** Whether the reply was stopped (by the requester or an admin) and takes no more text. */
  get stopped(): boolean {
    return this.stoppedBy !== null;
  }

  /** Starts the message now (viewers see it "generating" before the first piece). */
  begin(): Promise<Message> {
    if (!this.message) this.message = this.startMessage();
    return this.message;
  }

  /** Adds text; it goes out as soon as the previous append is answered. */
  write(chunk: string): void {
    if (this.failure) throw this.failure;
    if (this.stoppedBy || chunk.length === 0) return;
    this.text += chunk;
    this.kick();
  }

  /** The server said this reply was stopped: nothing more is sent. */
  markStopped(message: Message): void {
    this.stoppedBy = message;
  }

  /** Sends what is left and ends the message; answers it as it ended (complete, or stopped). */
  async finish(): Promise<Message> {
    const message = await this.begin();
    await this.drain();
    if (this.stoppedBy) return this.stoppedBy;
    const current = await this.message;
    return this.send({ type: 'message.finish', roomId: this.target.roomId, messageId: (current ?? message).id });
  }

  /** Ends the reply as stopped (the bot gives up, say on an error upstream), keeping what was sent. */
  async stop(): Promise<Message> {
    const message = await this.begin();
    await this.drain().catch(() => {});
    if (this.stoppedBy) return this.stoppedBy;
    const current = (await this.message) ?? message;
    const ended = await this.send({ type: 'message.stop', roomId: this.target.roomId, messageId: current.id });
    this.stoppedBy = ended;
    return ended;
  }

  /** Waits until everything written is held by the server (or the reply stopped); throws what failed. */
  async drain(): Promise<void> {
    while (this.pump) await this.pump;
    if (this.failure) throw this.failure;
  }

  private kick(): void {
    if (this.pump) return;
    this.pump = this.run().finally(() => {
      this.pump = null;
      if (!this.failure && !this.stoppedBy && this.acked < this.text.length) this.kick();
    });
  }

  private async run(): Promise<void> {
    try {
      while (!this.stoppedBy && this.acked < this.text.length) await this.appendNext();
    } catch (error) {
      const chatError = toChatError(error);
      this.failure = chatError;
    }
  }

  private async appendNext(): Promise<void> {
    const message = await this.begin();
    const held = this.text.slice(this.base, this.acked);
    const piece = nextPiece(this.text, this.acked, Math.min(STREAM_PIECE_MAX_BYTES, roomLeft(held, this.link.maxTextBytes())));
    if (piece.length === 0) {
      // The message is full: end it and go on in a new one, so no text is ever dropped.
      await this.send({ type: 'message.finish', roomId: this.target.roomId, messageId: message.id });
      this.base = this.acked;
      this.message = this.startMessage();
      return;
    }
    try {
      await this.send({ type: 'message.append', roomId: this.target.roomId, messageId: message.id, offset: this.acked - this.base, piece });
    } catch (error) {
      // Pieces go in order, so a conflict means the message ended elsewhere (stopped by the
      // requester, deleted), possibly before its event reached us: the reply is over.
      if (toChatError(error).code !== 'conflict') throw error;
      this.stoppedBy ??= { ...message, text: held, streaming: { ...(message.streaming ?? {}), state: 'stopped' } };
      return;
    }
    this.acked += piece.length;
  }

  private async startMessage(): Promise<Message> {
    const { roomId, parentId, requestedBy } = this.target;
    const message = await this.send({
      type: 'message.send',
      roomId,
      clientId: this.link.newClientId(),
      text: '',
      ...(parentId !== undefined ? { parentId } : {}),
      streaming: requestedBy !== undefined ? { requestedBy } : {},
    });
    this.messageIds.push(message.id);
    return message;
  }

  /** One command, sent again (same content, so idempotent) after network failures once the connection is back. */
  private async send<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.link.request(command);
      } catch (error) {
        const chatError = toChatError(error);
        if (!isRetryable(chatError) || attempt >= MAX_RETRIES) throw chatError;
        if (chatError.code !== 'rate_limited') await this.link.whenOnline();
        await new Promise((resolve) => setTimeout(resolve, chatError.retryAfterMs ?? Math.min(1000, 50 * attempt)));
      }
    }
  }
}

/** The error a reply's source threw, kept as the cause of the ChatError the bot reports. */
export function sourceFailure(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  return new ChatError('internal', `The reply's source failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
