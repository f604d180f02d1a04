import { ChatError, type CustomData, type Room, type RoomKind, type RoomMember } from '../protocol';
import { isMember, missingRoom, type Handlers, type ServerContext } from './context';
import { markCrowdCountStale } from './crowdCounts';
import { assertNotBanned, forgetRoomModeration } from './moderation';
import { dropRoomInvitations, invitePeople } from './invitations';
import { forgetRoomSettings } from './roomSettings';
import type { StoredRoom } from './storage';
import { forgetRoomPolls } from './polls';
import { normalizeRoomName, normalizeTopic, storableCustomData } from './validate';
import { memberView, shownInCrowd, userView } from './views';

/** Most members one `room.members` page answers. */
const MEMBERS_PAGE = 100;

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

/** Stores a new room with no members yet and returns its stored shape. */
function insertEmptyRoom(ctx: ServerContext, id: string, name: string, kind: RoomKind, createdBy: string, customData?: CustomData): StoredRoom {
  const now = ctx.now();
  const row = { id, name, kind, createdBy, createdAt: now, lastActivityAt: now, lastSequence: 0, ...(customData !== undefined ? { customData } : {}) };
  ctx.tx.insertRoom(row);
  return { ...row, members: [], cursors: [] };
}

/** Checks a list of people to add against the per-request limit and that each exists; returns the new ones, once each. */
function newcomers(ctx: ServerContext, room: StoredRoom | undefined, userIds: readonly string[]): string[] {
  if (userIds.length > ctx.limits.maxMembersPerRequest) {
    throw new ChatError('too_large', `Add or remove at most ${ctx.limits.maxMembersPerRequest} members in one request; this one names ${userIds.length}.`);
  }
  for (const userId of userIds) ctx.requireUser(userId);
  return [...new Set(userIds)].filter((userId) => !room || !isMember(room, userId));
}

/** Nobody adds a person to a room who blocks them: being blocked means "leave me alone" everywhere. */
function assertNoneBlocks(ctx: ServerContext, actorId: string, userIds: readonly string[]): void {
  if (ctx.trusted) return;
  const blockers = ctx.blockersOf(actorId);
  const refusing = userIds.find((userId) => blockers.has(userId));
  if (refusing !== undefined) throw new ChatError('forbidden', `"${refusing}" does not accept being added to rooms by you.`);
}

function assertRoomHasSpace(ctx: ServerContext, total: number): void {
  if (total > ctx.limits.maxMembersPerRoom) {
    throw new ChatError('too_large', `A room may have at most ${ctx.limits.maxMembersPerRoom} members; this would make ${total}.`);
  }
}

function memberIds(room: StoredRoom): string[] {
  return room.members.map((member) => member.userId);
}

/** The member records of these people (copies, so they outlive a removal). */
export function membersNamed(room: StoredRoom, userIds: readonly string[]): RoomMember[] {
  const named = new Set(userIds);
  return room.members.filter((member) => named.has(member.userId)).map((member) => ({ ...member }));
}

/** Tells the members (except those in `skip`) that the room changed. */
export function announceUpdate(ctx: ServerContext, room: StoredRoom, skip?: ReadonlySet<string>): void {
  ctx.sendTo(
    memberIds(room).filter((userId) => !skip?.has(userId)),
    { type: 'room.updated', room: ctx.roomView(room) },
  );
}

/**
 * Tells a room's members that people joined or left it (`changed`: their member records; `wasCrowd`:
 * whether the room was a crowd before). In a crowd, a plain member coming or going changes only
 * `memberCount` (its views name only admins and muted members): only the admins, who manage the
 * room, hear each one, instead of every member getting a frame per join; the others' count
 * refreshes with the next crowd-count sweep (once for all the joins in between) or the room's
 * next view (snapshot, any other change). A change that alters what the
 * view shows (someone it names, a room becoming or ceasing to be a crowd) tells everyone.
 *
 * @example
 * const wasCrowd = ctx.isCrowd(room);
 * ctx.addMember(room, 'bo', 'member');
 * announceMembership(ctx, room, wasCrowd, membersNamed(room, ['bo']), new Set(['bo']));
 */
