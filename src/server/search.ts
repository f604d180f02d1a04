import { ChatError, MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, foldText, matchRanges, searchTerms, type Room, type User } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { messageView, roomView, userView } from './views';

/** People or rooms read per storage page while looking for matches. */
const SCAN_PAGE = 200;
/** At most this many people or rooms are looked at per request: a page may come back short, with `next` to carry on. */
const SCAN_BUDGET = 2000;

function searchPageSize(limit: number | undefined): number {
  // Too large a limit is clamped, not refused, like history pages.
  return Math.min(limit ?? SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE_SIZE);
}

/** The query as names are compared with it: folded and trimmed; an empty one is refused. */
function nameQuery(query: string): string {
  const folded = foldText(query).trim();
  if (folded === '') throw new ChatError('invalid', 'Type something to search for.');
  return folded;
}

/**
 * Walks a listing by id, a storage page at a time, keeping what matches, until a page of results
 * or the scan budget is spent. `next` is where the walk stopped (null: it reached the end).
 */
function scanById<T extends { id: string }>(list: (afterId: string | undefined, limit: number) => T[], matches: (item: T) => boolean, after: string | undefined, limit: number): { found: T[]; next: string | null } {
  const found: T[] = [];
  let cursor = after;
  let scanned = 0;
  while (scanned < SCAN_BUDGET) {
    const page = list(cursor, SCAN_PAGE);
    for (const item of page) {
      scanned += 1;
      cursor = item.id;
      if (!matches(item)) continue;
      found.push(item);
      if (found.length === limit) return { found, next: item.id };
    }
    if (page.length < SCAN_PAGE) return { found, next: null };
  }
  return { found, next: cursor ?? null };
}

/** A person matches when the folded query is in their folded name or their id. */
function userMatches(user: User, query: string): boolean {
  return foldText(user.name).includes(query) || user.id.toLowerCase().includes(query);
}

/** Commands that find things: one message to jump to, messages by their words, people and public rooms by name. */
export const searchHandlers: Handlers<'message.get' | 'message.search' | 'user.search' | 'room.searchPublic'> = {
  'message.get': (ctx: ServerContext, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = ctx.tx.getMessage(room.id, command.messageId);
    // A blocked author's message is hidden here as in history: it answers like a missing one.
    if (!message || ctx.blocks(actor.user.id, message.authorId)) throw new ChatError('not_found', `There is no message with id "${command.messageId}" in this room.`);
    return messageView(message);
  },

  'message.search': (ctx, actor, command) => {
    const terms = searchTerms(command.query);
    if (terms.length === 0) throw new ChatError('invalid', 'Type a word to search for (letters or digits).');
    // Membership is checked here, on the server: one room the person is in, or all of theirs.
    const roomIds = command.roomId !== undefined ? [ctx.requireMember(command.roomId, actor.user.id).id] : ctx.tx.roomIdsOf(actor.user.id);
    const limit = searchPageSize(command.limit);
    // One more than the page tells whether another follows.
    const found = ctx.tx.searchMessages({
      roomIds,
      terms,
      excludeAuthorIds: actor.blocked,
      ...(command.before !== undefined ? { before: Number(command.before) } : {}),
      limit: limit + 1,
    });
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      hits: page.map(({ message }) => ({ message: messageView(message), ranges: matchRanges(message.text, terms) })),
      next: found.length > limit && last !== undefined ? String(last.position) : null,
    };
  },

  'user.search': (ctx, _actor, command) => {
    const query = nameQuery(command.query);
    const { found, next } = scanById((afterId, limit) => ctx.tx.listUsers({ afterId, limit }), (user) => userMatches(user, query), command.after, searchPageSize(command.limit));
    return { users: found.map(userView), next };
  },

  'room.searchPublic': (ctx, _actor, command) => {
    const query = nameQuery(command.query);
    const { found, next } = scanById((afterId, limit) => ctx.tx.listPublicRooms({ afterId, limit }), (room) => foldText(room.name).includes(query), command.after, searchPageSize(command.limit));
    return { rooms: found.map((room): Room => roomView(room)), next };
  },
};
