/**
 * How often one person's typing in one room is told to the others, at most: repeats in between
 * only extend the notice (Chatkit throttled the same way). Well under the 5 s TTL, so a person who
 * keeps typing never flickers off.
 */
export const TYPING_THROTTLE_MS = 2000;

/**
 * Who is typing where, on this host: ephemeral, never stored. Each notice expires on the injected
 * clock; `expired` lists the ones whose time has passed so the server can tell the rooms.
 *
 * @example
 * const typing = createTypingTracker();
 * typing.start('general', 'ana', now, now + 5000); // true: tell the room
 * typing.start('general', 'ana', now + 500, now + 5500); // false: extended quietly
 * typing.expired(now + 6000); // [{ roomId: 'general', userId: 'ana' }]
 */
export interface TypingTracker {
  /**
   * Starts or extends a notice; true when the room should be told: a new notice, or the last
   * telling is at least {@link TYPING_THROTTLE_MS} old. Telling again at the same instant is
   * allowed, so an attempt a storage engine runs twice decides the same way both times.
   */
  start(roomId: string, userId: string, now: number, expiresAt: number): boolean;
  /** Ends a notice; false when there was none. */
  stop(roomId: string, userId: string): boolean;
  /** Notices in a room that are still running at `now`, with their expiry. */
  active(roomId: string, now: number): Array<{ userId: string; expiresAt: number }>;
  /** Notices whose time has passed at `now` (they stay until stopped). */
  expired(now: number): Array<{ roomId: string; userId: string }>;
  /** Forgets a room's notices (the room is gone). */
  forgetRoom(roomId: string): void;
  /** The person's notice in the room, expired or not; undefined when there is none. */
  notice(roomId: string, userId: string): Notice | undefined;
  /** Sets a notice as it is (a staged attempt's change, once its transaction committed). */
  put(roomId: string, userId: string, notice: Notice): void;
}

/**
 * One person's notice in one room: when it ends, and when the room was last told of it.
 *
 * @example
 * const notice: Notice = { expiresAt: now + 5000, toldAt: now };
 */
export interface Notice {
  expiresAt: number;
  toldAt: number;
}

/** Whether a start at `now` tells the room, given the notice as it stands (see TypingTracker.start). */
function tells(notice: Notice | undefined, now: number): boolean {
  return !notice || notice.expiresAt <= now || now === notice.toldAt || now - notice.toldAt >= TYPING_THROTTLE_MS;
}

/**
 * A typing tracker over a Map of rooms, visiting only rooms where someone may be typing.
 *
 * @example
 * const typing = createTypingTracker();
 */
export function createTypingTracker(): TypingTracker {
  const rooms = new Map<string, Map<string, Notice>>();
  return {
    start(roomId, userId, now, expiresAt) {
      let room = rooms.get(roomId);
      if (!room) rooms.set(roomId, (room = new Map()));
      const notice = room.get(userId);
      const tell = tells(notice, now);
      room.set(userId, { expiresAt, toldAt: tell ? now : (notice as Notice).toldAt });
      return tell;
    },
    stop(roomId, userId) {
      const room = rooms.get(roomId);
      if (!room?.delete(userId)) return false;
      if (room.size === 0) rooms.delete(roomId);
      return true;
    },
    active(roomId, now) {
      const out: Array<{ userId: string; expiresAt: number }> = [];
      for (const [userId, { expiresAt }] of rooms.get(roomId) ?? []) if (expiresAt > now) out.push({ userId, expiresAt });
      return out;
    },
    expired(now) {
      const out: Array<{ roomId: string; userId: string }> = [];
      for (const [roomId, room] of rooms) for (const [userId, { expiresAt }] of room) if (expiresAt <= now) out.push({ roomId, userId });
      return out;
    },
    forgetRoom(roomId) {
      rooms.delete(roomId);
    },
    notice(roomId, userId) {
      const notice = rooms.get(roomId)?.get(userId);
      return notice && { ...notice };
    },
    put(roomId, userId, notice) {
      let room = rooms.get(roomId);
      if (!room) rooms.set(roomId, (room = new Map()));
      room.set(userId, { ...notice });
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
  /** Per room, per person: the notice as this attempt leaves it, or null when it stopped it. */
  const changes = new Map<string, Map<string, Notice | null>>();
  const forgotten = new Set<string>();
  const change = (roomId: string, userId: string, notice: Notice | null) => {
    let room = changes.get(roomId);
    if (!room) changes.set(roomId, (room = new Map()));
    room.set(userId, notice);
  };
  const notice = (roomId: string, userId: string): Notice | undefined => {
    const changed = changes.get(roomId)?.get(userId);
    if (changed !== undefined) return changed ?? undefined;
    return forgotten.has(roomId) ? undefined : tracker.notice(roomId, userId);
  };
  /** Everyone with a notice in the room as this attempt sees it. */
  const notices = (roomId: string): Array<{ userId: string; expiresAt: number }> => {
    const userIds = new Set<string>(changes.get(roomId)?.keys());
    if (!forgotten.has(roomId)) for (const { userId } of tracker.active(roomId, -Infinity)) userIds.add(userId);
    return [...userIds].flatMap((userId) => {
      const end = notice(roomId, userId)?.expiresAt;
      return end === undefined ? [] : [{ userId, expiresAt: end }];
    });
  };
  return {
    start(roomId, userId, now, expiresAt) {
      const current = notice(roomId, userId);
      const tell = tells(current, now);
      change(roomId, userId, { expiresAt, toldAt: tell ? now : (current as Notice).toldAt });
      return tell;
    },
    stop(roomId, userId) {
      if (notice(roomId, userId) === undefined) return false;
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
    notice,
    put: (roomId, userId, value) => change(roomId, userId, { ...value }),
    commit() {
      for (const roomId of forgotten) tracker.forgetRoom(roomId);
      for (const [roomId, room] of changes) {
        for (const [userId, end] of room) {
          if (end === null) tracker.stop(roomId, userId);
          else tracker.put(roomId, userId, end);
        }
      }
    },
  };
}
