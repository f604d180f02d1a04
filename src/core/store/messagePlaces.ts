/**
 * Where a message sits: its room, its thread (for replies) and its sequence, which never changes.
 *
 * @example
 * const place: MessagePlace = { roomId: 'general', parentId: undefined, sequence: 42 };
 */
export interface MessagePlace {
  roomId: string;
  parentId: string | undefined;
  sequence: number;
}

/**
 * Where message ids were last found, so a lookup by id is O(log n) after the first. It belongs to
 * one store (each client's own, made by `createChatStore`) and forgets a room when the store stops
 * holding its timeline. A cache, not state: an entry is checked against the store on every read.
 *
 * @example
 * const places = new MessagePlaces();
 * places.remember('m1', { roomId: 'general', parentId: undefined, sequence: 7 });
 * places.get('m1')?.sequence; // 7
 */
export class MessagePlaces {
  private readonly rooms = new Map<string, Map<string, MessagePlace>>();

  get(messageId: string, roomId: string): MessagePlace | undefined {
    return this.rooms.get(roomId)?.get(messageId);
  }

  remember(messageId: string, place: MessagePlace): void {
    let room = this.rooms.get(place.roomId);
    if (!room) this.rooms.set(place.roomId, (room = new Map()));
    room.set(messageId, place);
  }

  /** Forgets every room the store no longer holds a timeline for. */
  keepOnly(heldRoomIds: (roomId: string) => boolean): void {
    for (const roomId of this.rooms.keys()) if (!heldRoomIds(roomId)) this.rooms.delete(roomId);
  }

  /** Forgets one room (its history was replaced: the same sequences may name other messages). */
  forgetRoom(roomId: string): void {
    this.rooms.delete(roomId);
  }

  get size(): number {
    let count = 0;
    for (const room of this.rooms.values()) count += room.size;
    return count;
  }
}

/**
 * The store's own cache of message places, beside its state.
 *
 * @example
 * selectMessageById(client.store.getState(), 'general', id); // remembers where `id` was found
 */
export interface MessagePlacesSlice {
  readonly messagePlaces: MessagePlaces;
}
