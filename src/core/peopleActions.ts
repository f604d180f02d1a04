import type { CustomData, User, UserSearchPage } from '../protocol';
import { orThrow, updateState, type ClientContext } from './clientContext';
import type { HistoryLoader } from './historyLoader';
import { checkCustomDataSize, selectTimeline, withBlockedUserIds, withUser, type ChatState } from './store';

/**
 * A ChatClient's commands on people: blocking and unblocking, one's own profile, other people's
 * profiles and finding people. Profiles the server answers are folded into the store at once.
 */
export class PeopleActions {
  constructor(
    private readonly ctx: ClientContext,
    /** Unblocking loads held rooms again, so the person's messages come back. */
    private readonly history: HistoryLoader,
  ) {}

  async block(userId: string): Promise<void> {
    const { blockedUserIds } = await this.ctx.transport.request({ type: 'user.block', userId });
    updateState(this.ctx.store, (state) => withBlockedUserIds(state, blockedUserIds));
  }

  async unblock(userId: string): Promise<void> {
    const { blockedUserIds } = await this.ctx.transport.request({ type: 'user.unblock', userId });
    updateState(this.ctx.store, (state) => withBlockedUserIds(state, blockedUserIds));
    // Their messages were never sent here: the newest of each held room come again, merged in place.
    const state = () => this.ctx.store.getState();
    for (const roomId of Object.keys(state().timelines)) if (selectTimeline(state(), roomId).covered.length > 0) void this.history.reload(roomId);
  }

  async updateProfile(patch: { name?: string; avatarUrl?: string; customData?: CustomData }): Promise<User> {
    orThrow(checkCustomDataSize(patch.customData, this.ctx.store.getState().limits));
    const user = await this.ctx.transport.request({ type: 'user.update', ...patch });
    updateState(this.ctx.store, (state) => withUser(state, user));
    return user;
  }

  async getUsers(userIds: string[]): Promise<User[]> {
    const users = await this.ctx.transport.request({ type: 'user.get', userIds });
    updateState(this.ctx.store, (state) => {
      let next: Partial<ChatState> = {};
      for (const user of users) next = { ...next, ...withUser({ ...state, ...next }, user) };
      return next;
    });
    return users;
  }

  search(query: string, options: { after?: string; limit?: number } = {}): Promise<UserSearchPage> {
    return this.ctx.transport.request({ type: 'user.search', query, ...options });
  }
}
