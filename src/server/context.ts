import {
  ChatError,
  TYPING_TTL_MS,
  type CommandOf,
  type CommandType,
  type Limits,
  type Message,
  type ResultOf,
  type Role,
  type ServerEvent,
} from '../protocol';
import { cloneJson } from './clone';
import { createState, cursorView, messageView, type RoomRecord, type ServerState, type UserRecord } from './state';
import type { TextFilter } from './wordFilter';

/** How many times to ask `generateId` for an unused id before calling it a bug. */
const MAX_ID_ATTEMPTS = 1000;

/**
 * The server's state plus the helpers every command handler shares: lookups that fail with the
 * right error, membership changes that keep all indexes in step, and an outbox of events that is
 * delivered only when a command succeeds. Internal to the server.
 *
 * @example
 * const room = ctx.requireMember('general', 'ana');
 * ctx.sendToMembers(room, () => ({ type: 'room.updated', room: roomView(room) }));
 * ctx.flush();
 */
export class ServerContext {
  readonly state: ServerState = createState();
  /** Events wait here until the command that caused them has finished without throwing. */
  private outbox: Array<{ userId: string; event: ServerEvent }> = [];
  /** Events of finished commands, in order; a listener that runs a command from inside delivery queues behind them. */
  private deliveries: Array<{ userId: string; event: ServerEvent }> = [];
  private delivering = false;

  constructor(
    readonly limits: Readonly<Limits>,
    readonly now: () => number,
    readonly filterText: TextFilter,
    private readonly generateId: (kind: 'room' | 'message') => string,
  ) {}

