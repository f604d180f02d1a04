import { signWebhookBody, verifyWebhookSignature } from '../../src/admin';

const secret = 'whsec_test_secret_of_an_endpoint';
const body = JSON.stringify({ id: 'evt_1', type: 'message.created', createdAt: 1767225600000, data: { text: 'Hi' } });
const at = 1767225600;
const now = () => at * 1000 + 30_000;

describe('verifyWebhookSignature', () => {
  it('accepts the header the host makes for the body, string or bytes', () => {
    const header = signWebhookBody({ body, secret, timestamp: at });
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ body, header, secret, now })).toBe(true);
    expect(verifyWebhookSignature({ body: Buffer.from(body), header, secret, now })).toBe(true);
    // A receiver in the middle of a secret rotation may list several v1 values.
    const other = signWebhookBody({ body, secret: 'whsec_another_one', timestamp: at }).split(',')[1];
    expect(verifyWebhookSignature({ body, header: `${header},${other}`, secret, now })).toBe(true);
  });

  it('refuses a tampered body, a changed timestamp, another secret, or a malformed header', () => {
    const header = signWebhookBody({ body, secret, timestamp: at });
    expect(verifyWebhookSignature({ body: body.replace('Hi', 'Ho'), header, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ body, header: header.replace(`t=${at}`, `t=${at + 1}`), secret, now })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret: 'whsec_wrong', now })).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', `t=${at}`, `t=soon,v1=${'0'.repeat(64)}`, `t=${at},v1=${'z'.repeat(64)}`]) {
      expect(verifyWebhookSignature({ body, header: bad, secret, now }), String(bad)).toBe(false);
    }
  });

  it('refuses a stale (or far future) timestamp, within the tolerance it accepts', () => {
    const header = signWebhookBody({ body, secret, timestamp: at });
    const later = (seconds: number) => () => (at + seconds) * 1000;
    expect(verifyWebhookSignature({ body, header, secret, now: later(299) })).toBe(true);
    expect(verifyWebhookSignature({ body, header, secret, now: later(301) })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret, now: later(-301) })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret, now: later(3600), toleranceSeconds: 7200 })).toBe(true);
  });
});
