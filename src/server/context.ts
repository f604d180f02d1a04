import {
  ChatError,
  TYPING_TTL_MS,
  type CommandOf,
  type CommandType,
  type Limits,
  type Message,
  type ModerationSettings,
  type ResultOf,
  type Role,
  type RoomMember,
  type Room,
  type ServerEvent,
} from '../protocol';
import { cursorView, isCrowd, messageView, roomView } from './views';
import type { Delivery, HostEvent, StorageTx, StoredRoom, StoredUser } from './storage';
import type { TypingTracker } from './typing';
import type { TextFilter } from './wordFilter';
import { forgetRoomSettings } from './roomSettings';

/** How many times to ask `generateId` for an unused id before calling it a bug. */
const MAX_ID_ATTEMPTS = 1000;

/**
 * What stays the same for every command of one server: limits, clock, filters, ids, and this
 * host's typing notices. Internal to the server.
 *
 * @example
 * const rules: ServerRules = { limits, now, filterText, generateId, typing };
 */
export interface ServerRules {
  readonly limits: Readonly<Limits>;
  readonly now: () => number;
  readonly filterText: TextFilter;
  readonly generateId: (kind: 'room' | 'message') => string;
  readonly typing: TypingTracker;
  /** Accept http:// avatar URLs from any host, not only localhost (see ReferenceServerOptions.allowHttpUrls). */
  readonly allowHttpUrls: boolean;
  /** Who may open a direct room with whom (see ReferenceServerOptions.directMessages). */
  readonly directMessages: 'anyone' | 'shared-room';
  /** What adding people to a room does (see ReferenceServerOptions.invitations). */
  readonly invitations: 'direct' | 'accept';
  /** Rooms with more members are crowds (see ReferenceServerOptions.crowdSize). */
  readonly crowdSize: number;
  /** How long a streamed message may go without a piece before the sweep stops it (see ReferenceServerOptions.streamIdleMs). */
  readonly streamIdleMs: number;
  /** The word list and flood limit of the server's options, under any stored moderation settings. */
  readonly moderationDefaults: ModerationSettings;
}

/**
 * One attempt at one command: the storage transaction, the rules, and the events the command
 * causes, published with the transaction (so they are delivered only if it commits). A storage
 * engine may run an attempt again from the start; everything an attempt changes goes through
 * `tx` or is rebuilt by the next attempt. Internal to the server.
 *
 * @example
 * const room = ctx.requireMember('general', 'ana');
 * ctx.sendToMembers(room, () => ({ type: 'room.updated', room: roomView(room) }));
 */
export class ServerContext {
  private readonly outbox: Delivery[] = [];
  /** Blockers per author, read once per attempt: a message to a hundred members asks once. */
  private readonly blockers = new Map<string, ReadonlySet<string>>();

  constructor(
    readonly tx: StorageTx,
    private readonly rules: ServerRules,
    /**
     * The host app's backend is acting (the admin API), not a person: it may manage any room
     * without being in it. The rules on what a room may hold (limits, the last admin) still apply.
     */
    readonly trusted = false,
  ) {}

  get limits(): Readonly<Limits> {
    return this.rules.limits;
  }

  now(): number {
    return this.rules.now();
  }

  get streamIdleMs(): number {
    return this.rules.streamIdleMs;
  }

  /** The protocol's view of a room, a crowd's with only some members (see `roomView`). */
  roomView(room: StoredRoom): Room {
    return roomView(room, this.rules.crowdSize);
  }

  /** Whether the room is a crowd under this server's `crowdSize`. */
  isCrowd(room: StoredRoom): boolean {
    return isCrowd(room, this.rules.crowdSize);
  }

  get directMessages(): 'anyone' | 'shared-room' {
    return this.rules.directMessages;
  }

  get moderationDefaults(): ModerationSettings {
    return this.rules.moderationDefaults;
  }

  /** Whether adding people sends them invitations to accept: for people only, never the host app's backend. */
  get invitesNeedAnswer(): boolean {
    return this.rules.invitations === 'accept' && !this.trusted;
  }

