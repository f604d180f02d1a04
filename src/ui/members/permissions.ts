import { roleInRoom, type Role, type Room, type RoomMember } from '../../react';

/**
 * What the signed-in person may do to a room as a whole, by the reference server's rules (see
 * `confab-chat/server`): direct rooms allow none of it; admins rename, delete and add people to private
 * rooms; any member adds people to a public room and may leave.
 *
 * @example
 * const may = roomPermissions(room, 'ana');
 * if (may.rename) showRenameButton();
 */
export interface RoomPermissions {
  addMembers: boolean;
  rename: boolean;
  delete: boolean;
  leave: boolean;
}

/**
 * What the signed-in person may do to one member of a room: remove them, or give them the other
 * role. Each is a server rule seen from the viewer; the server still decides, and its refusal is
 * shown when it disagrees.
 *
 * @example
 * const may = memberPermissions(room, 'ana', 'bo');
 * if (may.changeRoleTo === 'admin') showMakeAdminButton();
 */
export interface MemberPermissions {
  /** Removing someone else takes an admin; removing yourself is leaving (see {@link RoomPermissions}). */
  remove: boolean;
  /** The role the viewer may give this member, or null when they may not change it. */
  changeRoleTo: Role | null;
}

const NOTHING: RoomPermissions = Object.freeze({ addMembers: false, rename: false, delete: false, leave: false });

/**
 * The viewer's role in a room of their list, or undefined when they are not in it. A crowd's view
 * lists only its admins, so a viewer it does not list is a member.
 */
export function roleOf(room: Pick<Room, 'members' | 'memberCount'>, userId: string | null): Role | undefined {
  return userId === null ? undefined : roleInRoom(room, userId);
}

/**
 * The room-wide actions a viewer may take.
 *
 * @example
 * roomPermissions({ kind: 'public', members: [{ userId: 'ana', role: 'member', joinedAt: 0 }] }, 'ana');
 * // { addMembers: true, rename: false, delete: false, leave: true }
 */
export function roomPermissions(room: Pick<Room, 'kind' | 'members' | 'memberCount'>, viewerId: string | null): RoomPermissions {
  const role = roleOf(room, viewerId);
  if (room.kind === 'direct' || role === undefined) return NOTHING;
  const admin = role === 'admin';
  return { addMembers: room.kind === 'public' || admin, rename: admin, delete: admin, leave: true };
}

/**
 * What a viewer may do to one member. Only admins act on others; an admin may step down only while
 * another admin remains (the server answers `conflict` otherwise).
 *
 * @example
 * memberPermissions(room, 'ana', 'bo'); // { remove: true, changeRoleTo: 'admin' } when Ana is an admin and Bo is not
 */
export function memberPermissions(room: Pick<Room, 'kind' | 'members' | 'memberCount'>, viewerId: string | null, member: RoomMember): MemberPermissions {
  if (room.kind === 'direct' || roleOf(room, viewerId) !== 'admin') return { remove: false, changeRoleTo: null };
  const isSelf = member.userId === viewerId;
  if (member.role === 'member') return { remove: !isSelf, changeRoleTo: 'admin' };
  const otherAdmins = room.members.some((other) => other.role === 'admin' && other.userId !== member.userId);
  return { remove: !isSelf, changeRoleTo: otherAdmins ? 'member' : null };
}

/**
 * Members in the order a members panel shows them: online people first, then by name (in the
 * reader's locale), then by id so the order never flickers between equals.
 *
 * @example
 * orderMembers(room.members, new Set(['bo']), (id) => names[id] ?? '', 'en');
 */
export function orderMembers(members: readonly RoomMember[], online: ReadonlySet<string>, nameOf: (userId: string) => string, locale?: string): RoomMember[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...members].sort(
    (a, b) =>
      Number(online.has(b.userId)) - Number(online.has(a.userId)) ||
      collator.compare(nameOf(a.userId), nameOf(b.userId)) ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
}

/**
 * What a viewer may do about one member as a moderator (issue #13): mute or ban them, lift a mute.
 * Room admins act on members; site moderators also on room admins; nobody here on themselves or on
 * a site moderator (the host app's backend may). The server still decides.
 *
 * @example
 * moderationPermissions(room, 'ana', undefined, bo, undefined); // { mute: true, ban: true, unmute: false } for Ana the admin
 */
export function moderationPermissions(
  room: Pick<Room, 'kind' | 'members'>,
  viewerId: string | null,
  viewer: { role?: 'moderator' | undefined } | undefined,
  member: RoomMember,
  memberUser: { role?: 'moderator' | undefined } | undefined,
  muted: boolean,
): { mute: boolean; ban: boolean; unmute: boolean } {
  const none = { mute: false, ban: false, unmute: false };
  if (room.kind === 'direct' || viewerId === null || member.userId === viewerId || memberUser?.role === 'moderator') return none;
  const siteModerator = viewer?.role === 'moderator';
  if (!siteModerator && (roleOf(room, viewerId) !== 'admin' || member.role === 'admin')) return none;
  return { mute: !muted, ban: true, unmute: muted };
}