export function announceMembership(ctx: ServerContext, room: StoredRoom, wasCrowd: boolean, changed: readonly RoomMember[], skip?: ReadonlySet<string>): void {
  if (!wasCrowd || !ctx.isCrowd(room) || changed.some(shownInCrowd)) {
    announceUpdate(ctx, room, skip);
    return;
  }
  const admins = room.members.filter((member) => member.role === 'admin' && !skip?.has(member.userId)).map((member) => member.userId);
  ctx.sendTo(admins, { type: 'room.updated', room: ctx.roomView(room) });
  markCrowdCountStale(ctx, room.id);
}

/**
 * Creates a public or private room; the creator becomes its admin and everyone in it hears `room.joined`.
 * Shared by the `room.create` command and the trusted `createRoom`.
 *
 * @example
 * const room = createRoomRecord(ctx, { name: 'general', kind: 'public', createdBy: 'ana' });
 */
export function createRoomRecord(ctx: ServerContext, input: NewRoom): StoredRoom {
  const creator = ctx.requireUser(input.createdBy);
  const name = normalizeRoomName(ctx, input.name);
  const others = newcomers(ctx, undefined, input.memberIds ?? []).filter((userId) => userId !== creator.user.id);
  assertRoomHasSpace(ctx, 1 + others.length);
  const customData = input.customData === undefined ? undefined : storableCustomData(ctx, input.customData, 'room');
  if (input.id !== undefined && ctx.tx.getRoom(input.id)) throw new ChatError('conflict', `A room with id "${input.id}" already exists.`);

  const room = insertEmptyRoom(ctx, input.id ?? ctx.newRoomId(), name, input.kind, creator.user.id, customData);
  ctx.addMember(room, creator.user.id, 'admin');
  for (const userId of others) ctx.addMember(room, userId, 'member');
  ctx.sendTo(memberIds(room), { type: 'room.joined', room: ctx.roomView(room) });
  return room;
}

/** Rooms in one page of the public directory (`room.listPublic`), at most and by default. */
export const DIRECTORY_PAGE = 100;

/** Public rooms after `afterId` whose names contain `nameContains` (any case), a page at a time. */
function publicRoomsPage(ctx: ServerContext, afterId: string | undefined, limit: number, nameContains: string | undefined): Room[] {
  const needle = nameContains?.trim().toLocaleLowerCase() ?? '';
  // Unfiltered, a storage page is the answer; filtered, storage is read in larger pages until enough match.
  const storagePage = needle === '' ? limit : 500;
  const out: Room[] = [];
  let after = afterId;
  for (;;) {
    const page = ctx.tx.listPublicRooms({ ...(after !== undefined ? { afterId: after } : {}), limit: storagePage });
    for (const room of page) {
      if (needle !== '' && !room.name.toLocaleLowerCase().includes(needle)) continue;
      out.push(ctx.roomView(room));
      if (out.length === limit) return out;
    }
    if (page.length < storagePage) return out;
    after = page[page.length - 1]?.id;
  }
}

