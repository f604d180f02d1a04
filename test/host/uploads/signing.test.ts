import { checkFileSignature, signFileQuery } from '../../../src/host/uploads';

const file = 'a'.repeat(32);

describe('signed file links', () => {
  it('open the one file they were made for until they expire', () => {
    const query = new URLSearchParams(signFileQuery('secret', file, 10_000));
    expect(checkFileSignature('secret', file, query, 9_999)).toBe('valid');
    expect(checkFileSignature('secret', file, query, 10_001)).toBe('expired');
    expect(checkFileSignature('secret', 'b'.repeat(32), query, 9_999)).toBe('invalid');
    expect(checkFileSignature('other secret', file, query, 9_999)).toBe('invalid');
  });

  it('refuse a changed expiry, a missing part, or a malformed one', () => {
    const query = new URLSearchParams(signFileQuery('secret', file, 10_000));
    const later = new URLSearchParams(query);
    later.set('expires', '99999999');
    expect(checkFileSignature('secret', file, later, 9_999)).toBe('invalid');
    expect(checkFileSignature('secret', file, new URLSearchParams({ expires: '10000' }), 0)).toBe('invalid');
    expect(checkFileSignature('secret', file, new URLSearchParams({ expires: '1e9', signature: 'x' }), 0)).toBe('invalid');
  });
});
