import { coveredByPage, resumePoints } from '../../src/core/historyLoader';

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
