import * as v from 'valibot';
import type { Message, Room, User } from './entities';

/** The longest search a person may type, in characters. */
export const MAX_SEARCH_QUERY_LENGTH = 200;

/** At most this many words of a query count; more would only slow the search down. */
export const MAX_SEARCH_TERMS = 8;

/** Search results per page by default and at most. */
export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE_SIZE = 50;

/** What a person typed to search with. */
export const SearchQuerySchema = v.pipe(
  v.string('A search must be text.'),
  v.maxLength(MAX_SEARCH_QUERY_LENGTH, `A search may be at most ${MAX_SEARCH_QUERY_LENGTH} characters.`),
);

/**
 * Where the next page of message results starts: the `next` of the page before, as given (a
 * position in the order messages were stored, newest first). Opaque to clients.
 */
export const SearchCursorSchema = v.pipe(v.string('A search cursor must be text.'), v.regex(/^[0-9]{1,15}$/, 'This search cursor was not given by the server.'));

/**
 * A stretch of a text, in UTF-16 code units (JavaScript string offsets), `end` exclusive: where
 * a search matched, for the UI to mark (as text, never as markup).
 *
 * @example
 * const range: TextRange = { start: 6, end: 11 }; // "Hello world": "world"
 */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * One message found, with where its text matched.
 *
 * @example
 * const hit: MessageSearchHit = { message, ranges: [{ start: 0, end: 5 }] };
 */
export interface MessageSearchHit {
  message: Message;
  ranges: TextRange[];
}

/**
 * A page of `message.search`: newest first; `next` asks for the page after it (null: no more).
 *
 * @example
 * const page: MessageSearchPage = await client.request({ type: 'message.search', query: 'lunch' });
 */
export interface MessageSearchPage {
  hits: MessageSearchHit[];
  next: string | null;
}

/**
 * A page of `user.search`, by id; `next` is the `after` of the next page (null: no more).
 *
 * @example
 * const page: UserSearchPage = await client.request({ type: 'user.search', query: 'an' });
 */
export interface UserSearchPage {
  users: User[];
  next: string | null;
}

/**
 * A page of `room.searchPublic`, by id; `next` is the `after` of the next page (null: no more).
 *
 * @example
 * const page: RoomSearchPage = await client.request({ type: 'room.searchPublic', query: 'design' });
 */
export interface RoomSearchPage {
  rooms: Room[];
  next: string | null;
}

/** A word: letters and digits (with their combining marks, so a decomposed "é" stays in its word). */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/**
 * A text as search compares it: lower case, without diacritics ("Café" and "cafe" are one word).
 *
 * @example
 * foldText('Crème Brûlée'); // 'creme brulee'
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').normalize('NFC').toLowerCase();
}

/**
 * The words of a query, folded, once each, at most {@link MAX_SEARCH_TERMS}: letters and digits
 * only, so no query syntax of any engine (quotes, operators, `*`, `NEAR(`) survives. Each word
 * matches the start of a word of a message ("lun" finds "lunch"); every word must match.
 *
 * @example
 * searchTerms('" OR 1=1 --'); // ['or', '1']
 */
export function searchTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const [word] of foldText(query).matchAll(WORD)) {
    terms.add(word);
    if (terms.size === MAX_SEARCH_TERMS) break;
  }
  return [...terms];
}

/**
 * A text's words, folded, each after a space (" lunch at noon"): a term starts a word exactly
 * when `" " + term` occurs in it. Engines that keep no index compare with this.
 *
 * @example
 * searchableText('Lunch at Noon?'); // ' lunch at noon'
 */
export function searchableText(text: string): string {
  let out = '';
  for (const [word] of foldText(text).matchAll(WORD)) out += ` ${word}`;
  return out;
}

/**
 * Whether a text holds every term at the start of one of its words: the rule every storage
 * engine's search answers to (the memory engine checks it directly).
 *
 * @example
 * matchesTerms('Lunch at noon?', ['lun', 'noon']); // true
 */
export function matchesTerms(text: string, terms: readonly string[]): boolean {
  return termsIn(searchableText(text), terms);
}

/**
 * Whether a {@link searchableText} holds every term at the start of a word.
 *
 * @example
 * termsIn(' lunch at noon', ['noo']); // true
 */
export function termsIn(searchable: string, terms: readonly string[]): boolean {
  return terms.length > 0 && terms.every((term) => searchable.includes(` ${term}`));
}

/**
 * Where the terms match in a text: the whole words they start, as ranges of the original text
 * (offsets survive folding because each word is folded on its own).
 *
 * @example
 * matchRanges('Lunch at noon?', ['lun']); // [{ start: 0, end: 5 }]
 */
export function matchRanges(text: string, terms: readonly string[]): TextRange[] {
  const ranges: TextRange[] = [];
  for (const match of text.matchAll(WORD)) {
    const folded = foldText(match[0]);
    if (terms.some((term) => folded.startsWith(term))) ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}
