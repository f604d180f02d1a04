import type { Message } from '../../../../protocol';
import { messageFromRow } from '../../sql';
import { copy } from './attempt';
import { clientIdKey, messageKey } from './loaded';
import type { MessageRow } from './misses';
import { RoomReads } from './roomReads';

/** Reads of one room's messages: by id, by client id, and history pages, this attempt's messages merged in. */
export abstract class MessageReads extends RoomReads {
  getMessage(roomId: string, messageId: string): Message | undefined {
    if (this.roomDeleted(roomId)) return undefined;
    const written = this.messages.get(roomId)?.get(messageId);
    if (written) return copy(written);
    const key = messageKey(roomId, messageId);
    if (!this.loaded.messages.has(key)) this.miss({ kind: 'message', roomId, messageId });
    const stored = this.loaded.messages.get(key);
    return stored ? messageFromRow(stored) : undefined;
  }

  getMessageByClientId(roomId: string, authorId: string, clientId: string): Message | undefined {
    if (this.roomDeleted(roomId)) return undefined;
    const written = this.writtenMessages(roomId).find((message) => message.authorId === authorId && message.clientId === clientId);
    if (written) return copy(written);
    const key = clientIdKey(roomId, authorId, clientId);
    if (!this.loaded.byClientId.has(key)) this.miss({ kind: 'clientId', roomId, authorId, clientId });
    const stored = this.loaded.byClientId.get(key);
    if (!stored) return undefined;
    const rewritten = this.messages.get(roomId)?.get(stored.id);
    return rewritten ? copy(rewritten) : messageFromRow(stored);
  }

  messagesBetween(roomId: string, from: number, to: number): Message[] {
    if (this.roomDeleted(roomId)) return [];
    const stored = this.query<MessageRow[]>({ kind: 'messagesBetween', roomId, from, to });
    return this.mergeMessages(roomId, stored, (message) => message.sequence >= from && message.sequence <= to);
  }

  topLevelBefore(roomId: string, before: number, limit: number): Message[] {
    if (this.roomDeleted(roomId) || limit <= 0) return [];
    const stored = this.query<MessageRow[]>({ kind: 'topLevelBefore', roomId, before, limit });
    const merged = this.mergeMessages(roomId, stored, (message) => message.parentId === undefined && message.sequence < before);
    return merged.slice(Math.max(0, merged.length - limit));
  }

  topLevelAfter(roomId: string, after: number, limit: number): Message[] {
    if (this.roomDeleted(roomId) || limit <= 0) return [];
    const stored = this.query<MessageRow[]>({ kind: 'topLevelAfter', roomId, after, limit });
    return this.mergeMessages(roomId, stored, (message) => message.parentId === undefined && message.sequence > after).slice(0, limit);
  }

  repliesBefore(roomId: string, parentId: string, before: number, limit: number): Message[] {
    if (this.roomDeleted(roomId) || limit <= 0) return [];
    const stored = this.query<MessageRow[]>({ kind: 'repliesBefore', roomId, parentId, before, limit });
    const merged = this.mergeMessages(roomId, stored, (message) => message.parentId === parentId && message.sequence < before);
    return merged.slice(Math.max(0, merged.length - limit));
  }
}
