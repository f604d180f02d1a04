import { ChatError, type CustomData, type RoomKind } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { directPairKey, roomView, type RoomRecord } from './state';
import { normalizeRoomName, storableCustomData } from './validate';

/**
 * What it takes to create a public or private room.
 *
 * @example
 * const input: NewRoom = { name: 'general', kind: 'public', createdBy: 'ana' };
 */
export interface NewRoom {
  id?: string;
  name: string;
  kind: 'public' | 'private';
  createdBy: string;
  memberIds?: readonly string[];
  customData?: CustomData;
}

function emptyRoom(id: string, name: string, kind: RoomKind, createdBy: string, now: number): RoomRecord {
  return {
    id,
    name,
    kind,
    createdBy,
    createdAt: now,
    lastActivityAt: now,
    members: new Map(),
    messages: [],
    topLevel: [],
    replies: new Map(),
    byId: new Map(),
    byClientKey: new Map(),
    cursors: new Map(),
    typing: new Map(),
  };
}

/** Checks a list of people to add against the per-request limit and that each exists; returns the new ones, once each. */
function newcomers(ctx: ServerContext, room: RoomRecord | undefined, userIds: readonly string[]): string[] {
  if (userIds.length > ctx.limits.maxMembersPerRequest) {
    throw new ChatError('too_large', `Add or remove at most ${ctx.limits.maxMembersPerRequest} members in one request; this one names ${userIds.length}.`);
  }
  for (const userId of userIds) ctx.requireUser(userId);
  return [...new Set(userIds)].filter((userId) => !room?.members.has(userId));
}

function assertRoomHasSpace(ctx: ServerContext, total: number): void {
  if (total > ctx.limits.maxMembersPerRoom) {
    throw new ChatError('too_large', `A room may have at most ${ctx.limits.maxMembersPerRoom} members; this would make ${total}.`);
  }
}

/** Tells the members (except those in `skip`) that the room changed. */
function announceUpdate(ctx: ServerContext, room: RoomRecord, skip?: ReadonlySet<string>): void {
  const view = roomView(room);
  ctx.sendToMembers(room, (userId) => (skip?.has(userId) ? undefined : { type: 'room.updated', room: view }));
}

/**
 * Creates a public or private room; the creator becomes its admin and everyone in it hears `room.joined`.
 * Shared by the `room.create` command and the trusted `createRoom`.
 *
 * @example
 * const room = createRoomRecord(ctx, { name: 'general', kind: 'public', createdBy: 'ana' });
 */
export function createRoomRecord(ctx: ServerContext, input: NewRoom): RoomRecord {
  const creator = ctx.requireUser(input.createdBy);
  const name = normalizeRoomName(ctx, input.name);
  const others = newcomers(ctx, undefined, input.memberIds ?? []).filter((userId) => userId !== creator.user.id);
  assertRoomHasSpace(ctx, 1 + others.length);
  const customData = input.customData === undefined ? undefined : storableCustomData(ctx, input.customData, 'room');
  if (input.id !== undefined && ctx.state.rooms.has(input.id)) throw new ChatError('conflict', `A room with id "${input.id}" already exists.`);

  const room = emptyRoom(input.id ?? ctx.newRoomId(), name, input.kind, creator.user.id, ctx.now());
  if (customData !== undefined) room.customData = customData;
  ctx.state.rooms.set(room.id, room);
  ctx.addMember(room, creator.user.id, 'admin');
  for (const userId of others) ctx.addMember(room, userId, 'member');
  const view = roomView(room);
  ctx.sendToMembers(room, () => ({ type: 'room.joined', room: view }));
  return room;
}

/** Commands that manage rooms and their members. */
export const roomHandlers: Handlers<
  | 'room.create'
  | 'room.update'
  | 'room.delete'
  | 'room.join'
  | 'room.leave'
  | 'room.addMembers'
  | 'room.removeMembers'
  | 'room.setRole'
  | 'room.listPublic'
  | 'direct.open'
