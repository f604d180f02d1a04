import { STREAM_PIECE_MAX_BYTES, utf8ByteLength } from '../protocol';

/** UTF-8 bytes of one code point, from its value. */
function codePointBytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/**
 * The next piece to append: the text from `from` on, at most `maxBytes` UTF-8 bytes, never cutting
 * a character in two. Everything waiting goes in one piece when it fits, so tokens that piled up
 * while an append was on its way travel together. Empty when not even one character fits.
 *
 * @example
 * nextPiece('Hello, world', 7, 1024); // 'world'
 * nextPiece('ééé', 0, 4); // 'éé'
 */
export function nextPiece(text: string, from: number, maxBytes: number = STREAM_PIECE_MAX_BYTES): string {
  let bytes = 0;
  let end = from;
  while (end < text.length) {
    const codePoint = text.codePointAt(end) as number;
    const size = codePointBytes(codePoint);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return text.slice(from, end);
}

/**
 * How many more UTF-8 bytes a message of `text` may take under `maxTextBytes`.
 *
 * @example
 * roomLeft('abc', 5); // 2
 */
export function roomLeft(text: string, maxTextBytes: number): number {
  return Math.max(0, maxTextBytes - utf8ByteLength(text));
}
