/// <reference types="node" />
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook request carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Confab-Signature';

/**
 * What {@link verifyWebhookSignature} checks.
 *
 * @example
 * const check: WebhookSignatureCheck = { body: rawBody, header: req.headers['confab-signature'], secret: process.env.CONFAB_WEBHOOK_SECRET! };
 */
export interface WebhookSignatureCheck {
  /** The request body exactly as received (before any JSON parsing). */
  body: string | Uint8Array;
  /** The `Confab-Signature` header's value. */
  header: string | string[] | undefined | null;
  /** The endpoint's signing secret (shown once when the endpoint was created). */
  secret: string;
  /** How old a timestamp may be, in seconds, before the request counts as a replay. Default 300. */
  toleranceSeconds?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * The `Confab-Signature` value of one body at one time: how the host signs each delivery.
 *
 * @example
 * const header = signWebhookBody({ body: '{"type":"message.created"}', secret, timestamp: 1767225600 });
 * // 't=1767225600,v1=5d0c…'
 */
export function signWebhookBody(input: { body: string | Uint8Array; secret: string; timestamp: number }): string {
  return `t=${input.timestamp},v1=${hmacOf(input.secret, input.timestamp, input.body)}`;
}

function hmacOf(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * Checks a webhook request came from your Confab host and is fresh, like Stripe's check: the
 * header's timestamp is within `toleranceSeconds` of now, and one of its `v1` signatures is the
 * HMAC-SHA256 of `"<t>.<body>"` with the endpoint's secret, compared in constant time. Answers
 * false for anything else (a missing or malformed header, a tampered body, a stale timestamp).
 *
 * @example
 * app.post('/confab-hooks', express.raw({ type: 'application/json' }), (req, res) => {
 *   const ok = verifyWebhookSignature({ body: req.body, header: req.get('confab-signature'), secret: process.env.CONFAB_WEBHOOK_SECRET! });
 *   if (!ok) return res.sendStatus(400);
 *   const event = JSON.parse(req.body.toString('utf8'));
 *   res.sendStatus(204);
 * });
 */
export function verifyWebhookSignature(check: WebhookSignatureCheck): boolean {
  const header = Array.isArray(check.header) ? check.header[0] : check.header;
  if (typeof header !== 'string' || check.secret === '') return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  const tolerance = check.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((check.now ?? Date.now)() / 1000);
  if (Math.abs(nowSeconds - timestamp) > tolerance) return false;
  const expected = Buffer.from(hmacOf(check.secret, timestamp, check.body), 'hex');
  let matched = false;
  // Every candidate is compared (no early exit), each in constant time.
  for (const signature of signatures) if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) matched = true;
  return matched;
}
