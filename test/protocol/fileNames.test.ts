import { describe, expect, it } from 'vitest';
import { FALLBACK_FILE_NAME, MAX_FILE_NAME_LENGTH, safeFileName } from '../../src/protocol';

describe('safeFileName', () => {
  it('drops bidi overrides, embeddings, isolates and marks that could disguise an extension', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('a\u202Ab\u202Bc\u202Cd\u202De.txt')).toBe('abcde.txt');
    expect(safeFileName('\u2066photo\u2067\u2068\u2069.png')).toBe('photo.png');
    expect(safeFileName('x\u200E\u200F\u061C.pdf')).toBe('x.pdf');
  });

  it('drops C0, DEL and C1 control characters, including newlines and NUL', () => {
    expect(safeFileName('re\u0000port\n\r\t.pdf')).toBe('report.pdf');
    expect(safeFileName('a\u007Fb\u0085c\u009F.txt')).toBe('abc.txt');
  });

  it('keeps only the last path segment, from either slash', () => {
    expect(safeFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('dir/<svg onload=alert(1)>.svg')).toBe('<svg onload=alert(1)>.svg');
  });

  it('turns empty, blank, dot and dot-dot names into "file"', () => {
    for (const name of [undefined, null, '', '   ', '\u0000\u0007 ', '.', '..', ' .. ', '../..', 'dir/', '\u202E']) {
      expect(safeFileName(name)).toBe(FALLBACK_FILE_NAME);
    }
    expect(safeFileName('...')).toBe('...'); // a strange name, but not a path step
  });

  it('cuts a 300-character name to 255 UTF-16 units', () => {
    const name = `${'a'.repeat(296)}.txt`;
    expect(safeFileName(name)).toBe('a'.repeat(MAX_FILE_NAME_LENGTH));
  });

  it('keeps emoji whole: never half a surrogate pair or half a ZWJ family', () => {
    expect(safeFileName('party 🎉.png')).toBe('party 🎉.png');
    const cut = safeFileName('😀'.repeat(200));
    expect(cut).toBe('😀'.repeat(127)); // 254 units; one more would need 256
    const family = '👨‍👩‍👧'; // 8 UTF-16 units, one character
    const cutFamily = safeFileName(`${'a'.repeat(250)}${family}`);
    expect(cutFamily).toBe('a'.repeat(250));
    expect(safeFileName(`${'a'.repeat(247)}${family}`)).toBe(`${'a'.repeat(247)}${family}`);
  });

  it('leaves markup as text (the caller renders it as text) and trims the edges', () => {
    expect(safeFileName('  <img src=x onerror=alert(1)>.png  ')).toBe('<img src=x onerror=alert(1)>.png');
    expect(safeFileName('résumé – 2024.pdf')).toBe('résumé – 2024.pdf');
    expect(safeFileName('تقرير.pdf')).toBe('تقرير.pdf');
  });
});
