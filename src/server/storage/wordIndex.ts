/**
 * The memory engine's word index for search: which stored messages (by search position) hold
 * each folded word, and the words in sorted order, so a term's prefix is one range of them.
 * Entries are only ever added: an edit adds the new words, and a message that no longer holds a
 * word (edited, deleted, rolled back, its room gone) is dropped by the caller, which checks every
 * candidate against the message as stored. Positions are never reused.
 */

/** Past this many candidates a term is too common to list: scanning the rooms newest first finds a page sooner. */
export const MAX_INDEXED_CANDIDATES = 20_000;

/** Index of the first element of a sorted array of strings that is ≥ value. */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Folded words → positions of the messages that held them.
 *
 * @example
 * const index = new WordIndex();
 * index.add(1, ' lunch at noon');
 * index.candidates(['lun']); // [1]
 */
export class WordIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly words: string[] = [];
  /** New words not yet in `words` (sorted in on the next lookup, not on every insert). */
  private pending: string[] = [];

  /** Notes the words of a message's searchable text (see `searchableText`) at a position. */
  add(position: number, searchable: string): void {
    for (const word of new Set(searchable.split(' '))) {
      if (word === '') continue;
      const list = this.postings.get(word);
      if (list) {
        if (list[list.length - 1] !== position) list.push(position);
      } else {
        this.postings.set(word, [position]);
        this.pending.push(word);
      }
    }
  }

  /** How many positions the words starting with `term` hold, and their lists. */
  private listsOf(term: string): { lists: number[][]; size: number } {
    if (this.pending.length > 0) {
      this.words.push(...this.pending);
      this.words.sort();
      this.pending = [];
    }
    const lists: number[][] = [];
    let size = 0;
    for (let at = lowerBound(this.words, term); at < this.words.length && (this.words[at] as string).startsWith(term); at++) {
      const list = this.postings.get(this.words[at] as string) as number[];
      lists.push(list);
      size += list.length;
      if (size > MAX_INDEXED_CANDIDATES) break;
    }
    return { lists, size };
  }

  /**
   * The positions that may hold every term, newest first: those of the rarest term (each still
   * to be checked), or null when even the rarest is too common to list.
   */
  candidates(terms: readonly string[]): number[] | null {
    let best: number[][] | null = null;
    let bestSize = Infinity;
    for (const term of terms) {
      const { lists, size } = this.listsOf(term);
      if (size < bestSize) {
        best = lists;
        bestSize = size;
      }
      if (size === 0) return [];
    }
    if (best === null || bestSize > MAX_INDEXED_CANDIDATES) return null;
    return [...new Set(best.flat())].sort((a, b) => b - a);
  }
}