  newRoomId(): string {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = this.generateId('room');
      if (!this.state.rooms.has(id)) return id;
    }
    throw new ChatError('internal', 'generateId keeps returning room ids that are already taken.');
  }

  newMessageId(room: RoomRecord): string {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = this.generateId('message');
      if (!room.byId.has(id)) return id;
    }
    throw new ChatError('internal', 'generateId keeps returning message ids that are already taken.');
  }

  requireUser(userId: string): UserRecord {
    const record = this.state.users.get(userId);
    if (!record) throw new ChatError('not_found', `There is no user with id "${userId}".`);
    return record;
  }

  requireRoom(roomId: string): RoomRecord {
    const room = this.state.rooms.get(roomId);
    if (!room) throw new ChatError('not_found', `There is no room with id "${roomId}".`);
    return room;
  }

  /** Every read and write of a room goes through here. Non-members always get `forbidden`, whatever the room's kind. */
  requireMember(roomId: string, userId: string): RoomRecord {
    const room = this.requireRoom(roomId);
    if (!room.members.has(userId)) {
      throw new ChatError(
        'forbidden',
        room.kind === 'public' ? `You are not a member of room "${roomId}"; join the room first.` : `You are not a member of room "${roomId}".`,
      );
    }
    return room;
  }

  requireAdmin(room: RoomRecord, userId: string, action: string): void {
    if (room.members.get(userId)?.role !== 'admin') throw new ChatError('forbidden', `Only an admin of this room may ${action}.`);
  }

  /** Direct rooms are always exactly their two people, with no admin. */
  requireNotDirect(room: RoomRecord, action: string): void {
    if (room.kind === 'direct') throw new ChatError('forbidden', `You cannot ${action} a direct conversation.`);
  }

  /** True when `viewerId` has blocked `authorId`. */
  blocks(viewerId: string, authorId: string): boolean {
    return this.state.users.get(viewerId)?.blocked.has(authorId) ?? false;
  }

  /** Everyone who shares a room with `userId`, and the person themselves. */
  audienceOf(userId: string): Set<string> {
    const audience = new Set<string>([userId]);
    for (const roomId of this.state.users.get(userId)?.rooms ?? []) {
      for (const memberId of this.state.rooms.get(roomId)?.members.keys() ?? []) audience.add(memberId);
    }
    return audience;
  }

  /** Queues an event for every open session of `userId`. */
  send(userId: string, event: ServerEvent): void {
    this.outbox.push({ userId, event });
  }

  /** Queues an event per member; `make` may return undefined to skip a member. */
  sendToMembers(room: RoomRecord, make: (userId: string) => ServerEvent | undefined): void {
    for (const userId of room.members.keys()) {
      const event = make(userId);
      if (event) this.send(userId, event);
    }
  }

  /** A message event to every member; members who block its author learn only that the sequence is taken. */
  sendMessage(room: RoomRecord, message: Message, type: 'message.created' | 'message.updated'): void {
    const view = messageView(message);
    this.sendToMembers(room, (userId) =>
      this.blocks(userId, message.authorId) ? { type: 'message.hidden', roomId: room.id, sequence: message.sequence } : { type, message: view },
    );
  }

  /**
   * Delivers the finished command's events, each session its own copy, so a listener cannot reach
   * another's or the server's objects. Re-entrant: a command run by a listener during delivery has
   * its events appended and delivered after the ones already queued, so every session still sees
   * events in the order they happened.
   */
  flush(): void {
    for (const item of this.outbox) this.deliveries.push(item);
    this.outbox = [];
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let index = 0; index < this.deliveries.length; index++) {
        const item = this.deliveries[index];
        if (!item) continue;
        const { userId, event } = item;
        for (const session of this.state.users.get(userId)?.sessions ?? []) {
          if (!session.open) continue;
          try {
            session.listener(cloneJson(event));
          } catch {
            // A faulty listener is its transport's problem; it must not undo a command that already happened.
          }
        }
      }
    } finally {
      this.deliveries = [];
      this.delivering = false;
    }
  }

  /** Drops queued events of a command that failed. */
  discard(): void {
    this.outbox = [];
  }

  addMember(room: RoomRecord, userId: string, role: Role): void {
    room.members.set(userId, { userId, role, joinedAt: this.now() });
    this.state.users.get(userId)?.rooms.add(room.id);
  }

  /**
   * Takes a person out of a room with everything that hangs on their membership: typing, cursor,
   * and the admin role (the longest-standing member inherits it, so a room never ends up unmanaged).
   */
  removeMember(room: RoomRecord, userId: string): void {
    this.stopTyping(room, userId);
    const wasAdmin = room.members.get(userId)?.role === 'admin';
    room.members.delete(userId);
    room.cursors.delete(userId);
    this.state.users.get(userId)?.rooms.delete(room.id);
    if (wasAdmin && ![...room.members.values()].some((member) => member.role === 'admin')) {
      const heir = room.members.values().next();
      if (!heir.done) heir.value.role = 'admin';
    }
  }

  /**
   * Moves a cursor forward and tells the room (unless `silent`: a send's own event already says
   * it); returns false (and does nothing) when it would not move forward.
   */
  advanceCursor(room: RoomRecord, userId: string, sequence: number, options: { silent?: boolean } = {}): boolean {
    const current = room.cursors.get(userId);
    if (current && sequence <= current.sequence) return false;
    const cursor = { roomId: room.id, userId, sequence, updatedAt: this.now() };
    room.cursors.set(userId, cursor);
    if (!options.silent) this.sendToMembers(room, () => ({ type: 'cursor.updated', cursor: cursorView(cursor) }));
    return true;
  }

  startTyping(room: RoomRecord, userId: string): void {
    room.typing.set(userId, this.now() + TYPING_TTL_MS);
    this.state.typingRooms.add(room);
    this.sendToMembers(room, (memberId) =>
      memberId === userId || this.blocks(memberId, userId) ? undefined : { type: 'typing.started', roomId: room.id, userId, ttlMs: TYPING_TTL_MS },
    );
  }

  /** Ends a typing notice if there is one, telling the other members (unless `silent`). */
  stopTyping(room: RoomRecord, userId: string, options: { silent?: boolean } = {}): void {
    if (!room.typing.delete(userId)) return;
    if (room.typing.size === 0) this.state.typingRooms.delete(room);
    if (options.silent) return;
    this.sendToMembers(room, (memberId) =>
      memberId === userId || this.blocks(memberId, userId) ? undefined : { type: 'typing.stopped', roomId: room.id, userId },
    );
  }
}

/**
 * What runs one command for one person, after parsing, membership-free (each handler checks what
 * it needs). Throws ChatError to refuse; returns fresh views, never internal objects.
 *
 * @example
 * const join: Handler<'room.join'> = (ctx, actor, command) => roomView(ctx.requireRoom(command.roomId));
 */
export type Handler<T extends CommandType> = (ctx: ServerContext, actor: UserRecord, command: CommandOf<T>) => ResultOf<T>;

/**
 * Handlers for a set of command types.
 *
 * @example
 * const handlers: Handlers<'typing.stop'> = { 'typing.stop': () => ({}) };
 */
export type Handlers<T extends CommandType = CommandType> = { [K in T]: Handler<K> };
