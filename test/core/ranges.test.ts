import { addRange, covers, gapsOf } from '../../src/core';

describe('covered ranges', () => {
  it('merges touching and overlapping stretches', () => {
    let ranges = addRange([], { from: 11, to: 20 });
    ranges = addRange(ranges, { from: 1, to: 10 });
    expect(ranges).toEqual([{ from: 1, to: 20 }]);
    ranges = addRange(ranges, { from: 15, to: 25 });
    expect(ranges).toEqual([{ from: 1, to: 25 }]);
  });

  it('keeps apart stretches with a hole between them, and names the hole', () => {
    let ranges = addRange([], { from: 1, to: 10 });
    ranges = addRange(ranges, { from: 20, to: 30 });
    ranges = addRange(ranges, { from: 40, to: 40 });
    expect(gapsOf(ranges)).toEqual([
      { from: 11, to: 19 },
      { from: 31, to: 39 },
    ]);
    ranges = addRange(ranges, { from: 11, to: 39 });
    expect(ranges).toEqual([{ from: 1, to: 40 }]);
    expect(gapsOf(ranges)).toEqual([]);
  });

  it('returns the same array when nothing new is covered, and ignores empty ranges', () => {
    const ranges = addRange([], { from: 1, to: 10 });
    expect(addRange(ranges, { from: 3, to: 4 })).toBe(ranges);
    expect(addRange(ranges, { from: 5, to: 4 })).toBe(ranges);
    expect(covers(ranges, 10)).toBe(true);
    expect(covers(ranges, 11)).toBe(false);
  });
});
