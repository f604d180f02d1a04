import { termsIn, type Message } from '../../../protocol';
import { cloneJson } from '../../clone';
import type { FoundMessage, StorageTx } from '../types';
import type { MemoryRoom, MemoryState } from './state';

/**
 * Message search: the word index for rare terms, else each room scanned newest first.
 *
 * @example
 * const tx = { ...memorySearch(createMemoryState()) };
 */
export function memorySearch(state: MemoryState): Pick<StorageTx, 'searchMessages'> {
  const { rooms, placeOf, words } = state;
  return {
    searchMessages({ roomIds, terms, excludeAuthorIds, before, limit }) {
      const excluded = new Set(excludeAuthorIds);
      const wanted = new Set(roomIds);
      const found: FoundMessage[] = [];
      /** The message at a position if it is one to answer: in a room asked for, holding every term, neither deleted nor excluded. */
      const check = (room: MemoryRoom, index: number, position: number): boolean => {
        if (room.positions[index] !== position || !termsIn(room.searchable[index] as string, terms)) return false;
        const message = room.messages[index] as Message;
        if (message.deletedAt !== undefined || excluded.has(message.authorId)) return false;
        found.push({ message: cloneJson(message), position });
        return true;
      };
      // A rare term: the word index lists the few messages that may hold it, newest first.
      const candidates = words.candidates(terms);
      if (candidates !== null) {
        for (const position of candidates) {
          if (found.length === limit) break;
          if (before !== undefined && position >= before) continue;
          const place = placeOf.get(position);
          const room = place && wanted.has(place.roomId) ? rooms.get(place.roomId) : undefined;
          if (room && place) check(room, place.sequence - 1, position);
        }
        return found;
      }
      // Common terms: each room newest first, a page of them soon found.
      for (const roomId of wanted) {
        const room = rooms.get(roomId);
        if (!room) continue;
        const start = found.length;
        for (let index = room.messages.length - 1; index >= 0 && found.length - start < limit; index--) {
          const position = room.positions[index] as number;
          if (before === undefined || position < before) check(room, index, position);
        }
      }
      return found.sort((a, b) => b.position - a.position).slice(0, limit);
    },
  };
}
