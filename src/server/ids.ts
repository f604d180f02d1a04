/** RFC 4648 base32, lower case: ids stay readable in URLs and logs and are case-insensitive-safe. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 random bytes (128 bits): enough that nobody guesses a room or message id, even trying billions. */
const ID_BYTES = 16;

/**
 * Encodes bytes as unpadded lower-case base32.
 *
 * @example
 * base32(new Uint8Array([0xff])); // '74'
 */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * The server's default id maker: a kind prefix and 128 random bits (Web Crypto, so it runs in a
 * page and in Node). Sequential ids would let anyone enumerate private rooms by trying the next one.
 *
 * @example
 * randomId('room'); // 'room_3q2h…' (26 base32 characters after the prefix)
 */
export function randomId(kind: 'room' | 'message'): string {
  const bytes = new Uint8Array(ID_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return `${kind === 'room' ? 'room' : 'msg'}_${base32(bytes)}`;
}
