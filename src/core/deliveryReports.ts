import type { ReadCursor } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { lookup, selectCursor, withCursor } from './store';

/**
 * The sequence to tell the server has reached this device, or null when it knows already: what
 * was received must pass what was reported and what the person's cursor says (reading a message,
 * or a delivery reported by another device, implies it reached them).
 *
 * @example
 * deliveryToReport(12, 0, { roomId: 'r', userId: 'bo', sequence: 10, updatedAt: 0 }); // 12
 * deliveryToReport(12, 12, undefined); // null: reported already
 */
export function deliveryToReport(received: number, reported: number, own: ReadCursor | undefined): number | null {
  const known = Math.max(reported, own?.sequence ?? 0, own?.deliveredSequence ?? 0);
  return received > known ? received : null;
}

/**
 * How long to wait before reporting a room's delivery: at once when the last report is older than
 * the throttle, else until it is. So a burst of messages costs one report per room per period.
 *
 * @example
 * deliveryDelay(undefined, 5000, 1000); // 0
 * deliveryDelay(4600, 5000, 1000); // 600
 */
export function deliveryDelay(lastSentAt: number | undefined, now: number, throttleMs: number): number {
  return lastSentAt === undefined ? 0 : Math.max(0, lastSentAt + throttleMs - now);
}

interface RoomDelivery {
  received: number;
  reported: number;
  lastSentAt?: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Tells the server which messages reached this device (`cursor.delivered`), so authors see
 * "delivered": at most one report per room per throttle period, carrying the newest sequence
 * received (from events, or a session's snapshot). Never reports one's own messages: sending
 * moves one's own cursor past them. Best effort: a failed report is not an error for the app.
 */
export class DeliveryReports {
  private readonly rooms = new Map<string, RoomDelivery>();

  constructor(
    private readonly ctx: ClientContext,
    private readonly throttleMs: number,
  ) {}

  /** A message (or a room's newest sequence, from a snapshot) reached this device. */
  received(roomId: string, sequence: number): void {
    const room = this.rooms.get(roomId) ?? { received: 0, reported: 0 };
    this.rooms.set(roomId, room);
    room.received = Math.max(room.received, sequence);
    this.schedule(roomId, room);
  }

  private schedule(roomId: string, room: RoomDelivery): void {
    if (room.timer !== undefined || this.ctx.isClosed()) return;
    room.timer = setTimeout(() => {
      room.timer = undefined;
      this.report(roomId, room);
    }, deliveryDelay(room.lastSentAt, this.ctx.now(), this.throttleMs));
  }

  private report(roomId: string, room: RoomDelivery): void {
    const state = this.ctx.store.getState();
    if (!this.ctx.isOnline() || state.me === null || !lookup(state.rooms, roomId)) return;
    const sequence = deliveryToReport(room.received, room.reported, selectCursor(state, roomId, state.me));
    if (sequence === null) return;
    room.reported = sequence;
    room.lastSentAt = this.ctx.now();
    this.ctx.transport.request({ type: 'cursor.delivered', roomId, sequence }).then(
      (cursor) => updateState(this.ctx.store, (current) => ({ cursors: withCursor(current.cursors, cursor) })),
      () => {
        // Best effort, never an error for the app: a report lost with its connection, or one the
        // server no longer agrees with (history replaced), is sent again by the next message or
        // session's snapshot.
        room.reported = 0;
      },
    );
  }

  /** A room whose history was replaced: its sequences mean something else now. */
  forgetRoom(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (room?.timer !== undefined) clearTimeout(room.timer);
    this.rooms.delete(roomId);
  }

  stopTimers(): void {
    for (const room of this.rooms.values()) if (room.timer !== undefined) clearTimeout(room.timer);
    this.rooms.clear();
  }
}
