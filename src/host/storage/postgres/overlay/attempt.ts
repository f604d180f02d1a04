import type { Message } from '../../../../protocol';
import type { Delivery, StoredRoom, StoredUser } from '../../../../server';
import { messageFromRow } from '../../sql';
import type { Write } from './changes';
import { queryKey, type LoadedState } from './loaded';
import { MissSignal, type MessageRow, type Miss, type Query } from './misses';

/** A deep copy: what the overlay keeps and what it answers are never the caller's objects. */
export const copy: <T>(value: T) => T = (value) => structuredClone(value);

/**
 * One attempt of the work over a transaction's {@link LoadedState}: the writes it recorded, and
 * the current value of a person or a room (its writes over what is loaded), throwing a
 * {@link MissSignal} for what is not loaded yet. The reads and writes of {@link TransactionOverlay}
 * are built on it, one concept per layer.
 */
export abstract class OverlayAttempt {
  readonly writes: Write[] = [];
  readonly deliveries: Delivery[] = [];
  missed: Miss | undefined;
  protected readonly users = new Map<string, StoredUser>();
  /** People this attempt deleted (the loaded state outlives the attempt, so it is not changed). */
  protected readonly deletedUsers = new Set<string>();
  /** Rooms this attempt changed (null: deleted), in the order it first changed them. */
  protected readonly rooms = new Map<string, StoredRoom | null>();
  /** Messages this attempt inserted or replaced, by room then id. */
  protected readonly messages = new Map<string, Map<string, Message>>();
  protected readonly directs = new Map<string, string>();
  protected readonly sessionChanges = new Map<string, number>();
  /** Records this attempt wrote, by kind and scope then key (undefined: deleted). */
  protected readonly records = new Map<string, Map<string, unknown>>();
  /** Kinds and scopes whose records this attempt deleted all at once (before any written since). */
  protected readonly clearedScopes = new Set<string>();

  constructor(protected readonly loaded: LoadedState) {}

  protected miss(miss: Miss): never {
    this.missed ??= miss;
    throw new MissSignal(miss);
  }

  protected query<T>(query: Query): T {
    const key = queryKey(query);
    if (!this.loaded.queries.has(key)) this.miss({ kind: 'query', key, query });
    return this.loaded.queries.get(key) as T;
  }

  // Current values: this attempt's writes over what is loaded. Not copies.

  protected currentUser(userId: string): StoredUser | undefined {
    const written = this.users.get(userId);
    if (written) return written;
    if (this.deletedUsers.has(userId)) return undefined;
    if (!this.loaded.users.has(userId)) this.miss({ kind: 'user', userId });
    const stored = this.loaded.users.get(userId) ?? undefined;
    // People this attempt deleted are gone from every block list (deleteUser's statements do the same).
    if (stored && this.deletedUsers.size > 0 && stored.blocked.some((id) => this.deletedUsers.has(id))) {
      return { user: stored.user, blocked: stored.blocked.filter((id) => !this.deletedUsers.has(id)) };
    }
    return stored;
  }

  protected currentRoom(roomId: string): StoredRoom | undefined {
    if (this.rooms.has(roomId)) return this.rooms.get(roomId) ?? undefined;
    if (!this.loaded.rooms.has(roomId)) this.miss({ kind: 'room', roomId });
    return this.loaded.rooms.get(roomId) ?? undefined;
  }

  /** The room as this attempt will leave it, to change: copied once into the attempt's rooms. */
  protected changeRoom(roomId: string): StoredRoom | undefined {
    const room = this.currentRoom(roomId);
    if (!room) return undefined;
    if (this.rooms.get(roomId) !== room) this.rooms.set(roomId, copy(room));
    return this.rooms.get(roomId) ?? undefined;
  }

  protected roomDeleted(roomId: string): boolean {
    return this.rooms.has(roomId) && this.rooms.get(roomId) === null;
  }

  protected writtenMessages(roomId: string): Message[] {
    return [...(this.messages.get(roomId)?.values() ?? [])];
  }

  /**
   * Stored messages (fresh from their rows) with this attempt's versions (copies) in place and its
   * new ones added, by sequence: every message answered is the caller's own.
   */
  protected mergeMessages(roomId: string, stored: readonly MessageRow[], belongs: (message: Message) => boolean): Message[] {
    const written = this.messages.get(roomId);
    if (!written) return stored.map(messageFromRow);
    const byId = new Map<string, Message>();
    for (const row of stored) byId.set(row.id, written.has(row.id) ? copy(written.get(row.id)!) : messageFromRow(row));
    for (const message of written.values()) if (belongs(message)) byId.set(message.id, copy(message));
    return [...byId.values()].filter(belongs).sort((a, b) => a.sequence - b.sequence);
  }
}
