import { decodeText, encodeText } from '../../../../src/host/storage/postgres/text';

describe('PostgreSQL free text encoding', () => {
  it('keeps ordinary text as it is', () => {
    expect(encodeText('héllo 👋 "quotes" \\')).toBe('héllo 👋 "quotes" \\');
  });

  it('stores U+0000 (which PostgreSQL text refuses) without it, and reads back the same string', () => {
    for (const text of ['a\u0000b', '\u0000', '\uFFFFstarts with the marker', '\uFFFF', 'ends\u0000', '']) {
      expect(encodeText(text)).not.toContain('\u0000');
      expect(decodeText(encodeText(text))).toBe(text);
    }
  });
});
