import { CLOSE_CODES, closeVerdict } from '../../src/protocol';
import { CLOSE_CODES as HOST_CLOSE_CODES } from '../../src/host';

describe('close codes', () => {
  it('are one list, shared by the host and the WebSocket transport', () => {
    expect(HOST_CLOSE_CODES).toBe(CLOSE_CODES);
  });

  it('read a refused token or origin as final, an expired token as renew, anything else as retry', () => {
    expect(closeVerdict(CLOSE_CODES.unauthorized, 'Unknown user "x".')).toEqual({ kind: 'final', error: { code: 'unauthorized', message: 'Unknown user "x".' } });
    expect(closeVerdict(CLOSE_CODES.forbiddenOrigin, '')).toEqual({ kind: 'final', error: { code: 'forbidden', message: 'The server refused this origin.' } });
    expect(closeVerdict(CLOSE_CODES.tokenExpired, '')).toEqual({ kind: 'renewToken' });
    expect(closeVerdict(CLOSE_CODES.goingAway, 'Shutting down.')).toEqual({ kind: 'retry' });
    expect(closeVerdict(1006, '')).toEqual({ kind: 'retry' });
    // Too slow to read: reconnect with backoff, not give up.
    expect(CLOSE_CODES.tooSlow).toBe(4008);
    expect(closeVerdict(CLOSE_CODES.tooSlow, 'Not read for 10000 ms.')).toEqual({ kind: 'retry' });
  });
});
