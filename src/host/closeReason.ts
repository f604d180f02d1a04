/// <reference types="node" />

/**
 * A close reason must fit in 123 bytes of UTF-8: a longer one is cut at a character boundary
 * and ends with "…".
 *
 * @example
 * ws.close(CLOSE_CODES.unauthorized, fitReason(error.message));
 */
export function fitReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.byteLength <= 123) return reason;
  let cut = 120;
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return `${bytes.subarray(0, cut).toString('utf8')}…`;
}
