import { ChatError, type Invitation } from '../protocol';
import { isMember, roleOf, type Handlers, type ServerContext } from './context';
// rooms.ts imports this file too: announceUpdate is only called inside handlers, never at load.
import { announceUpdate } from './rooms';
import type { StoredRoom } from './storage';

/**
 * Invitations that wait for an answer (a server with `invitations: 'accept'`). The invitee's side
 * is a record (`invitation`, scope the invitee, key the room: who invited them and when), so a
 * session snapshot lists a person's invitations; the room's side is its `invitedUserIds`, so the
 * members see who is invited through the `room.updated` they already receive.
 */

/** At most this many of a person's pending invitations are read for their snapshot. */
const SNAPSHOT_INVITATIONS = 200;

/** How the invitee sees an invitation to `room`. */
function invitationView(ctx: ServerContext, room: StoredRoom, by: string, at: number): Invitation {
  const invitedByName = ctx.tx.getUser(by)?.user.name ?? '';
  return { roomId: room.id, roomName: room.name, roomKind: room.kind === 'private' ? 'private' : 'public', invitedBy: by, invitedByName, invitedAt: at };
}

/**
 * Invites people to a room instead of adding them: each gets a record and an `invitation.added`
 * event; the room lists them in `invitedUserIds`. The caller checked who may add whom (blocks,
 * limits, permissions) and tells the members that the room changed.
 *
 * @example
 * invitePeople(ctx, room, 'ana', ['bo', 'cy']);
 */
export function invitePeople(ctx: ServerContext, room: StoredRoom, inviterId: string, userIds: readonly string[]): void {
  const at = ctx.now();
  const invited = new Set(room.invitedUserIds ?? []);
  for (const userId of userIds) {
    if (invited.has(userId) || isMember(room, userId)) continue;
    invited.add(userId);
    ctx.tx.putRecord('invitation', userId, room.id, { by: inviterId, at });
    ctx.send(userId, { type: 'invitation.added', invitation: invitationView(ctx, room, inviterId, at) });
  }
  room.invitedUserIds = [...invited];
  ctx.tx.updateRoom(room.id, { invitedUserIds: room.invitedUserIds });
}

/** Drops one pending invitation (record and room entry) and tells the invitee why. */
function dropInvitation(ctx: ServerContext, room: StoredRoom, userId: string, reason: 'accepted' | 'declined' | 'withdrawn' | 'deleted'): void {
  ctx.tx.deleteRecord('invitation', userId, room.id);
  if (reason !== 'deleted') {
    room.invitedUserIds = (room.invitedUserIds ?? []).filter((id) => id !== userId);
    ctx.tx.updateRoom(room.id, { invitedUserIds: room.invitedUserIds });
  }
  ctx.send(userId, { type: 'invitation.removed', roomId: room.id, reason });
}

/**
 * Drops every pending invitation to a room that is being deleted, telling each invitee.
 *
 * @example
 * dropRoomInvitations(ctx, room); // before tx.deleteRoom(room.id)
 */
export function dropRoomInvitations(ctx: ServerContext, room: StoredRoom): void {
  for (const userId of room.invitedUserIds ?? []) dropInvitation(ctx, room, userId, 'deleted');
}

/**
 * Drops every pending invitation of a person (deleted, or blocking the inviter when `from` is
 * given), taking them off each room's list and telling that room's members.
 *
 * @example
 * dropPersonInvitations(ctx, 'bo', (by) => by === 'mallory'); // bo blocked mallory
 */
export function dropPersonInvitations(ctx: ServerContext, userId: string, which: (by: string) => boolean = () => true): void {
  for (const { key: roomId, value } of allInvitationsOf(ctx, userId)) {
    if (!which(value.by)) continue;
    const room = ctx.tx.getRoom(roomId);
    if (!room) {
      ctx.tx.deleteRecord('invitation', userId, roomId);
      continue;
    }
    dropInvitation(ctx, room, userId, 'withdrawn');
    announceUpdate(ctx, room);
  }
}

