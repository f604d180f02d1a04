import type { SequenceRange } from '../protocol';

/**
 * The stretches of a room's sequence numbers the client holds completely, sorted and disjoint;
 * adjacent stretches are merged. Two stretches with space between them are a gap.
 *
 * @example
 * addRange([{ from: 1, to: 10 }], { from: 11, to: 20 }); // [{ from: 1, to: 20 }]
 * addRange([{ from: 1, to: 10 }], { from: 15, to: 20 }); // a gap at 11..14
 */
export type CoveredRanges = readonly SequenceRange[];

/** Adds a stretch, merging with those it touches. O(number of stretches), which stays tiny. */
export function addRange(ranges: CoveredRanges, range: SequenceRange): CoveredRanges {
  if (range.from > range.to) return ranges;
  // The common case, a live message right after the newest held: extend the last stretch.
  const last = ranges[ranges.length - 1];
  if (last && range.from >= last.from && range.from <= last.to + 1) {
    if (range.to <= last.to) return ranges;
    const extended = ranges.slice();
    extended[extended.length - 1] = { from: last.from, to: range.to };
    return extended;
  }
  let from = range.from;
  let to = range.to;
  const result: SequenceRange[] = [];
  let placed = false;
  for (const current of ranges) {
    if (current.to + 1 < from) result.push(current);
    else if (to + 1 < current.from) {
      if (!placed) {
        result.push({ from, to });
        placed = true;
      }
      result.push(current);
    } else {
      if (current.from <= from && current.to >= to) return ranges;
      from = Math.min(from, current.from);
      to = Math.max(to, current.to);
    }
  }
  if (!placed) result.push({ from, to });
  return result;
}

/** Whether a sequence lies inside a held stretch. */
export function covers(ranges: CoveredRanges, sequence: number): boolean {
  return ranges.some((range) => range.from <= sequence && sequence <= range.to);
}

/**
 * The holes between held stretches, oldest first.
 *
 * @example
 * gapsOf([{ from: 1, to: 10 }, { from: 20, to: 30 }]); // [{ from: 11, to: 19 }]
 */
export function gapsOf(ranges: CoveredRanges): SequenceRange[] {
  const gaps: SequenceRange[] = [];
  for (let index = 1; index < ranges.length; index++) {
    const before = ranges[index - 1] as SequenceRange;
    const after = ranges[index] as SequenceRange;
    gaps.push({ from: before.to + 1, to: after.from - 1 });
  }
  return gaps;
}
