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
  };
}
