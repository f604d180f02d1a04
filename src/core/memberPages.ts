import { toChatError, type Room, type User } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { lookup, memberCountOf, selectMemberPage, shownMembers, withPageFailed, withPageLoaded, withPageLoading, withUser, withoutPageMembers, type ChatState, type MemberPage } from './store';

/** Members asked for per page: a members panel's first screenful and then some. */
export const MEMBERS_PAGE_SIZE = 50;

/**
 * Whether the next page of a room's members should be asked for: there is more (the last page said
 * so, or people joined since: the room counts more than are known), and none is on its way already.
 *
 * @example
 * shouldLoadMembers(undefined); // true: nothing loaded yet
 * shouldLoadMembers({ hasMore: true, status: 'loading' }); // false
 * shouldLoadMembers({ hasMore: false, status: 'idle' }, true); // true: someone joined after the last page
 */
export function shouldLoadMembers(page: Pick<MemberPage, 'hasMore' | 'status'> | undefined, joinedSince = false): boolean {
  return page === undefined || ((page.hasMore || joinedSince) && page.status !== 'loading');
}

/**
 * Whether a crowd counts more members than its view and loaded pages show: people joined after the
 * last page was loaded.
 *
 * @example
 * joinedSinceLoaded({ members: [ana], memberCount: 3 }, { members: [ana, bo], hasMore: false, status: 'idle', error: null }); // true
 */
export function joinedSinceLoaded(room: Pick<Room, 'members' | 'memberCount'>, page: MemberPage | undefined): boolean {
  return page !== undefined && !page.hasMore && shownMembers(room, page).length < memberCountOf(room);
}

/** The profiles of a page folded into the people the store knows (presence included), keeping unchanged ones. */
function withUsers(state: ChatState, users: readonly User[]): Partial<ChatState> {
  let next: Pick<ChatState, 'users' | 'presence'> = state;
  for (const user of users) next = withUser({ ...state, ...next }, user);
  return next.users === state.users && next.presence === state.presence ? {} : { users: next.users, presence: next.presence };
}

/**
 * Loads the members of crowds on demand (`room.members`), a page at a time in join order: their
 * profiles join the store's people, the members join the room's page (see `MemberPage`). One
 * request per room at a time; an answer from a session that has since closed is dropped (the new
 * snapshot cleared the pages, and the next ask starts over).
 */
export class MemberPages {
  constructor(
    private readonly ctx: ClientContext,
    private readonly pageSize = MEMBERS_PAGE_SIZE,
  ) {}

  /** Loads the next page of a room's members (the first when none is loaded); nothing when all are loaded or a page is on its way. */
  async loadMore(roomId: string): Promise<void> {
    const state = this.ctx.store.getState();
    const room = lookup(state.rooms, roomId);
    if (!room) return;
    const page = selectMemberPage(state, roomId);
    if (!shouldLoadMembers(page, joinedSinceLoaded(room, page))) return;
    const afterUserId = page?.members[page.members.length - 1]?.userId;
    const session = this.ctx.sessionCount();
    updateState(this.ctx.store, (current) => ({ memberPages: withPageLoading(current.memberPages, roomId) }));
    try {
      const answer = await this.ctx.transport.request({ type: 'room.members', roomId, limit: this.pageSize, ...(afterUserId !== undefined ? { afterUserId } : {}) });
      if (this.ctx.sessionCount() !== session || !lookup(this.ctx.store.getState().rooms, roomId)) return;
      updateState(this.ctx.store, (current) => ({ ...withUsers(current, answer.users), memberPages: withPageLoaded(current.memberPages, roomId, answer.members, answer.hasMore) }));
    } catch (error) {
      if (this.ctx.sessionCount() !== session) return;
      const failure = toChatError(error);
      updateState(this.ctx.store, (current) => ({ memberPages: withPageFailed(current.memberPages, roomId, failure) }));
      throw failure;
    }
  }

  /** People this client removed from a room leave its loaded members (the server tells only them). */
  removed(roomId: string, userIds: readonly string[]): void {
    updateState(this.ctx.store, (current) => ({ memberPages: withoutPageMembers(current.memberPages, roomId, userIds) }));
  }
}
