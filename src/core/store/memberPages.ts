import type { ChatError, Room, RoomMember } from '../../protocol';
import { EMPTY_RECORD, lookup, withEntry, type IdRecord } from './records';

/**
 * The members of a crowd loaded so far (a crowd is a room with more members than its server sends
 * in every snapshot: `memberCount` exceeds `members.length`), whether more joined after the last
 * one loaded, and how the next page is doing.
 *
 * @example
 * const page: MemberPage = { members: [{ userId: 'ana', role: 'admin', joinedAt: 0 }], hasMore: true, status: 'idle', error: null };
 */
export interface MemberPage {
  /** In join order, as the server pages them. */
  readonly members: readonly RoomMember[];
  readonly hasMore: boolean;
  /** `loading` while a page is on its way; `error` when the last one failed (`error` says why). */
  readonly status: 'idle' | 'loading' | 'error';
  readonly error: ChatError | null;
}

/**
 * The pages of members loaded per crowd. Absent for a room until its members are first asked for;
 * dropped when a new session opens (people joined and left meanwhile) or the room is left.
 *
 * @example
 * const page = selectMemberPage(client.store.getState(), 'town-hall');
 */
export interface MemberPagesSlice {
  memberPages: IdRecord<MemberPage>;
}

export const initialMemberPages: MemberPagesSlice = { memberPages: EMPTY_RECORD };

const EMPTY_PAGE: MemberPage = Object.freeze({ members: [], hasMore: true, status: 'idle', error: null });

export const selectMemberPage = (state: MemberPagesSlice, roomId: string): MemberPage | undefined => lookup(state.memberPages, roomId);

/**
 * Whether a room's view leaves members out (the server sends only its admins and `memberCount`),
 * so its members are paged on demand.
 *
 * @example
 * isCrowd({ members: [ana], memberCount: 250 }); // true
 * isCrowd({ members: [ana, bo] }); // false: a backend that sends everyone
 */
export function isCrowd(room: Pick<Room, 'members' | 'memberCount'>): boolean {
  return (room.memberCount ?? room.members.length) > room.members.length;
}

/**
 * How many members a room has: `memberCount` when the server sends it, the list's length otherwise.
 *
 * @example
 * memberCountOf({ members: [ana], memberCount: 250 }); // 250
 */
export function memberCountOf(room: Pick<Room, 'members' | 'memberCount'>): number {
  return room.memberCount ?? room.members.length;
}

/**
 * A room member's role as the room's view tells it: the listed role, or `member` for someone not
 * listed in a crowd (its view lists every admin). Undefined only for someone unlisted in a room
 * that lists everyone. The caller knows the person is in the room: the signed-in user for a room
 * of their list, or a member from a loaded page.
 *
 * @example
 * roleInRoom({ members: [ana], memberCount: 250 }, 'bo'); // 'member'
 */
export function roleInRoom(room: Pick<Room, 'members' | 'memberCount'>, userId: string): RoomMember['role'] | undefined {
  const listed = room.members.find((member) => member.userId === userId)?.role;
  if (listed !== undefined) return listed;
  return isCrowd(room) ? 'member' : undefined;
}

/**
 * The members a client can show for a room: everyone for a small room; for a crowd, the admins its
 * view lists followed by the members loaded so far, each once, with the role the room's view
 * gives them now (an admin loaded before losing the role shows as a member).
 *
 * @example
 * shownMembers(room, selectMemberPage(state, room.id)); // admins, then the loaded pages
 */
export function shownMembers(room: Pick<Room, 'members' | 'memberCount'>, page: MemberPage | undefined): readonly RoomMember[] {
  if (!isCrowd(room) || page === undefined) return room.members;
  const seen = new Set(room.members.map((member) => member.userId));
  const rest = page.members.filter((member) => !seen.has(member.userId)).map((member) => (member.role === 'member' ? member : { ...member, role: 'member' as const }));
  return [...room.members, ...rest];
}

/** A page on its way: the loaded members stay shown. */
export function withPageLoading(pages: IdRecord<MemberPage>, roomId: string): IdRecord<MemberPage> {
  const page = lookup(pages, roomId) ?? EMPTY_PAGE;
  return withEntry(pages, roomId, { ...page, status: 'loading', error: null });
}

/** A page arrived: its members after those loaded (anyone already there once), and whether more follow. */
export function withPageLoaded(pages: IdRecord<MemberPage>, roomId: string, members: readonly RoomMember[], hasMore: boolean): IdRecord<MemberPage> {
  const page = lookup(pages, roomId) ?? EMPTY_PAGE;
  const seen = new Set(page.members.map((member) => member.userId));
  return withEntry(pages, roomId, { members: [...page.members, ...members.filter((member) => !seen.has(member.userId))], hasMore, status: 'idle', error: null });
}

/** A page failed: the loaded members stay, and the next try asks for it again. */
export function withPageFailed(pages: IdRecord<MemberPage>, roomId: string, error: ChatError): IdRecord<MemberPage> {
  const page = lookup(pages, roomId) ?? EMPTY_PAGE;
  return withEntry(pages, roomId, { ...page, status: 'error', error });
}

/** People removed from a crowd leave its loaded members (the server tells only them). */
export function withoutPageMembers(pages: IdRecord<MemberPage>, roomId: string, userIds: readonly string[]): IdRecord<MemberPage> {
  const page = lookup(pages, roomId);
  if (!page) return pages;
  const gone = new Set(userIds);
  const members = page.members.filter((member) => !gone.has(member.userId));
  return members.length === page.members.length ? pages : withEntry(pages, roomId, { ...page, members });
}
