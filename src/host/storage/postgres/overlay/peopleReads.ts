import type { User } from '../../../../protocol';
import type { StoredUser } from '../../../../server';
import { copy, OverlayAttempt } from './attempt';

/** Reads of people: what is stored, with this attempt's changes to people and rooms applied. */
export abstract class PeopleReads extends OverlayAttempt {
  getUser(userId: string): StoredUser | undefined {
    const user = this.currentUser(userId);
    return user && copy(user);
  }

  getUsers(userIds: readonly string[]): User[] {
    const missing = [...new Set(userIds)].filter((userId) => !this.users.has(userId) && !this.deletedUsers.has(userId) && !this.loaded.users.has(userId));
    if (missing.length > 0) this.miss({ kind: 'users', userIds: missing });
    return userIds.flatMap((userId) => {
      const user = this.currentUser(userId);
      return user ? [copy(user.user)] : [];
    });
  }

  blockersOf(userId: string): string[] {
    if (this.deletedUsers.has(userId)) return [];
    const blockers = new Set(this.query<string[]>({ kind: 'blockersOf', userId }).filter((id) => !this.deletedUsers.has(id)));
    for (const [id, written] of this.users) {
      if (written.blocked.includes(userId)) blockers.add(id);
      else blockers.delete(id);
    }
    return [...blockers].sort();
  }

  listUsers(page: { afterId?: string; limit: number }): User[] {
    const stored = this.query<User[]>({ kind: 'listUsers', afterId: page.afterId, limit: page.limit });
    const byId = new Map(stored.filter((user) => !this.deletedUsers.has(user.id)).map((user) => [user.id, this.users.get(user.id)?.user ?? user]));
    for (const [id, written] of this.users) if (page.afterId === undefined || id > page.afterId) byId.set(id, written.user);
    return [...byId.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, page.limit)
      .map(copy);
  }

  roomIdsOf(userId: string): string[] {
    const stored = this.query<string[]>({ kind: 'roomIdsOf', userId });
    const isMember = (roomId: string) => this.rooms.get(roomId)?.members.some((member) => member.userId === userId) ?? false;
    const kept = stored.filter((roomId) => !this.rooms.has(roomId) || isMember(roomId));
    const joined = [...this.rooms.keys()].filter((roomId) => !stored.includes(roomId) && isMember(roomId));
    return [...kept, ...joined];
  }

  audienceOf(userId: string, options?: { maxRoomSize?: number }): string[] {
    const changed = [...this.rooms.keys()].sort();
    const maxRoomSize = options?.maxRoomSize !== undefined && Number.isFinite(options.maxRoomSize) ? options.maxRoomSize : undefined;
    const stored = this.query<string[]>({ kind: 'audienceOf', userId, exceptRoomIds: changed, maxRoomSize });
    const audience = new Set([userId, ...stored]);
    for (const room of this.rooms.values()) {
      if (!room || (maxRoomSize !== undefined && room.members.length > maxRoomSize)) continue;
      if (room.members.some((member) => member.userId === userId)) for (const member of room.members) audience.add(member.userId);
    }
    return [...audience].sort();
  }
}
