import fc from 'fast-check';
import { SequenceTree } from '../../src/core';

describe('SequenceTree', () => {
  it('keeps keys sorted and answers by key and by position', () => {
    let tree = SequenceTree.empty<string>();
    for (const key of [5, 1, 9, 3, 7]) tree = tree.set(key, `v${key}`);
    expect(tree.size).toBe(5);
    expect(tree.toArray()).toEqual(['v1', 'v3', 'v5', 'v7', 'v9']);
    expect(tree.get(7)).toBe('v7');
    expect(tree.get(4)).toBeUndefined();
    expect(tree.at(0)).toBe('v1');
    expect(tree.at(4)).toBe('v9');
    expect(tree.at(5)).toBeUndefined();
    expect(tree.rank(5)).toBe(2);
    expect(tree.rank(6)).toBe(3);
    expect(tree.rank(100)).toBe(5);
    expect(tree.firstKey()).toBe(1);
    expect(tree.lastKey()).toBe(9);
    expect([...tree.range(3, 7)]).toEqual(['v3', 'v5', 'v7']);
  });

  it('never changes an old version, and shares every untouched value', () => {
    let tree = SequenceTree.empty<{ n: number }>();
    for (let key = 1; key <= 5000; key++) tree = tree.set(key, { n: key });
    const before = tree;
    const snapshot = before.toArray();
    const after = tree.set(2500, { n: -1 }).set(5001, { n: 5001 });
    expect(before.toArray()).toEqual(snapshot);
    expect(before.size).toBe(5000);
    expect(after.size).toBe(5001);
    expect(after.get(2500)).toEqual({ n: -1 });
    // Untouched values are the same objects in both versions.
    expect(after.get(1)).toBe(before.get(1));
    expect(after.get(4999)).toBe(before.get(4999));
  });

  it('returns itself when a set changes nothing', () => {
    const value = { n: 1 };
    const tree = SequenceTree.empty<{ n: number }>().set(1, value);
    expect(tree.set(1, value)).toBe(tree);
  });

  it('matches a sorted array under any sequence of inserts and replaces (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer()), { maxLength: 600 }), (entries) => {
        let tree = SequenceTree.empty<number>();
        const model = new Map<number, number>();
        for (const [key, value] of entries) {
          tree = tree.set(key, value);
          model.set(key, value);
        }
        const keys = [...model.keys()].sort((a, b) => a - b);
        expect(tree.size).toBe(keys.length);
        expect(tree.toArray()).toEqual(keys.map((key) => model.get(key)));
        keys.forEach((key, index) => {
          expect(tree.entryAt(index)?.[0]).toBe(key);
          expect(tree.rank(key)).toBe(index);
          expect(tree.get(key)).toBe(model.get(key));
        });
      }),
      { numRuns: 200 },
    );
  });
});