  get allowHttpUrls(): boolean {
    return this.rules.allowHttpUrls;
  }

  filterText(text: string, what: string): string {
    return this.rules.filterText(text, what);
  }

  newRoomId(): string {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = this.rules.generateId('room');
      if (!this.tx.getRoom(id)) return id;
    }
    throw new ChatError('internal', 'generateId keeps returning room ids that are already taken.');
  }

  newMessageId(room: StoredRoom): string {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = this.rules.generateId('message');
      if (!this.tx.getMessage(room.id, id)) return id;
    }
    throw new ChatError('internal', 'generateId keeps returning message ids that are already taken.');
  }

  /** A fresh id for a record (a report), unguessable like room and message ids. */
  newRecordId(prefix: string): string {
    return `${prefix}_${this.rules.generateId('message').replace(/^msg_/, '')}`;
  }

  requireUser(userId: string): StoredUser {
    const record = this.tx.getUser(userId);
    if (!record) throw new ChatError('not_found', `There is no user with id "${userId}".`);
    return record;
  }

  requireRoom(roomId: string): StoredRoom {
    const room = this.tx.getRoom(roomId);
    if (!room) throw missingRoom(roomId);
    return room;
  }

  /**
   * Every read and write of a room goes through here. A non-member of a public room gets
   * `forbidden` ("join the room first"); a private or direct room one is not in answers exactly
   * like a missing one, so nobody learns which ids exist.
   */
  requireMember(roomId: string, userId: string): StoredRoom {
    const room = this.requireRoom(roomId);
    if (this.trusted || isMember(room, userId)) return room;
    if (room.kind !== 'public') throw missingRoom(roomId);
    throw new ChatError('forbidden', `You are not a member of room "${roomId}"; join the room first.`);
  }

  requireAdmin(room: StoredRoom, userId: string, action: string): void {
    if (!this.isAdmin(room, userId)) throw new ChatError('forbidden', `Only an admin of this room may ${action}.`);
  }

  /** An admin of the room, or the host app's backend. */
  isAdmin(room: StoredRoom, userId: string): boolean {
    return this.trusted || roleOf(room, userId) === 'admin';
  }

  /** Direct rooms are always exactly their two people, with no admin. */
  requireNotDirect(room: StoredRoom, action: string): void {
    if (room.kind === 'direct') throw new ChatError('forbidden', `You cannot ${action} a direct conversation.`);
  }

  /** Those who block `authorId`. */
  blockersOf(authorId: string): ReadonlySet<string> {
    let set = this.blockers.get(authorId);
    if (!set) {
      set = new Set(this.tx.blockersOf(authorId));
      this.blockers.set(authorId, set);
    }
    return set;
  }

  /** True when `viewerId` has blocked `authorId`. */
  blocks(viewerId: string, authorId: string): boolean {
    return this.blockersOf(authorId).has(viewerId);
  }

  /**
   * Everyone who shares a room that is not a crowd with `userId`, and the person themselves: who
   * hears of their presence and profile changes (a crowd's members learn them on demand).
   */
  audienceOf(userId: string): string[] {
    return this.tx.audienceOf(userId, { maxRoomSize: this.rules.crowdSize });
  }

  /** Queues an event for every open session of `userId`, on every host. */
  send(userId: string, event: ServerEvent): void {
    this.sendTo([userId], event);
  }

  /** Queues one event for several people (each session gets its own copy at delivery). */
  sendTo(userIds: readonly string[], event: ServerEvent): void {
    if (userIds.length === 0) return;
    const last = this.outbox[this.outbox.length - 1];
    // Consecutive sends of the same event object travel as one delivery.
    if (last && last.event === event) last.userIds = [...last.userIds, ...userIds];
    else this.outbox.push({ userIds: [...userIds], event });
  }

  /** Queues an event per member; `make` may return undefined to skip a member. */
  sendToMembers(room: StoredRoom, make: (userId: string) => ServerEvent | undefined): void {
    for (const { userId } of room.members) {
      const event = make(userId);
      if (event) this.send(userId, event);
    }
  }

  /** A message event to every member; members who block its author learn only that the sequence is taken. */
  sendMessage(room: StoredRoom, message: Message, type: 'message.created' | 'message.updated'): void {
    const view = messageView(message);
    const event: ServerEvent = { type, message: view } as ServerEvent;
    const blockers = this.blockersOf(message.authorId);
    const readers: string[] = [];
    const hiders: string[] = [];
    for (const { userId } of room.members) (blockers.has(userId) ? hiders : readers).push(userId);
    this.sendTo(readers, event);
    this.sendTo(hiders, { type: 'message.hidden', roomId: room.id, sequence: message.sequence });
  }

  /**
   * Tells every host's server (no session) that the site's moderation settings changed: a
   * delivery to nobody, which crosses hosts with the transaction's other events.
   */
  tellHosts(event: HostEvent): void {
    this.outbox.push({ userIds: [], event });
  }

  /** The events this attempt caused, for the transaction to publish. */
  takeOutbox(): Delivery[] {
    return this.outbox.splice(0);
  }

  addMember(room: StoredRoom, userId: string, role: Role): void {
    const member = { userId, role, joinedAt: this.now() };
    this.tx.putMember(room.id, member);
    room.members.push(member);
  }

  /**
   * Takes a person out of a room with everything that hangs on their membership: typing, cursor,
   * their own settings of the room, and the admin role (the longest-standing member inherits it, so a room never ends up unmanaged).
   */
  removeMember(room: StoredRoom, userId: string): void {
    this.stopTyping(room, userId);
    const wasAdmin = roleOf(room, userId) === 'admin';
    this.tx.deleteMember(room.id, userId);
    forgetRoomSettings(this, userId, room.id);
    room.members = room.members.filter((member) => member.userId !== userId);
    room.cursors = room.cursors.filter((cursor) => cursor.userId !== userId);
    if (wasAdmin && !room.members.some((member) => member.role === 'admin')) {
      const heir = room.members[0];
      if (heir) {
        heir.role = 'admin';
        this.tx.putMember(room.id, heir);
      }
    }
  }

  /**
   * Moves a cursor forward and tells the room (unless `silent`: a send's own event already says
   * it); returns false (and does nothing) when it would not move forward.
   */
  advanceCursor(room: StoredRoom, userId: string, sequence: number, options: { silent?: boolean } = {}): boolean {
    const current = room.cursors.find((cursor) => cursor.userId === userId);
    if (current && sequence <= current.sequence) return false;
    this.placeCursor(room, userId, sequence, { silent: options.silent ?? false, markUnread: false });
    return true;
  }

  /**
   * Puts a person's cursor at `sequence` in either direction and tells whoever sees a change.
   * Moving back (`markUnread`, `cursor.markUnread`'s business alone) tells only the person's own
   * sessions: the others keep seeing their receipt where it stood (the member's `readPeak`).
   * Reading on clears the "marked unread" flag, and the peak once it is passed.
   */
  placeCursor(room: StoredRoom, userId: string, sequence: number, options: { silent: boolean; markUnread: boolean }): void {
    const previous = room.cursors.find((item) => item.userId === userId)?.sequence ?? 0;
    const cursor = { roomId: room.id, userId, sequence, updatedAt: this.now() };
    this.tx.putCursor(cursor);
    room.cursors = [...room.cursors.filter((item) => item.userId !== userId), cursor];
    const member = room.members.find((item) => item.userId === userId);
    const seenByOthers = Math.max(previous, member?.readPeak ?? 0);
    if (member && readingFlagsChange(member, sequence, previous, options.markUnread)) this.tx.putMember(room.id, member);
    if (options.silent) return;
    this.send(userId, { type: 'cursor.updated', cursor: cursorView(cursor, member, userId) });
    // The others see max(cursor, peak): it moved for them only if the cursor passed what they saw.
    // In a crowd only the reader's own devices follow: a read would otherwise be a frame to everyone.
    if (options.markUnread || sequence <= seenByOthers || this.isCrowd(room)) return;
    const others = room.members.map((item) => item.userId).filter((id) => id !== userId);
    this.sendTo(others, { type: 'cursor.updated', cursor: cursorView(cursor, member, null) });
  }

  /** Starts or extends a person's notice; the room hears of it at most once per TYPING_THROTTLE_MS. */
  startTyping(room: StoredRoom, userId: string): void {
    const now = this.now();
    // Storage first, the tracker last: an engine that reruns the work after a miss (PostgreSQL)
    // must find the tracker as the first attempt did, or the rerun would think it told the room.
    const blockers = this.blockersOf(userId);
    const audience = room.members.map((member) => member.userId).filter((memberId) => memberId !== userId && !blockers.has(memberId));
    if (!this.rules.typing.start(room.id, userId, now, now + TYPING_TTL_MS)) return;
    this.sendTo(audience, { type: 'typing.started', roomId: room.id, userId, ttlMs: TYPING_TTL_MS });
  }

  /** Ends a typing notice if there is one, telling the other members (unless `silent`). */
  stopTyping(room: StoredRoom, userId: string, options: { silent?: boolean } = {}): void {
    // As in startTyping: every storage read before the tracker changes.
    const blockers = options.silent ? new Set<string>() : this.blockersOf(userId);
    const audience = room.members.map((member) => member.userId).filter((memberId) => memberId !== userId && !blockers.has(memberId));
    if (!this.rules.typing.stop(room.id, userId)) return;
    if (options.silent) return;
    this.sendTo(audience, { type: 'typing.stopped', roomId: room.id, userId });
  }
}

