import { readTarget } from '../../src/core/readCursors';

describe('readTarget', () => {
  it('moves to the newest message by default, and never past it', () => {
    expect(readTarget({ lastSequence: 40 }, undefined, 12, 0)).toBe(40);
    expect(readTarget({ lastSequence: 40 }, 99, 12, 0)).toBe(40);
  });

  it('never moves backwards from the held cursor or from one already on its way', () => {
    expect(readTarget({ lastSequence: 40 }, 10, 12, 0)).toBeNull();
    expect(readTarget({ lastSequence: 40 }, 20, 12, 30)).toBeNull();
    expect(readTarget({ lastSequence: 40 }, 35, 12, 30)).toBe(35);
    expect(readTarget({ lastSequence: 40 }, 11, 12, 30)).toBeNull();
  });
});
