import { cleanRanges, excerpt, splitByRanges } from '../../../src/ui/search/highlight';

describe('search highlights', () => {
  it('cuts a text into plain and marked pieces, joining overlaps and ignoring ranges outside it', () => {
    expect(splitByRanges('Lunch at noon', [{ start: 0, end: 5 }])).toEqual([
      { text: 'Lunch', marked: true },
      { text: ' at noon', marked: false },
    ]);
    expect(cleanRanges([{ start: 4, end: 9 }, { start: 0, end: 5 }, { start: 30, end: 40 }, { start: 7, end: 7 }], 20)).toEqual([{ start: 0, end: 9 }]);
    expect(splitByRanges('<b>x</b>', [{ start: 3, end: 4 }]).map((piece) => piece.text).join('')).toBe('<b>x</b>');
  });

  it('shortens a long text around its first match and moves the ranges with it', () => {
    const text = `${'word '.repeat(100)}lunch ${'more '.repeat(100)}`;
    const start = text.indexOf('lunch');
    const shown = excerpt(text, [{ start, end: start + 5 }], 80);
    expect(shown.text.length).toBeLessThanOrEqual(82);
    expect(shown.text.startsWith('…')).toBe(true);
    expect(shown.text.endsWith('…')).toBe(true);
    expect(shown.text.slice(shown.ranges[0]!.start, shown.ranges[0]!.end)).toBe('lunch');
  });

  it('keeps a short text whole on one line, ranges following the collapsed whitespace', () => {
    const shown = excerpt('see you\n\n  at lunch', [{ start: 14, end: 19 }]);
    expect(shown.text).toBe('see you at lunch');
    expect(shown.text.slice(shown.ranges[0]!.start, shown.ranges[0]!.end)).toBe('lunch');
  });
});