/**
 * Updates a member's reading flags for a cursor moving from `previous` to `sequence`; true when
 * they changed (and so must be stored). Marking unread keeps the furthest point read as the peak
 * others see; reading on clears the flag, and the peak once the cursor reaches it.
 *
 * @example
 * if (readingFlagsChange(member, 4, 9, true)) tx.putMember(roomId, member); // peak 9, marked unread
 */
export function readingFlagsChange(member: RoomMember, sequence: number, previous: number, markUnread: boolean): boolean {
  const before = `${member.markedUnread}|${member.readPeak}`;
  if (markUnread) {
    member.markedUnread = true;
    member.readPeak = Math.max(member.readPeak ?? 0, previous);
  } else {
    delete member.markedUnread;
    if (member.readPeak !== undefined && sequence >= member.readPeak) delete member.readPeak;
  }
  return `${member.markedUnread}|${member.readPeak}` !== before;
}

/**
 * The one answer for a room that does not exist or that the person may not know exists.
 *
 * @example
 * if (!room) throw missingRoom(roomId);
 */
export function missingRoom(roomId: string): ChatError {
  return new ChatError('not_found', `There is no room with id "${roomId}".`);
}

/** The role of a member, or undefined for a non-member. */
export function roleOf(room: StoredRoom, userId: string): Role | undefined {
  return room.members.find((member) => member.userId === userId)?.role;
}

/** True when the person is a member of the room. */
export function isMember(room: StoredRoom, userId: string): boolean {
  return room.members.some((member) => member.userId === userId);
}

/**
 * What runs one command for one person, after parsing, membership-free (each handler checks what
 * it needs). Throws ChatError to refuse; returns fresh views, never internal objects.
 *
 * @example
 * const join: Handler<'room.join'> = (ctx, actor, command) => roomView(ctx.requireRoom(command.roomId));
 */
export type Handler<T extends CommandType> = (ctx: ServerContext, actor: StoredUser, command: CommandOf<T>) => ResultOf<T>;

/**
 * Handlers for a set of command types.
 *
 * @example
 * const handlers: Handlers<'typing.stop'> = { 'typing.stop': () => ({}) };
 */
export type Handlers<T extends CommandType = CommandType> = { [K in T]: Handler<K> };
