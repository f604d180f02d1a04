import { MAX_SEARCH_TERMS, foldText, matchRanges, matchesTerms, searchTerms, searchableText } from '../../src/protocol';

describe('search terms', () => {
  it('folds case and diacritics, composed or not', () => {
    expect(foldText('Crème BRÛLÉE')).toBe('creme brulee');
    expect(foldText('cafe\u0301')).toBe('cafe');
  });

  it('keeps only words of letters and digits, once each, so no engine syntax survives', () => {
    expect(searchTerms('" OR 1=1 --')).toEqual(['or', '1']);
    expect(searchTerms('NEAR(')).toEqual(['near']);
    expect(searchTerms('*')).toEqual([]);
    expect(searchTerms("lun* & !noon | 'x':*")).toEqual(['lun', 'noon', 'x']);
    expect(searchTerms('Añejo 2024 añejo')).toEqual(['anejo', '2024']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(MAX_SEARCH_TERMS);
  });

  it('matches every term at the start of a word', () => {
    expect(searchableText('Lunch at Noon?')).toBe(' lunch at noon');
    expect(matchesTerms('Lunch at noon?', ['lun', 'noon'])).toBe(true);
    expect(matchesTerms('Lunch at noon?', ['unch'])).toBe(false);
    expect(matchesTerms('Lunch at noon?', [])).toBe(false);
  });

  it('marks whole matched words as ranges of the original text', () => {
    const text = 'Déjà vu: the café and the CAFE';
    const ranges = matchRanges(text, ['cafe', 'dej']);
    expect(ranges.map((range) => text.slice(range.start, range.end))).toEqual(['Déjà', 'café', 'CAFE']);
    const decomposed = 'cafe\u0301 time';
    expect(matchRanges(decomposed, ['cafe'])).toEqual([{ start: 0, end: 5 }]);
    expect(matchRanges('😀 lunch', ['lunch'])).toEqual([{ start: 3, end: 8 }]);
  });
});
