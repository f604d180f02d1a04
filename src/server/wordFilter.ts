import { ChatError, codePointLength } from '../protocol';
import type { WordFilter } from './types';

/**
 * Applies the server's word filter to one piece of text. Internal to the server.
 *
 * @example
 * const filter = createTextFilter({ words: ['darn'], action: 'mask' });
 * filter('Darn it', 'message text'); // '**** it'
 */
export type TextFilter = (text: string, what: string) => string;

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds the filter: whole words only, case-insensitive, Unicode-aware. `reject` throws ChatError
 * `invalid`; `mask` replaces each code point of a match with an asterisk.
 *
 * @example
 * createTextFilter(undefined)('anything', 'room name'); // 'anything'
 */
export function createTextFilter(filter: WordFilter | undefined): TextFilter {
  const words = (filter?.words ?? []).map((word) => word.trim()).filter((word) => word.length > 0);
  if (words.length === 0) return (text) => text;
  // Longest first, so that "darned" wins over "darn" when both are listed.
  words.sort((a, b) => b.length - a.length);
  // \b is ASCII-only; letters, marks and digits of any script count as word characters here.
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}_])`, 'giu');
  const action = filter?.action ?? 'reject';
  return (text, what) => {
    if (action === 'mask') return text.replace(pattern, (match) => '*'.repeat(codePointLength(match)));
    pattern.lastIndex = 0;
    if (pattern.test(text)) throw new ChatError('invalid', `The ${what} contains a blocked word; please rephrase it.`);
    return text;
  };
}
