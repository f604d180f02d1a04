import { toChatError, type Attachment, type CustomData, type Message, type MessageSearchPage } from '../protocol';
import { orThrow, updateState, type ClientContext } from './clientContext';
import type { SendQueue } from './sendQueue';
import { applyEvent, validateMessage, type PendingMessage } from './store';
import type { TypingNotices } from './typingNotices';

/**
 * What a person writes. Only `text` (or an attachment) is required.
 *
 * @example
 * await client.sendMessage('general', { text: 'See you at 3?', mentions: ['bo'] });
 */
export interface SendMessageInput {
  text: string;
  attachments?: Attachment[];
  mentions?: string[];
  /** Makes this a reply in the thread of that message. */
  parentId?: string;
  /** Quotes that message. */
  quotedId?: string;
  customData?: CustomData;
  /** `action` sends an emote (`/me waves` shows as "* Ana waves"). */
  kind?: 'action';
}

/** What a message's own changes go through: the send queue for new ones, typing notices to stop. */
export interface MessageActionParts {
  readonly sends: SendQueue;
  readonly typing: TypingNotices;
  /** Makes the idempotency key of a send. */
  createClientId(): string;
}

/**
 * A ChatClient's commands on messages: sending (through the send queue, shown as `sending` at
 * once), editing, deleting, reactions, pins, stopping a stream and finding messages. Each answer
 * is folded into the store at once, so the list changes without waiting for the event.
 */
export class MessageActions {
  constructor(
    private readonly ctx: ClientContext,
    private readonly parts: MessageActionParts,
  ) {}

  /** Checked first (nothing is queued when the store's rule refuses it); a refusal rejects rather than throws. */
  send(roomId: string, input: SendMessageInput): Promise<Message> {
    try {
      const state = this.ctx.store.getState();
      orThrow(validateMessage(state, roomId, input, 'send'));
      const pending: PendingMessage = {
        clientId: this.parts.createClientId(),
        roomId,
        authorId: state.me as string,
        text: input.text,
        attachments: input.attachments ?? [],
        mentions: input.mentions ?? [],
        createdAt: this.ctx.now(),
        status: 'sending',
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
        ...(input.quotedId !== undefined ? { quotedId: input.quotedId } : {}),
        ...(input.customData !== undefined ? { customData: input.customData } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
      };
      this.parts.typing.messageSent(roomId);
      return this.parts.sends.enqueue(pending);
    } catch (error) {
      return Promise.reject(toChatError(error));
    }
  }

  private keep(message: Message): Message {
    updateState(this.ctx.store, (state) => applyEvent(state, { type: 'message.updated', message }, this.ctx.now()));
    return message;
  }

  async edit(roomId: string, messageId: string, input: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message> {
    orThrow(validateMessage(this.ctx.store.getState(), roomId, input, 'edit'));
    return this.keep(await this.ctx.transport.request({ type: 'message.edit', roomId, messageId, ...input }));
  }

  async delete(roomId: string, messageId: string): Promise<Message> {
    return this.keep(await this.ctx.transport.request({ type: 'message.delete', roomId, messageId }));
  }

  async toggleReaction(roomId: string, messageId: string, emoji: string): Promise<Message> {
    return this.keep(await this.ctx.transport.request({ type: 'reaction.toggle', roomId, messageId, emoji }));
  }

  async stopStreaming(roomId: string, messageId: string): Promise<Message> {
    return this.keep(await this.ctx.transport.request({ type: 'message.stop', roomId, messageId }));
  }

  async pin(roomId: string, messageId: string): Promise<Message> {
    return this.keep(await this.ctx.transport.request({ type: 'message.pin', roomId, messageId }));
  }

  async unpin(roomId: string, messageId: string): Promise<Message> {
    return this.keep(await this.ctx.transport.request({ type: 'message.unpin', roomId, messageId }));
  }

  listPinned(roomId: string): Promise<Message[]> {
    return this.ctx.transport.request({ type: 'message.listPinned', roomId });
  }

  search(query: string, options: { roomId?: string; before?: string; limit?: number } = {}): Promise<MessageSearchPage> {
    return this.ctx.transport.request({ type: 'message.search', query, ...options });
  }
}
