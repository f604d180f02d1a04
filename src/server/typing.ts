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
}

/** One person's notice in one room: when it ends, and when the room was last told of it. */
interface Notice {
  expiresAt: number;
  toldAt: number;
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
      const tell = !notice || notice.expiresAt <= now || now === notice.toldAt || now - notice.toldAt >= TYPING_THROTTLE_MS;
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
  };
}
