import { createTypingTracker, stageTyping } from '../../src/server/typing';

describe('stageTyping', () => {
  it('sees its own changes and changes the tracker only on commit, so a rerun attempt decides the same', () => {
    const tracker = createTypingTracker();
    tracker.start('r', 'ana', 100);
    const first = stageTyping(tracker);
    expect(first.stop('r', 'ana')).toBe(true);
    expect(first.stop('r', 'ana')).toBe(false);
    first.start('r', 'bo', 200);
    expect(first.active('r', 0)).toEqual([{ userId: 'bo', expiresAt: 200 }]);
    // An attempt thrown away (a rerun, a rollback) left the tracker as it was: the next one stops ana again.
    expect(tracker.active('r', 0)).toEqual([{ userId: 'ana', expiresAt: 100 }]);
    const second = stageTyping(tracker);
    expect(second.stop('r', 'ana')).toBe(true);
    second.start('r', 'bo', 200);
    second.commit();
    expect(tracker.active('r', 0)).toEqual([{ userId: 'bo', expiresAt: 200 }]);
    expect(tracker.expired(300)).toEqual([{ roomId: 'r', userId: 'bo' }]);
  });

  it('forgets a room on commit, and sees it forgotten before', () => {
    const tracker = createTypingTracker();
    tracker.start('r', 'ana', 100);
    const staged = stageTyping(tracker);
    staged.forgetRoom('r');
    expect(staged.active('r', 0)).toEqual([]);
    expect(staged.expired(1000)).toEqual([]);
    expect(tracker.expiresAt('r', 'ana')).toBe(100);
    staged.commit();
    expect(tracker.expiresAt('r', 'ana')).toBeUndefined();
  });
});
