import { toChatError, type ReadCursor, type Room } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { lookup, selectCursor, selectMessageById, withCursor } from './store';

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

/**
 * Where "Mark unread" from a message puts the cursor: just before it, or null when the message is
 * unread already (marking unread never reads on).
 *
 * @example
 * unreadTarget(12, 20); // 11
 * unreadTarget(30, 20); // null
 */
export function unreadTarget(messageSequence: number, current: number): number | null {
  const target = messageSequence - 1;
  return target > current ? null : target;
}

/**
 * Whether reading as the messages come into view must wait: the person marked the room unread
 * (their cursor is `markedUnread`) and has not touched the list since (scrolled, pressed a key,
 * tapped). Messages on screen when they marked it are not "newly seen", so showing them must
 * not undo the mark.
 *
 * @example
 * readingHeld(true, false); // true
 * readingHeld(true, true); // false: they scrolled since
 */
export function readingHeld(markedUnread: boolean, interactedSinceMark: boolean): boolean {
  return markedUnread && !interactedSinceMark;
}

/**
 * One room's cursor on its way to the server: the furthest point asked for, whether a request is
 * out, and a count of "mark unread"s: an answer to a read sent before the last one is stale.
 */
interface ReadState {
  target: number;
  sending: boolean;
  unreadMarks: number;
}

/**
 * Moves the signed-in user's read cursors: at once in the store, then to the server with one
 * request per room at a time (a newer target goes out when the previous one answers). "Mark
 * unread" moves one back, and the answers of reads sent before it no longer count.
 */
export class ReadCursors {
  private readonly rooms = new Map<string, ReadState>();

  constructor(private readonly ctx: ClientContext) {}

  private stateOf(roomId: string): ReadState {
    let read = this.rooms.get(roomId);
    if (!read) {
      read = { target: 0, sending: false, unreadMarks: 0 };
      this.rooms.set(roomId, read);
    }
    return read;
  }

  private keep(cursor: ReadCursor): void {
    updateState(this.ctx.store, (current) => ({ cursors: withCursor(current.cursors, cursor) }));
  }

  async markRead(roomId: string, sequence?: number): Promise<void> {
    const state = this.ctx.store.getState();
    const room = lookup(state.rooms, roomId);
    const me = state.me;
    if (!room || !me) return;
    const read = this.stateOf(roomId);
    const target = readTarget(room, sequence, selectCursor(state, roomId, me)?.sequence ?? 0, read.target);
    if (target === null) return;
    read.target = Math.max(target, read.target);
    this.keep({ roomId, userId: me, sequence: target, updatedAt: this.ctx.now() });
    if (read.sending) return;
    read.sending = true;
    try {
      let sent = 0;
      while (read.target > sent) {
        sent = read.target;
        const marks = read.unreadMarks;
        const cursor = await this.ctx.transport.request({ type: 'cursor.set', roomId, sequence: sent });
        // Marked unread meanwhile: this answer is from before, and the mark's own answer decides.
        if (read.unreadMarks !== marks) break;
        this.keep(cursor);
      }
    } catch (error) {
      this.ctx.reportError(toChatError(error));
    } finally {
      read.sending = false;
    }
  }

  /**
   * Moves the signed-in user's cursor back to just before a message (at once in the store, then on
   * the server), flagged `markedUnread` until they read on. Rejects with the server's error.
   */
  async markUnread(roomId: string, messageId: string): Promise<void> {
    const state = this.ctx.store.getState();
    const me = state.me;
    if (!me || !lookup(state.rooms, roomId)) return;
    const message = selectMessageById(state, roomId, messageId);
    const read = this.stateOf(roomId);
    if (message) {
      const target = unreadTarget(message.sequence, selectCursor(state, roomId, me)?.sequence ?? 0);
      if (target === null) return;
      read.unreadMarks += 1;
      read.target = target;
      this.keep({ roomId, userId: me, sequence: target, updatedAt: this.ctx.now(), markedUnread: true });
    }
    const cursor = await this.ctx.transport.request({ type: 'cursor.markUnread', roomId, messageId });
    this.keep(cursor);
  }

  /** Forgets what was asked about a room whose history was replaced: its sequences mean something else now. */
  forgetRoom(roomId: string): void {
    const read = this.rooms.get(roomId);
    if (read && !read.sending) this.rooms.delete(roomId);
    else if (read) read.target = 0;
  }
}
