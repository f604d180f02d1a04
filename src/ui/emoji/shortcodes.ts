/**
 * `:shortcode:` lookup for the composer's emoji autocomplete. The data (`@emoji-mart/data`, a few
 * hundred KB) comes from the emoji source (see `EmojiSource`) the first time someone types a `:`,
 * so it is not part of the components bundle.
 */
import type { EmojiSource } from './source';

/**
 * One emoji found by its shortcode.
 *
 * @example
 * const smile: ShortcodeEmoji = { code: 'smile', id: 'smile', name: 'Grinning Face with Smiling Eyes', native: '😄' };
 */
export interface ShortcodeEmoji {
  /** The shortcode that matched (the emoji's id or one of its aliases), without colons. */
  code: string;
  /** emoji-mart's id of the emoji. */
  id: string;
  name: string;
  /** The emoji itself, as text. */
  native: string;
}

/** The shape of `@emoji-mart/data` this module reads. */
interface EmojiData {
  emojis: Record<string, { id: string; name: string; skins: ReadonlyArray<{ native: string }> } | undefined>;
  aliases?: Record<string, string>;
}

/**
 * Every shortcode, sorted, for prefix search.
 *
 * @example
 * const index = await loadShortcodes(emojiMart);
 * searchShortcodes(index, 'thu'); // [{ code: 'thumbsup', native: '👍', … }, …]
 */
export interface ShortcodeIndex {
  readonly entries: readonly ShortcodeEmoji[];
}

/** Builds the index from emoji-mart's data: each id and each alias is a shortcode. */
export function buildShortcodeIndex(data: EmojiData): ShortcodeIndex {
  const entries: ShortcodeEmoji[] = [];
  for (const [id, emoji] of Object.entries(data.emojis)) {
    const native = emoji?.skins[0]?.native;
    if (!emoji || !native) continue;
    entries.push({ code: id, id, name: emoji.name, native });
  }
  for (const [alias, id] of Object.entries(data.aliases ?? {})) {
    const emoji = data.emojis[id];
    const native = emoji?.skins[0]?.native;
    if (!emoji || !native || alias === id) continue;
    entries.push({ code: alias, id, name: emoji.name, native });
  }
  entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { entries };
}

const indexes = new WeakMap<EmojiSource, Promise<ShortcodeIndex>>();

/**
 * Loads the emoji data through the source (once per source) and indexes its shortcodes. A failed
 * load may be retried.
 *
 * @example
 * void loadShortcodes(emojiMart); // start early, on the first ':'
 */
export function loadShortcodes(source: EmojiSource): Promise<ShortcodeIndex> {
  let index = indexes.get(source);
  if (!index) {
    index = source.loadData().then((data) => buildShortcodeIndex(data as EmojiData));
    indexes.set(source, index);
    index.catch(() => indexes.delete(source));
  }
  return index;
}

/**
 * Up to `limit` emoji whose shortcode starts with `query` (case-insensitive), shortest first, then
 * those with a later word (after `_` or `-`) starting with it. One entry per emoji.
 *
 * @example
 * searchShortcodes(index, 'heart', 5);
 */
export function searchShortcodes(index: ShortcodeIndex, query: string, limit = 8): ShortcodeEmoji[] {
  const q = query.toLowerCase();
  if (q === '') return [];
  const prefix: ShortcodeEmoji[] = [];
  const word: ShortcodeEmoji[] = [];
  for (const entry of index.entries) {
    if (entry.code.startsWith(q)) prefix.push(entry);
    else if (entry.code.split(/[_-]/).some((part, position) => position > 0 && part.startsWith(q))) word.push(entry);
  }
  prefix.sort((a, b) => a.code.length - b.code.length || (a.code < b.code ? -1 : 1));
  const seen = new Set<string>();
  const found: ShortcodeEmoji[] = [];
  for (const entry of [...prefix, ...word]) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    found.push(entry);
    if (found.length >= limit) break;
  }
  return found;
}

/** The emoji with exactly this shortcode, if any (for `:smile:` typed out in full). */
export function findShortcode(index: ShortcodeIndex, code: string): ShortcodeEmoji | undefined {
  const q = code.toLowerCase();
  let low = 0;
  let high = index.entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const entry = index.entries[middle] as ShortcodeEmoji;
    if (entry.code === q) return entry;
    if (entry.code < q) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
