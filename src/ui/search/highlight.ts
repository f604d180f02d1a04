/**
 * Search matches as text: the server says where a text matched (ranges), and these pure
 * functions cut the text into plain and marked pieces, and an excerpt around the first match, so
 * the UI renders `<mark>` elements around text, never markup.
 */
import type { TextRange } from '../../react';

/**
 * A stretch of a text, marked (a match) or not.
 *
 * @example
 * const piece: TextPiece = { text: 'lunch', marked: true };
 */
export interface TextPiece {
  text: string;
  marked: boolean;
}

/**
 * The ranges inside the text, in order, overlapping and touching ones joined.
 *
 * @example
 * cleanRanges([{ start: 4, end: 9 }, { start: 0, end: 5 }], 20); // [{ start: 0, end: 9 }]
 */
export function cleanRanges(ranges: readonly TextRange[], length: number): TextRange[] {
  const sorted = ranges
    .map((range) => ({ start: Math.max(0, Math.min(range.start, length)), end: Math.max(0, Math.min(range.end, length)) }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start);
  const out: TextRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else out.push({ ...range });
  }
  return out;
}

/**
 * The text cut into plain and marked pieces (ranges outside the text are ignored).
 *
 * @example
 * splitByRanges('Lunch at noon', [{ start: 0, end: 5 }]); // [{ text: 'Lunch', marked: true }, { text: ' at noon', marked: false }]
 */
export function splitByRanges(text: string, ranges: readonly TextRange[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const range of cleanRanges(ranges, text.length)) {
    if (range.start > at) pieces.push({ text: text.slice(at, range.start), marked: false });
    pieces.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}

/**
 * A long text shortened to about `maxLength` characters around its first match (on one line), with
 * "…" where it was cut, and the ranges moved to match. Short texts come back whole.
 *
 * @example
 * excerpt('… a long text … lunch …', [{ start: 300, end: 305 }], 80); // { text: '…words before lunch and after…', ranges: [{ start: 21, end: 26 }] }
 */
export function excerpt(text: string, ranges: readonly TextRange[], maxLength = 160): { text: string; ranges: TextRange[] } {
  const flat = text.replace(/\s+/g, ' ');
  // Whitespace runs become one space: the ranges move with the characters removed before them.
  const shift = (offset: number) => offset - (text.slice(0, offset).length - text.slice(0, offset).replace(/\s+/g, ' ').length);
  const moved = cleanRanges(ranges, text.length).map((range) => ({ start: shift(range.start), end: shift(range.end) }));
  if (flat.length <= maxLength) return { text: flat, ranges: moved };
  const first = moved[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(maxLength / 3));
  const end = Math.min(flat.length, start + maxLength);
  start = Math.max(0, end - maxLength);
  // Do not cut a surrogate pair in two.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start] ?? '')) start -= 1;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const offset = prefix.length - start;
  return {
    text: prefix + flat.slice(start, end) + suffix,
    ranges: moved.filter((range) => range.end > start && range.start < end).map((range) => ({ start: Math.max(range.start, start) + offset, end: Math.min(range.end, end) + offset })),
  };
}
