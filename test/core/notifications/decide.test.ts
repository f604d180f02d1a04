import { notificationDecision, shouldNotify, type NotificationInput } from '../../../src/core';
import type { NotificationLevel, RoomKind } from '../../../src/protocol';

const hidden = { hidden: true, openRoomId: null };

function input(overrides: Partial<NotificationInput> & { kind?: RoomKind; mentions?: string[]; authorId?: string } = {}): NotificationInput {
  const { kind = 'public', mentions = [], authorId = 'bo', ...rest } = overrides;
  return {
    message: { roomId: 'r', authorId, mentions },
    me: 'ana',
    room: { kind },
    settings: undefined,
    blockedUserIds: [],
    view: hidden,
    ...rest,
  };
}

describe('notificationDecision', () => {
  it('by default: every direct message, and mentions in group rooms', () => {
    expect(notificationDecision(input({ kind: 'direct' }))).toEqual({ notify: true, reason: 'direct' });
    expect(notificationDecision(input({ kind: 'public' }))).toEqual({ notify: false, reason: 'level' });
    expect(notificationDecision(input({ kind: 'private' }))).toEqual({ notify: false, reason: 'level' });
    expect(notificationDecision(input({ kind: 'public', mentions: ['ana'] }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(input({ kind: 'direct', mentions: ['ana'] }))).toEqual({ notify: true, reason: 'mention' });
    // Someone else's mention is not the person's.
    expect(notificationDecision(input({ kind: 'public', mentions: ['chen'] }))).toEqual({ notify: false, reason: 'level' });
  });

  it('never their own, a deleted one, a blocked author’s, or in a muted room, whatever the level', () => {
    const loud = { muted: false, level: 'all' as const };
    expect(notificationDecision(input({ authorId: 'ana', settings: loud, mentions: ['ana'] }))).toEqual({ notify: false, reason: 'own' });
    expect(notificationDecision(input({ me: null, settings: loud }))).toEqual({ notify: false, reason: 'own' });
    expect(notificationDecision(input({ message: { roomId: 'r', authorId: 'bo', mentions: ['ana'], deletedAt: 5 }, settings: loud }))).toEqual({ notify: false, reason: 'deleted' });
    expect(notificationDecision(input({ blockedUserIds: ['bo'], kind: 'direct', settings: loud }))).toEqual({ notify: false, reason: 'blocked' });
    expect(notificationDecision(input({ kind: 'direct', mentions: ['ana'], settings: { muted: true, level: 'all' } }))).toEqual({ notify: false, reason: 'muted' });
    expect(notificationDecision(input({ room: undefined, settings: loud }))).toEqual({ notify: false, reason: 'unknown-room' });
  });

  it('not while the visible page shows that very room; yes when it shows another room or is hidden', () => {
    const direct = { kind: 'direct' as const };
    expect(notificationDecision(input({ ...direct, view: { hidden: false, openRoomId: 'r' } }))).toEqual({ notify: false, reason: 'in-view' });
    expect(notificationDecision(input({ ...direct, view: { hidden: false, openRoomId: 'other' } }))).toEqual({ notify: true, reason: 'direct' });
    expect(notificationDecision(input({ ...direct, view: { hidden: false, openRoomId: null } }))).toEqual({ notify: true, reason: 'direct' });
    expect(notificationDecision(input({ ...direct, view: { hidden: true, openRoomId: 'r' } }))).toEqual({ notify: true, reason: 'direct' });
  });

  it('a room’s own level overrides its kind’s default', () => {
    expect(notificationDecision(input({ kind: 'public', settings: { muted: false, level: 'all' } }))).toEqual({ notify: true, reason: 'all' });
    expect(notificationDecision(input({ kind: 'direct', settings: { muted: false, level: 'mentions' } }))).toEqual({ notify: false, reason: 'level' });
    expect(notificationDecision(input({ kind: 'direct', settings: { muted: false, level: 'mentions' }, mentions: ['ana'] }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(input({ kind: 'direct', settings: { muted: false, level: 'none' }, mentions: ['ana'] }))).toEqual({ notify: false, reason: 'level' });
  });

  it('holds its rules over every combination of inputs', () => {
    const kinds: RoomKind[] = ['public', 'private', 'direct'];
    const levels: Array<NotificationLevel | undefined> = [undefined, 'all', 'mentions', 'none'];
    const flags = [false, true];
    let notified = 0;
    let cases = 0;
    for (const kind of kinds)
      for (const level of levels)
        for (const muted of flags)
          for (const own of flags)
            for (const blocked of flags)
              for (const mentioned of flags)
                for (const deleted of flags)
                  for (const pageHidden of flags)
                    for (const openRoomId of [null, 'r', 'other']) {
                      cases++;
                      const decision = notificationDecision({
                        message: { roomId: 'r', authorId: own ? 'ana' : 'bo', mentions: mentioned ? ['ana'] : [], ...(deleted ? { deletedAt: 1 } : {}) },
                        me: 'ana',
                        room: { kind },
                        settings: level === undefined && !muted ? undefined : { muted, ...(level !== undefined ? { level } : {}) },
                        blockedUserIds: blocked ? ['bo'] : [],
                        view: { hidden: pageHidden, openRoomId },
                      });
                      const effective = level ?? (kind === 'direct' ? 'all' : 'mentions');
                      const expected = !own && !blocked && !muted && !deleted && !(!pageHidden && openRoomId === 'r') && (effective === 'all' || (effective === 'mentions' && mentioned));
                      expect(decision.notify, JSON.stringify({ kind, level, muted, own, blocked, mentioned, deleted, pageHidden, openRoomId })).toBe(expected);
                      if (decision.notify) {
                        notified++;
                        expect(decision.reason).toBe(mentioned ? 'mention' : kind === 'direct' ? 'direct' : 'all');
                      }
                    }
    expect(cases).toBe(3 * 4 * 2 ** 6 * 3);
    expect(notified).toBeGreaterThan(0);
  });

  it('shouldNotify is the decision as a yes or no', () => {
    expect(shouldNotify(input({ kind: 'direct' }))).toBe(true);
    expect(shouldNotify(input({ kind: 'direct', settings: { muted: true } }))).toBe(false);
  });
});
