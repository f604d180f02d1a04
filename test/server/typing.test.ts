import { createTypingTracker, stageTyping } from '../../src/server/typing';

describe('stageTyping', () => {
  it('sees its own changes and changes the tracker only on commit, so a rerun attempt decides the same', () => {
    const tracker = createTypingTracker();
    tracker.start('r', 'ana', 0, 100);
    const first = stageTyping(tracker);
    expect(first.stop('r', 'ana')).toBe(true);
    expect(first.stop('r', 'ana')).toBe(false);
    first.start('r', 'bo', 0, 200);
    expect(first.active('r', 0)).toEqual([{ userId: 'bo', expiresAt: 200 }]);
    // An attempt thrown away (a rerun, a rollback) left the tracker as it was: the next one stops ana again.
    expect(tracker.active('r', 0)).toEqual([{ userId: 'ana', expiresAt: 100 }]);
    const second = stageTyping(tracker);
    expect(second.stop('r', 'ana')).toBe(true);
    second.start('r', 'bo', 0, 200);
    second.commit();
    expect(tracker.active('r', 0)).toEqual([{ userId: 'bo', expiresAt: 200 }]);
    expect(tracker.expired(300)).toEqual([{ roomId: 'r', userId: 'bo' }]);
  });

  it('throttles as the tracker does: a staged start decides from the last telling, and the commit keeps it', () => {
    const tracker = createTypingTracker();
    expect(tracker.start('r', 'ana', 1000, 6000)).toBe(true);
    const staged = stageTyping(tracker);
    // 500 ms later: extended quietly, the same in the staged view as in the tracker.
    expect(staged.start('r', 'ana', 1500, 6500)).toBe(false);
    staged.commit();
    expect(tracker.notice('r', 'ana')).toEqual({ expiresAt: 6500, toldAt: 1000 });
    // A rerun of an attempt at the same instant decides the same way (it told the room then).
    const rerun = stageTyping(tracker);
    expect(rerun.start('r', 'ana', 3000, 8000)).toBe(true);
    expect(stageTyping(tracker).start('r', 'ana', 3000, 8000)).toBe(true);
  });

  it('forgets a room on commit, and sees it forgotten before', () => {
    const tracker = createTypingTracker();
    tracker.start('r', 'ana', 0, 100);
    const staged = stageTyping(tracker);
    staged.forgetRoom('r');
    expect(staged.active('r', 0)).toEqual([]);
    expect(staged.expired(1000)).toEqual([]);
    expect(tracker.notice('r', 'ana')?.expiresAt).toBe(100);
    staged.commit();
    expect(tracker.notice('r', 'ana')).toBeUndefined();
  });
});
