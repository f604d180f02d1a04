import { ChatError, searchableText, type Message } from '../../../protocol';
import { cloneJson } from '../../clone';
import type { StorageTx } from '../types';
import { byId, type MemoryRoom, type MemoryState } from './state';

/** Index of the first element of an ascending array that is ≥ value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copies of the room's messages with these sequences (missing ones skipped). */
function at(room: MemoryRoom, sequences: Iterable<number>): Message[] {
  const out: Message[] = [];
  for (const sequence of sequences) {
    const message = room.messages[sequence - 1];
    if (message) out.push(cloneJson(message));
  }
  return out;
}

/**
 * Messages: stored by sequence with the indexes that page history (top level, replies, ids,
 * client ids), and each given its search position.
 *
 * @example
 * const tx = { ...memoryMessages(createMemoryState()) };
 */
export function memoryMessages(state: MemoryState): Pick<StorageTx, 'getMessage' | 'getMessageByClientId' | 'messagesBetween' | 'topLevelBefore' | 'topLevelAfter' | 'repliesBefore' | 'messagesByAuthor' | 'insertMessage' | 'updateMessage'> {
  const { rooms, placeOf, words, remember, roomOf } = state;
  return {
    getMessage(roomId, messageId) {
      const room = rooms.get(roomId);
      const sequence = room?.byId.get(messageId);
      return room && sequence !== undefined ? at(room, [sequence])[0] : undefined;
    },
    getMessageByClientId(roomId, authorId, clientId) {
      const room = rooms.get(roomId);
      const sequence = room?.byClientKey.get(`${authorId} ${clientId}`);
      return room && sequence !== undefined ? at(room, [sequence])[0] : undefined;
    },
    messagesBetween(roomId, from, to) {
      const room = rooms.get(roomId);
      if (!room) return [];
      const out: Message[] = [];
      for (let sequence = Math.max(1, from); sequence <= Math.min(to, room.messages.length); sequence++) {
        const message = room.messages[sequence - 1];
        if (message) out.push(cloneJson(message));
      }
      return out;
    },
    topLevelBefore(roomId, before, limit) {
      const room = rooms.get(roomId);
      if (!room || limit <= 0) return [];
      const hi = lowerBound(room.topLevel, before);
      return at(room, room.topLevel.slice(Math.max(0, hi - limit), hi));
    },
    topLevelAfter(roomId, after, limit) {
      const room = rooms.get(roomId);
      if (!room || limit <= 0) return [];
      const lo = lowerBound(room.topLevel, after + 1);
      return at(room, room.topLevel.slice(lo, lo + limit));
    },
    repliesBefore(roomId, parentId, before, limit) {
      const room = rooms.get(roomId);
      const replies = room?.replies.get(parentId);
      if (!room || !replies || limit <= 0) return [];
      const hi = lowerBound(replies, before);
      return at(room, replies.slice(Math.max(0, hi - limit), hi));
    },
    messagesByAuthor(authorId, { after, limit }) {
      // A scan of every message: the memory engine serves tests and pages, not large histories.
      const out: Message[] = [];
      const ordered = [...rooms.values()].filter((room) => after === undefined || room.row.id >= after.roomId).sort((a, b) => byId(a.row, b.row));
      for (const room of ordered) {
        const from = after !== undefined && room.row.id === after.roomId ? after.sequence : 0;
        for (const message of room.messages.slice(from)) {
          if (message.authorId !== authorId) continue;
          out.push(cloneJson(message));
          if (out.length >= limit) return out;
        }
      }
      return out;
    },
    insertMessage(message) {
      const room = roomOf(message.roomId);
      if (message.sequence !== room.messages.length + 1) {
        throw new ChatError('internal', `Message sequence ${message.sequence} does not follow ${room.messages.length} in room "${message.roomId}".`);
      }
      if (room.byId.has(message.id)) throw new ChatError('conflict', `A message with id "${message.id}" already exists in this room.`);
      const clientKey = `${message.authorId} ${message.clientId}`;
      room.messages.push(cloneJson(message));
      room.byId.set(message.id, message.sequence);
      room.byClientKey.set(clientKey, message.sequence);
      const position = ++state.stored;
      const searchable = message.deletedAt === undefined ? searchableText(message.text) : '';
      room.positions.push(position);
      room.searchable.push(searchable);
      placeOf.set(position, { roomId: message.roomId, sequence: message.sequence });
      words.add(position, searchable);
      const index = message.parentId === undefined ? room.topLevel : (room.replies.get(message.parentId) ?? []);
      index.push(message.sequence);
      if (message.parentId !== undefined) room.replies.set(message.parentId, index);
      remember(() => {
        room.messages.pop();
        room.positions.pop();
        room.searchable.pop();
        room.byId.delete(message.id);
        room.byClientKey.delete(clientKey);
        index.pop();
      });
    },
    updateMessage(message) {
      const room = roomOf(message.roomId);
      const sequence = room.byId.get(message.id);
      if (sequence === undefined) throw new ChatError('not_found', `There is no message with id "${message.id}" in this room.`);
      const previous = room.messages[sequence - 1] as Message;
      room.messages[sequence - 1] = cloneJson({ ...message, sequence });
      const previousSearchable = room.searchable[sequence - 1] as string;
      const searchable = message.deletedAt === undefined ? searchableText(message.text) : '';
      room.searchable[sequence - 1] = searchable;
      if (searchable !== previousSearchable) words.add(room.positions[sequence - 1] as number, searchable);
      // A deleted person's tombstones change author and client id: the idempotency key moves with them.
      const previousKey = `${previous.authorId} ${previous.clientId}`;
      const key = `${message.authorId} ${message.clientId}`;
      if (key !== previousKey) {
        room.byClientKey.delete(previousKey);
        room.byClientKey.set(key, sequence);
      }
      remember(() => {
        room.messages[sequence - 1] = previous;
        room.searchable[sequence - 1] = previousSearchable;
        if (key !== previousKey) {
          room.byClientKey.delete(key);
          room.byClientKey.set(previousKey, sequence);
        }
      });
    },
  };
}
