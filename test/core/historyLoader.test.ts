import { coveredByPage, resumePoints, retryReadAfterMs } from '../../src/core/historyLoader';
import { ChatError } from '../../src/protocol';

describe('coveredByPage', () => {
  it('is the page itself while more pages remain', () => {
    expect(coveredByPage({ from: 40, to: 49 }, true, { from: 1, to: 49 })).toEqual({ from: 40, to: 49 });
  });

  it('stretches the last page to the edge it was asked towards', () => {
    expect(coveredByPage({ from: 3, to: 12 }, false, { from: 1, to: 12 })).toEqual({ from: 1, to: 12 });
    expect(coveredByPage({ from: 3, to: 12 }, false, null)).toEqual({ from: 3, to: 12 });
  });
});

describe('resumePoints', () => {
  it('asks each held room for what came after the newest sequence it holds', () => {
    const timelines = { general: { covered: [{ from: 1, to: 5 }, { from: 9, to: 20 }] }, random: { covered: [] }, news: { covered: [{ from: 3, to: 3 }] } };
    expect(resumePoints(timelines)).toEqual([
      { roomId: 'general', afterSequence: 20 },
      { roomId: 'news', afterSequence: 3 },
    ]);
  });
});

describe('retryReadAfterMs', () => {
  it('waits out the server’s read limit a few times, then gives the error up; other errors at once', () => {
    const limited = new ChatError('rate_limited', 'Too many history reads too quickly; try again in 80 ms.', { retryAfterMs: 80 });
    expect(retryReadAfterMs(limited, 0)).toBe(80);
    expect(retryReadAfterMs(limited, 4)).toBe(80);
    expect(retryReadAfterMs(limited, 5)).toBeNull();
    expect(retryReadAfterMs(new ChatError('rate_limited', 'Slow down.'), 0)).toBe(100);
    expect(retryReadAfterMs(new ChatError('not_found', 'There is no room with id "x".'), 0)).toBeNull();
  });
});