> = {
  'room.create': (ctx, actor, command) => {
    const input: NewRoom = { name: command.name, kind: command.kind, createdBy: actor.user.id };
    if (command.memberIds !== undefined) input.memberIds = command.memberIds;
    if (command.customData !== undefined) input.customData = command.customData;
    return roomView(createRoomRecord(ctx, input));
  },

  'room.update': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'rename or change');
    ctx.requireAdmin(room, actor.user.id, 'change it');
    const name = command.name === undefined ? undefined : normalizeRoomName(ctx, command.name);
    const customData = command.customData === undefined ? undefined : storableCustomData(ctx, command.customData, 'room');
    if (name === undefined && customData === undefined) return roomView(room);
    if (name !== undefined) room.name = name;
    if (customData !== undefined) room.customData = customData;
    announceUpdate(ctx, room);
    return roomView(room);
  },

  'room.delete': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'delete');
    ctx.requireAdmin(room, actor.user.id, 'delete it');
    for (const userId of [...room.members.keys()]) {
      ctx.removeMember(room, userId);
      ctx.send(userId, { type: 'room.left', roomId: room.id, reason: 'deleted' });
    }
    ctx.state.rooms.delete(room.id);
    ctx.state.typingRooms.delete(room);
    return { roomId: room.id };
  },

  'room.join': (ctx, actor, command) => {
    const room = ctx.requireRoom(command.roomId);
    if (room.members.has(actor.user.id)) return roomView(room);
    if (room.kind !== 'public') {
      throw new ChatError('forbidden', room.kind === 'private' ? 'This room is private; an admin of it must add you.' : 'A direct conversation cannot be joined.');
    }
    assertRoomHasSpace(ctx, room.members.size + 1);
    // Someone has to be able to manage a room that everyone had left.
    const hasAdmin = [...room.members.values()].some((member) => member.role === 'admin');
    ctx.addMember(room, actor.user.id, hasAdmin ? 'member' : 'admin');
    announceUpdate(ctx, room, new Set([actor.user.id]));
    const view = roomView(room);
    ctx.send(actor.user.id, { type: 'room.joined', room: view });
    return view;
  },

  'room.leave': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'leave');
    ctx.removeMember(room, actor.user.id);
    ctx.send(actor.user.id, { type: 'room.left', roomId: room.id, reason: 'left' });
    announceUpdate(ctx, room);
    return { roomId: room.id };
  },

  'room.addMembers': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'add people to');
    if (room.kind === 'private') ctx.requireAdmin(room, actor.user.id, 'add people to a private room');
    const added = newcomers(ctx, room, command.userIds);
    if (added.length === 0) return roomView(room);
    assertRoomHasSpace(ctx, room.members.size + added.length);
    const before = new Set(added);
    for (const userId of added) ctx.addMember(room, userId, 'member');
    announceUpdate(ctx, room, before);
    const view = roomView(room);
    for (const userId of added) ctx.send(userId, { type: 'room.joined', room: view });
    return view;
  },

  'room.removeMembers': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'remove people from');
    if (command.userIds.length > ctx.limits.maxMembersPerRequest) {
      throw new ChatError('too_large', `Add or remove at most ${ctx.limits.maxMembersPerRequest} members in one request; this one names ${command.userIds.length}.`);
    }
    for (const userId of command.userIds) ctx.requireUser(userId);
    // Removing only yourself is leaving; removing anyone else takes an admin, in public rooms too.
    if (command.userIds.some((userId) => userId !== actor.user.id)) ctx.requireAdmin(room, actor.user.id, 'remove other people');
    const removed = [...new Set(command.userIds)].filter((userId) => room.members.has(userId));
    if (removed.length === 0) return roomView(room);
    for (const userId of removed) {
      ctx.removeMember(room, userId);
      ctx.send(userId, { type: 'room.left', roomId: room.id, reason: userId === actor.user.id ? 'left' : 'removed' });
    }
    announceUpdate(ctx, room);
    return roomView(room);
  },

  'room.setRole': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'change roles in');
    ctx.requireAdmin(room, actor.user.id, 'change roles');
    const member = room.members.get(command.userId);
    if (!member) throw new ChatError('not_found', `"${command.userId}" is not a member of this room.`);
    if (member.role === command.role) return roomView(room);
    if (command.role === 'member') {
      const admins = [...room.members.values()].filter((m) => m.role === 'admin').length;
      if (admins <= 1) throw new ChatError('conflict', 'The last admin cannot step down; make someone else an admin first.');
    }
    member.role = command.role;
    announceUpdate(ctx, room);
    return roomView(room);
  },

  'room.listPublic': (ctx) => [...ctx.state.rooms.values()].filter((room) => room.kind === 'public').map(roomView),

  'direct.open': (ctx, actor, command) => {
    const me = actor.user.id;
    if (command.userId === me) throw new ChatError('invalid', 'You cannot open a direct conversation with yourself.');
    const other = ctx.requireUser(command.userId);
    if (other.blocked.has(me)) throw new ChatError('forbidden', 'This person does not accept direct messages from you.');
    const key = directPairKey(me, command.userId);
    const existingId = ctx.state.directRooms.get(key);
    const existing = existingId === undefined ? undefined : ctx.state.rooms.get(existingId);
    if (existing) return roomView(existing);

    const room = emptyRoom(ctx.newRoomId(), '', 'direct', me, ctx.now());
    ctx.state.rooms.set(room.id, room);
    ctx.state.directRooms.set(key, room.id);
    ctx.addMember(room, me, 'member');
    ctx.addMember(room, command.userId, 'member');
    const view = roomView(room);
    ctx.sendToMembers(room, () => ({ type: 'room.joined', room: view }));
    return view;
  },
};
