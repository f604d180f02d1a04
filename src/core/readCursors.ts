import { toChatError, type Room } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { lookup, selectCursor, withCursor } from './store';

/**
 * Where a `markRead` call should move the cursor, or null when it would not move it: never past
 * the room's newest message, never backwards from what is held or already on its way.
 *
 * @example
 * readTarget({ lastSequence: 40 }, undefined, 12, 0); // 40
 * readTarget({ lastSequence: 40 }, 10, 12, 0); // null
 */
export function readTarget(room: Pick<Room, 'lastSequence'>, requested: number | undefined, current: number, alreadyAsked: number): number | null {
  const target = Math.min(requested ?? room.lastSequence, room.lastSequence);
  return target <= Math.max(current, alreadyAsked) ? null : target;
}

/** One room's cursor on its way to the server: the furthest point asked for, and whether a request is out. */
interface ReadState {
  target: number;
  sending: boolean;
}

/**
 * Moves the signed-in user's read cursors: at once in the store, then to the server with one
 * request per room at a time (a newer target goes out when the previous one answers).
 */
export class ReadCursors {
  private readonly rooms = new Map<string, ReadState>();

  constructor(private readonly ctx: ClientContext) {}

  async markRead(roomId: string, sequence?: number): Promise<void> {
    const state = this.ctx.store.getState();
    const room = lookup(state.rooms, roomId);
    const me = state.me;
    if (!room || !me) return;
    const read = this.rooms.get(roomId) ?? { target: 0, sending: false };
    const target = readTarget(room, sequence, selectCursor(state, roomId, me)?.sequence ?? 0, read.target);
    if (target === null) return;
    read.target = Math.max(target, read.target);
    this.rooms.set(roomId, read);
    updateState(this.ctx.store, (current) => ({ cursors: withCursor(current.cursors, { roomId, userId: me, sequence: target, updatedAt: this.ctx.now() }) }));
    if (read.sending) return;
    read.sending = true;
    try {
      let sent = 0;
      while (read.target > sent) {
        sent = read.target;
        const cursor = await this.ctx.transport.request({ type: 'cursor.set', roomId, sequence: sent });
        updateState(this.ctx.store, (current) => ({ cursors: withCursor(current.cursors, cursor) }));
      }
    } catch (error) {
      this.ctx.reportError(toChatError(error));
    } finally {
      read.sending = false;
    }
  }

  /** Forgets what was asked about a room whose history was replaced: its sequences mean something else now. */
  forgetRoom(roomId: string): void {
    const read = this.rooms.get(roomId);
    if (read && !read.sending) this.rooms.delete(roomId);
    else if (read) read.target = 0;
  }
}