function allInvitationsOf(ctx: ServerContext, userId: string): { key: string; value: { by: string; at: number } }[] {
  const out: { key: string; value: { by: string; at: number } }[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = ctx.tx.listRecords('invitation', userId, { ...(afterKey !== undefined ? { afterKey } : {}), limit: 100 });
    out.push(...page);
    if (page.length < 100) return out;
    afterKey = page[page.length - 1]?.key;
  }
}

/**
 * A person's pending invitations for their session snapshot, oldest first (at most 200).
 *
 * @example
 * snapshot.invitations = pendingInvitations(ctx, 'bo');
 */
export function pendingInvitations(ctx: ServerContext, userId: string): Invitation[] {
  const out: Invitation[] = [];
  for (const { key: roomId, value } of ctx.tx.listRecords('invitation', userId, { limit: SNAPSHOT_INVITATIONS })) {
    const room = ctx.tx.getRoom(roomId);
    if (room) out.push(invitationView(ctx, room, value.by, value.at));
  }
  return out.sort((a, b) => a.invitedAt - b.invitedAt || a.roomId.localeCompare(b.roomId));
}

/** The invitation of `userId` to `roomId` with its room, or the one `not_found` for both a missing room and a missing invitation. */
function requireInvitation(ctx: ServerContext, roomId: string, userId: string): { room: StoredRoom; by: string } {
  // The room first: on PostgreSQL its row lock guards the read-modify-write of its invitations.
  const room = ctx.tx.getRoom(roomId);
  const record = room ? ctx.tx.getRecord('invitation', userId, roomId) : undefined;
  if (!room || !record || !(room.invitedUserIds ?? []).includes(userId)) {
    throw new ChatError('not_found', `You have no invitation to room "${roomId}"; it may have been withdrawn.`);
  }
  return { room, by: record.by };
}

/** Commands that answer or take back invitations. */
export const invitationHandlers: Handlers<'invitation.accept' | 'invitation.decline' | 'invitation.withdraw'> = {
  'invitation.accept': (ctx, actor, command) => {
    const me = actor.user.id;
    const { room } = requireInvitation(ctx, command.roomId, me);
    if (room.members.length + 1 > ctx.limits.maxMembersPerRoom) {
      throw new ChatError('too_large', `A room may have at most ${ctx.limits.maxMembersPerRoom} members; this one is full.`);
    }
    dropInvitation(ctx, room, me, 'accepted');
    // A room everyone had left needs someone to manage it, as when joining one.
    const hasAdmin = room.members.some((member) => member.role === 'admin');
    ctx.addMember(room, me, hasAdmin ? 'member' : 'admin');
    announceUpdate(ctx, room, new Set([me]));
    const view = ctx.roomView(room);
    ctx.send(me, { type: 'room.joined', room: view });
    return view;
  },

  'invitation.decline': (ctx, actor, command) => {
    const { room } = requireInvitation(ctx, command.roomId, actor.user.id);
    dropInvitation(ctx, room, actor.user.id, 'declined');
    announceUpdate(ctx, room);
    return { roomId: room.id };
  },

  'invitation.withdraw': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const record = ctx.tx.getRecord('invitation', command.userId, room.id);
    if (!record || !(room.invitedUserIds ?? []).includes(command.userId)) {
      throw new ChatError('not_found', `"${command.userId}" has no pending invitation to this room.`);
    }
    if (record.by !== actor.user.id && !ctx.trusted && roleOf(room, actor.user.id) !== 'admin') {
      throw new ChatError('forbidden', 'Only the person who invited them or an admin of this room may withdraw an invitation.');
    }
    dropInvitation(ctx, room, command.userId, 'withdrawn');
    announceUpdate(ctx, room);
    return ctx.roomView(room);
  },
};