/** Commands that manage rooms and their members. */
export const roomHandlers: Handlers<
  | 'room.create'
  | 'room.members'
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
    assertNoneBlocks(ctx, actor.user.id, command.memberIds ?? []);
    const input: NewRoom = { name: command.name, kind: command.kind, createdBy: actor.user.id };
    // With invitations to accept, the room starts with its creator alone and the others are invited.
    const invitees = ctx.invitesNeedAnswer ? newcomers(ctx, undefined, command.memberIds ?? []).filter((userId) => userId !== actor.user.id) : [];
    if (ctx.invitesNeedAnswer) assertRoomHasSpace(ctx, 1 + invitees.length);
    else if (command.memberIds !== undefined) input.memberIds = command.memberIds;
    if (command.customData !== undefined) input.customData = command.customData;
    const room = createRoomRecord(ctx, input);
    if (invitees.length > 0) {
      invitePeople(ctx, room, actor.user.id, invitees);
      announceUpdate(ctx, room);
    }
    return ctx.roomView(room);
  },

  'room.update': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'rename or change');
    ctx.requireAdmin(room, actor.user.id, 'change it');
    const name = command.name === undefined ? undefined : normalizeRoomName(ctx, command.name);
    const customData = command.customData === undefined ? undefined : storableCustomData(ctx, command.customData, 'room');
    const topic = command.topic === undefined ? undefined : normalizeTopic(ctx, command.topic);
    if (name === undefined && customData === undefined && topic === undefined) return ctx.roomView(room);
    if (name !== undefined) room.name = name;
    if (customData !== undefined) room.customData = customData;
    if (topic !== undefined) room.topic = topic;
    ctx.tx.updateRoom(room.id, { ...(name !== undefined ? { name } : {}), ...(customData !== undefined ? { customData } : {}), ...(topic !== undefined ? { topic } : {}) });
    announceUpdate(ctx, room);
    return ctx.roomView(room);
  },

  'room.delete': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'delete');
    ctx.requireAdmin(room, actor.user.id, 'delete it');
    for (const userId of memberIds(room)) {
      ctx.stopTyping(room, userId, { silent: true });
      forgetRoomSettings(ctx, userId, room.id);
    }
    forgetRoomModeration(ctx, room.id);
    dropRoomInvitations(ctx, room);
    forgetRoomPolls(ctx, room.id);
    ctx.tx.deleteRoom(room.id);
    ctx.sendTo(memberIds(room), { type: 'room.left', roomId: room.id, reason: 'deleted' });
    return { roomId: room.id };
  },

  'room.join': (ctx, actor, command) => {
    const room = ctx.requireRoom(command.roomId);
    if (isMember(room, actor.user.id)) return ctx.roomView(room);
    // Joining a private or direct room one is not in must not tell it apart from a missing one.
    if (room.kind !== 'public') throw missingRoom(room.id);
    assertNotBanned(ctx, room, actor.user.id, true);
    assertRoomHasSpace(ctx, room.members.length + 1);
    // Someone has to be able to manage a room that everyone had left.
    const hasAdmin = room.members.some((member) => member.role === 'admin');
    const wasCrowd = ctx.isCrowd(room);
    ctx.addMember(room, actor.user.id, hasAdmin ? 'member' : 'admin');
    announceMembership(ctx, room, wasCrowd, membersNamed(room, [actor.user.id]), new Set([actor.user.id]));
    const view = ctx.roomView(room);
    ctx.send(actor.user.id, { type: 'room.joined', room: view });
    return view;
  },

  'room.leave': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'leave');
    const wasCrowd = ctx.isCrowd(room);
    const leaving = membersNamed(room, [actor.user.id]);
    ctx.removeMember(room, actor.user.id);
    ctx.send(actor.user.id, { type: 'room.left', roomId: room.id, reason: 'left' });
    announceMembership(ctx, room, wasCrowd, leaving);
    return { roomId: room.id };
  },

  'room.addMembers': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'add people to');
    if (room.kind === 'private') ctx.requireAdmin(room, actor.user.id, 'add people to a private room');
    const added = newcomers(ctx, room, command.userIds);
    if (added.length === 0) return ctx.roomView(room);
    for (const userId of added) assertNotBanned(ctx, room, userId, false);
    assertNoneBlocks(ctx, actor.user.id, added);
    if (ctx.invitesNeedAnswer) {
      const invited = new Set(room.invitedUserIds ?? []);
      const fresh = added.filter((userId) => !invited.has(userId));
      if (fresh.length === 0) return ctx.roomView(room);
      // Invitations hold their seats: accepting them all must still fit.
      assertRoomHasSpace(ctx, room.members.length + invited.size + fresh.length);
      invitePeople(ctx, room, actor.user.id, fresh);
      announceUpdate(ctx, room);
      return ctx.roomView(room);
    }
    assertRoomHasSpace(ctx, room.members.length + added.length);
    const wasCrowd = ctx.isCrowd(room);
    for (const userId of added) ctx.addMember(room, userId, 'member');
    announceMembership(ctx, room, wasCrowd, membersNamed(room, added), new Set(added));
    const view = ctx.roomView(room);
    ctx.sendTo(added, { type: 'room.joined', room: view });
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
    const removed = [...new Set(command.userIds)].filter((userId) => isMember(room, userId));
    if (removed.length === 0) return ctx.roomView(room);
    const wasCrowd = ctx.isCrowd(room);
    const leaving = membersNamed(room, removed);
    for (const userId of removed) {
      ctx.removeMember(room, userId);
      ctx.send(userId, { type: 'room.left', roomId: room.id, reason: userId === actor.user.id ? 'left' : 'removed' });
    }
    announceMembership(ctx, room, wasCrowd, leaving);
    return ctx.roomView(room);
  },

  'room.setRole': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.requireNotDirect(room, 'change roles in');
    ctx.requireAdmin(room, actor.user.id, 'change roles');
    const member = room.members.find((item) => item.userId === command.userId);
    if (!member) throw new ChatError('not_found', `"${command.userId}" is not a member of this room.`);
    if (member.role === command.role) return ctx.roomView(room);
    if (command.role === 'member') {
      const admins = room.members.filter((m) => m.role === 'admin').length;
      if (admins <= 1) throw new ChatError('conflict', 'The last admin cannot step down; make someone else an admin first.');
    }
    member.role = command.role;
    ctx.tx.putMember(room.id, member);
    announceUpdate(ctx, room);
    return ctx.roomView(room);
  },

  'room.listPublic': (ctx, _actor, command) => publicRoomsPage(ctx, command.afterId, Math.min(command.limit ?? DIRECTORY_PAGE, DIRECTORY_PAGE), command.nameContains),

  'room.members': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const limit = Math.min(command.limit ?? MEMBERS_PAGE, MEMBERS_PAGE);
    let start = 0;
    if (command.afterUserId !== undefined) {
      const index = room.members.findIndex((member) => member.userId === command.afterUserId);
      // Someone who left since the last page: start over rather than skip people.
      start = index < 0 ? 0 : index + 1;
    }
    const members = room.members.slice(start, start + limit).map(memberView);
    const users = ctx.tx.getUsers(members.map((member) => member.userId)).map(userView);
    return { members, users, hasMore: start + limit < room.members.length };
  },

  'direct.open': (ctx, actor, command) => {
    const me = actor.user.id;
    if (command.userId === me) throw new ChatError('invalid', 'You cannot open a direct conversation with yourself.');
    const other = ctx.requireUser(command.userId);
    if (other.blocked.includes(me)) throw new ChatError('forbidden', 'This person does not accept direct messages from you.');
    const existingId = ctx.tx.directRoomId(me, command.userId);
    const existing = existingId === undefined ? undefined : ctx.tx.getRoom(existingId);
    if (existing) return ctx.roomView(existing);
    if (ctx.directMessages === 'shared-room' && !ctx.tx.audienceOf(me).includes(command.userId)) {
      throw new ChatError('forbidden', 'Direct messages here are only between people who share a room; join a room with this person first.');
    }

    const room = insertEmptyRoom(ctx, ctx.newRoomId(), '', 'direct', me);
    ctx.tx.setDirectRoom(me, command.userId, room.id);
    ctx.addMember(room, me, 'member');
    ctx.addMember(room, command.userId, 'member');
    ctx.sendTo(memberIds(room), { type: 'room.joined', room: ctx.roomView(room) });
    return ctx.roomView(room);
  },
};

