import { toChatError, type ServerEvent, type SessionSnapshot } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import type { DeliveryReports } from './deliveryReports';
import type { HistoryLoader } from './historyLoader';
import type { ReadCursors } from './readCursors';
import type { SendQueue } from './sendQueue';
import { applyEvent, applySnapshot, forgetHistory, roomsWithForeignHistory, selectTimeline } from './store';
import type { StreamedMessages } from './streamedMessages';
import type { TypingNotices } from './typingNotices';

/** The parts of a ChatClient that learn from what the server sends, besides the store. */
export interface ServerFeedParts {
  readonly sends: SendQueue;
  readonly history: HistoryLoader;
  readonly reads: ReadCursors;
  readonly deliveries: DeliveryReports;
  readonly typing: TypingNotices;
  readonly streamed: StreamedMessages;
}

/**
 * What the server sends a ChatClient, folded in: each session's snapshot (dropping held copies of
 * another history, then resuming sends and history) and each event (into the store, then to the
 * parts that follow it, then to the client's subscribers).
 */
export class ServerFeed {
  private readonly listeners = new Set<(event: ServerEvent) => void>();

  constructor(
    private readonly ctx: ClientContext,
    private readonly parts: ServerFeedParts,
  ) {}

  /** Folds the snapshot of a session that just opened (the first, or one after a drop). */
  session(snapshot: SessionSnapshot): void {
    const { sends, history, typing, streamed, deliveries } = this.parts;
    const state = () => this.ctx.store.getState();
    const now = this.ctx.now();
    // Rooms whose held copy is from another history (a new epoch, or sequences the server does not
    // have) are dropped in the same update that applies the snapshot, so nothing stale shows.
    const foreign = roomsWithForeignHistory(state(), snapshot);
    const held = foreign.filter((roomId) => selectTimeline(state(), roomId).covered.length > 0);
    updateState(this.ctx.store, (current) => ({ ...applySnapshot({ ...current, ...forgetHistory(current, foreign) }, snapshot, now), connection: { state: 'online' } }));
    typing.schedulePrune();
    this.forgetRoomParts(foreign);
    // A dropped room is asked for before the outbox is resent, so its history lands first and the
    // resent messages follow it as new ones (a list sees them appended, not history prepended).
    for (const roomId of held) void history.reload(roomId);
    // The outbox goes first among sends, in order, so that nothing sent later can overtake it on the wire.
    sends.resume();
    void history.resume();
    streamed.resync();
    // The snapshot brought each room's newest sequence to this device: that much was delivered.
    for (const room of snapshot.rooms) if (room.lastSequence > 0) deliveries.received(room.id, room.lastSequence);
  }

  /**
   * A room's history does not match the copy held (`room.resume` answered `conflict`): throw the
   * copy away, keeping the pending sends, and load the room again.
   */
  reloadRoom(roomId: string): void {
    updateState(this.ctx.store, (state) => {
      const { timelines, threads, previews } = forgetHistory(state, [roomId]);
      return { timelines, threads, previews };
    });
    this.forgetRoomParts([roomId]);
    void this.parts.history.reload(roomId);
  }

  /** What the parts remember about rooms whose copy was thrown away; their sends show again. */
  private forgetRoomParts(roomIds: readonly string[]): void {
    const { messagePlaces } = this.ctx.store.getState();
    for (const roomId of roomIds) {
      this.parts.history.forgetRoom(roomId);
      this.parts.reads.forgetRoom(roomId);
      this.parts.deliveries.forgetRoom(roomId);
      messagePlaces.forgetRoom(roomId);
      this.parts.sends.showRoom(roomId);
    }
  }

  /** Folds one live event; a streamed message's appended text goes to its own part, not the store's events. */
  event(event: ServerEvent): void {
    const { sends, deliveries, typing, streamed } = this.parts;
    if (event.type === 'message.appended') {
      streamed.fold(event);
      return;
    }
    const now = this.ctx.now();
    updateState(this.ctx.store, (state) => applyEvent(state, event, now));
    if (event.type === 'message.created' && event.message.authorId === this.ctx.store.getState().me) sends.confirmed(event.message);
    else if (event.type === 'message.created') deliveries.received(event.message.roomId, event.message.sequence);
    if (event.type === 'typing.started' || event.type === 'message.created') typing.schedulePrune();
    for (const listener of [...this.listeners]) {
      // One listener's failure must not keep the event from the others, nor from the store.
      try {
        listener(event);
      } catch (error) {
        this.ctx.reportError(toChatError(error));
      }
    }
  }

  /** Calls `listener` with every event after it is folded; answers the function that stops it. */
  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
