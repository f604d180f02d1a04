import type { Selectable } from 'kysely';
import type { MessagesTable } from '../../sql/schema';

/**
 * A message as loaded: its row (immutable strings and numbers). Every read makes a fresh Message
 * from it, cheaper than copying a loaded Message (a history page is a hundred of them).
 */
export type MessageRow = Selectable<MessagesTable>;

/**
 * What the synchronous work asked for that the transaction has not loaded yet. The engine loads
 * it (asynchronously, in the open transaction) and runs the work again from the start.
 *
 * Query results are keyed by everything that shapes them, so a rerun that asks the same
 * question finds the answer, and one that asks another (because this attempt's writes differ)
 * loads that one.
 *
 * @example
 * const miss: Miss = { kind: 'room', roomId: 'general' };
 */
export type Miss =
  | { kind: 'user'; userId: string }
  | { kind: 'users'; userIds: string[] }
  | { kind: 'room'; roomId: string }
  | { kind: 'message'; roomId: string; messageId: string }
  | { kind: 'clientId'; roomId: string; authorId: string; clientId: string }
  | { kind: 'sessions'; userId: string }
  | { kind: 'record'; recordKind: string; scope: string; key: string }
  | { kind: 'query'; key: string; query: Query };

/**
 * A read whose answer is a list, loaded as it is stored (this transaction's writes are applied
 * to it afterwards, in the overlay).
 *
 * @example
 * const query: Query = { kind: 'topLevelBefore', roomId: 'general', before: 101, limit: 50 };
 */
export type Query =
  | { kind: 'listUsers'; afterId: string | undefined; limit: number }
  | { kind: 'blockersOf'; userId: string }
  | { kind: 'roomIdsOf'; userId: string }
  | { kind: 'audienceOf'; userId: string; exceptRoomIds: string[]; maxRoomSize: number | undefined }
  | { kind: 'listPublicRooms'; afterId: string | undefined; limit: number }
  | { kind: 'directRoomId'; low: string; high: string }
  | { kind: 'messagesBetween'; roomId: string; from: number; to: number }
  | { kind: 'topLevelBefore'; roomId: string; before: number; limit: number }
  | { kind: 'topLevelAfter'; roomId: string; after: number; limit: number }
  | { kind: 'repliesBefore'; roomId: string; parentId: string; before: number; limit: number }
  | { kind: 'listRooms'; afterId: string | undefined; limit: number }
  | { kind: 'listDirectPairs'; afterRoomId: string | undefined; limit: number }
  | { kind: 'messagesByAuthor'; authorId: string; afterRoomId: string | undefined; afterSequence: number | undefined; limit: number }
  | { kind: 'listRecords'; recordKind: string; scope: string; afterKey: string | undefined; limit: number }
  | { kind: 'listOnlineUsers'; afterId: string | undefined; limit: number }
  | { kind: 'listAllRecords'; afterKind: string | undefined; afterScope: string | undefined; afterKey: string | undefined; limit: number }
  | { kind: 'searchMessages'; roomIds: string[]; terms: string[]; excludeAuthorIds: string[]; before: number | undefined; limit: number };

/**
 * A message search hit as loaded: its row and search position.
 *
 * @example
 * const found: FoundRow = { row, position: 1042 };
 */
export interface FoundRow {
  row: MessageRow;
  position: number;
}

/**
 * The signal the overlay throws on a miss; private to the engine (the rules never see it). Not an
 * Error: it is thrown and caught on every load, and needs no stack.
 */
export class MissSignal {
  constructor(readonly miss: Miss) {}
}
