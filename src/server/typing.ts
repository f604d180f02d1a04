/**
 * Who is typing where, on this host: ephemeral, never stored. Each notice expires on the injected
 * clock; `expired` lists the ones whose time has passed so the server can tell the rooms.
 *
 * @example
 * const typing = createTypingTracker();
 * typing.start('general', 'ana', now + 5000);
 * typing.expired(now + 6000); // [{ roomId: 'general', userId: 'ana' }]
 */
export interface TypingTracker {
  /** Starts or extends a notice. */
  start(roomId: string, userId: string, expiresAt: number): void;
  /** Ends a notice; false when there was none. */
  stop(roomId: string, userId: string): boolean;
  /** Notices in a room that are still running at `now`, with their expiry. */
  active(roomId: string, now: number): Array<{ userId: string; expiresAt: number }>;
  /** Notices whose time has passed at `now` (they stay until stopped). */
  expired(now: number): Array<{ roomId: string; userId: string }>;
  /** Forgets a room's notices (the room is gone). */
  forgetRoom(roomId: string): void;
  /** When the person's notice in the room ends, expired or not; undefined when there is none. */
  expiresAt(roomId: string, userId: string): number | undefined;
}

/**
 * A typing tracker over a Map of rooms, visiting only rooms where someone may be typing.
 *
 * @example
 * const typing = createTypingTracker();
 */
export function createTypingTracker(): TypingTracker {
  const rooms = new Map<string, Map<string, number>>();
  return {
    start(roomId, userId, expiresAt) {
      let room = rooms.get(roomId);
      if (!room) rooms.set(roomId, (room = new Map()));
      room.set(userId, expiresAt);
    },
    stop(roomId, userId) {
      const room = rooms.get(roomId);
      if (!room?.delete(userId)) return false;
      if (room.size === 0) rooms.delete(roomId);
      return true;
    },
    active(roomId, now) {
      const out: Array<{ userId: string; expiresAt: number }> = [];
      for (const [userId, expiresAt] of rooms.get(roomId) ?? []) if (expiresAt > now) out.push({ userId, expiresAt });
      return out;
    },
    expired(now) {
      const out: Array<{ roomId: string; userId: string }> = [];
      for (const [roomId, room] of rooms) for (const [userId, expiresAt] of room) if (expiresAt <= now) out.push({ roomId, userId });
      return out;
    },
    forgetRoom(roomId) {
      rooms.delete(roomId);
    },
    expiresAt(roomId, userId) {
      return rooms.get(roomId)?.get(userId);
    },
  };
}

/**
 * One transaction attempt's view of a tracker: it reads through to the tracker and its own
 * changes, and changes the tracker only on `commit`, once the storage has committed. A storage may
 * run a transaction's work more than once (PostgreSQL reruns it after loading what it missed) or
 * roll it back; either way the tracker must change once, as the transaction that counted did.
 *
 * @example
 * const staged = stageTyping(typing);
 * staged.stop('general', 'ana'); // true: ana was typing; `typing` still has her notice
 * staged.commit(); // now it does not
 */
export function stageTyping(tracker: TypingTracker): TypingTracker & { commit(): void } {
  /** Per room, per person: the notice's new end, or null when this attempt stopped it. */
  const changes = new Map<string, Map<string, number | null>>();
  const forgotten = new Set<string>();
  const change = (roomId: string, userId: string, expiresAt: number | null) => {
    let room = changes.get(roomId);
    if (!room) changes.set(roomId, (room = new Map()));
    room.set(userId, expiresAt);
  };
  const expiresAt = (roomId: string, userId: string): number | undefined => {
    const changed = changes.get(roomId)?.get(userId);
    if (changed !== undefined) return changed ?? undefined;
    return forgotten.has(roomId) ? undefined : tracker.expiresAt(roomId, userId);
  };
  /** Everyone with a notice in the room as this attempt sees it. */
  const notices = (roomId: string): Array<{ userId: string; expiresAt: number }> => {
    const userIds = new Set<string>(changes.get(roomId)?.keys());
    if (!forgotten.has(roomId)) for (const { userId } of tracker.active(roomId, -Infinity)) userIds.add(userId);
    return [...userIds].flatMap((userId) => {
      const end = expiresAt(roomId, userId);
      return end === undefined ? [] : [{ userId, expiresAt: end }];
    });
  };
  return {
    start: (roomId, userId, end) => change(roomId, userId, end),
    stop(roomId, userId) {
      if (expiresAt(roomId, userId) === undefined) return false;
      change(roomId, userId, null);
      return true;
    },
    active: (roomId, now) => notices(roomId).filter((notice) => notice.expiresAt > now),
    expired(now) {
      const roomIds = new Set([...changes.keys(), ...tracker.expired(now).map((notice) => notice.roomId)]);
      return [...roomIds].flatMap((roomId) => notices(roomId).filter((notice) => notice.expiresAt <= now).map(({ userId }) => ({ roomId, userId })));
    },
    forgetRoom(roomId) {
      forgotten.add(roomId);
      changes.delete(roomId);
    },
    expiresAt,
    commit() {
      for (const roomId of forgotten) tracker.forgetRoom(roomId);
      for (const [roomId, room] of changes) {
        for (const [userId, end] of room) {
          if (end === null) tracker.stop(roomId, userId);
          else tracker.start(roomId, userId, end);
        }
      }
    },
  };
}
