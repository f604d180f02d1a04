/// <reference types="node" />
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed file link works: long enough to load a page of images, short enough not to be a permanent link. */
export const SIGNED_URL_TTL_MS = 15 * 60 * 1000;

function signature(secret: string, fileId: string, expiresAt: number): string {
  // A key of its own, derived from the token secret, so a file signature can never pass as a token's.
  const key = createHmac('sha256', secret).update('confab file links v1').digest();
  return createHmac('sha256', key).update(`${fileId}.${expiresAt}`).digest('base64url');
}

/**
 * The query of a link that opens one file until `expiresAt` for whoever holds it, the way a
 * storage service's presigned URL does: `<img src>` and download links send no credentials.
 *
 * @example
 * const query = signFileQuery(secret, 'c0ffee…', Date.now() + SIGNED_URL_TTL_MS); // "expires=…&signature=…"
 */
export function signFileQuery(secret: string, fileId: string, expiresAt: number): string {
  return `expires=${expiresAt}&signature=${signature(secret, fileId, expiresAt)}`;
}

/**
 * Whether a link's `expires` and `signature` open this file at `now`: 'valid', 'expired' or 'invalid'.
 *
 * @example
 * checkFileSignature(secret, id, url.searchParams, Date.now()); // 'valid'
 */
export function checkFileSignature(secret: string, fileId: string, query: URLSearchParams, now: number): 'valid' | 'expired' | 'invalid' {
  const expires = query.get('expires');
  const given = query.get('signature');
  if (expires === null || given === null || !/^\d{1,16}$/.test(expires)) return 'invalid';
  const expected = Buffer.from(signature(secret, fileId, Number(expires)));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'invalid';
  return Number(expires) < now ? 'expired' : 'valid';
}
