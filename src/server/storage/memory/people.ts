import { ChatError, type User } from '../../../protocol';
import { cloneJson } from '../../clone';
import type { StorageTx, StoredUser } from '../types';
import { byId, type MemoryState } from './state';

/**
 * People: profiles, blocks, and the rooms a person is in (kept on the person, so a person's rooms are one lookup).
 *
 * @example
 * const tx = { ...memoryPeople(createMemoryState()) };
 */
export function memoryPeople(state: MemoryState): Pick<StorageTx, 'getUser' | 'getUsers' | 'blockersOf' | 'listUsers' | 'roomIdsOf' | 'audienceOf' | 'putUser' | 'setBlocked' | 'deleteUser'> {
  const { users, rooms, remember } = state;
  return {
    getUser(userId) {
      const record = users.get(userId);
      return record ? ({ user: cloneJson(record.user), blocked: [...record.blocked] } satisfies StoredUser) : undefined;
    },
    getUsers(userIds) {
      const out: User[] = [];
      for (const userId of userIds) {
        const record = users.get(userId);
        if (record) out.push(cloneJson(record.user));
      }
      return out;
    },
    blockersOf(userId) {
      const out: string[] = [];
      for (const record of users.values()) if (record.blocked.includes(userId)) out.push(record.user.id);
      return out;
    },
    listUsers({ afterId, limit }) {
      return [...users.values()]
        .map((record) => record.user)
        .filter((user) => afterId === undefined || user.id > afterId)
        .sort(byId)
        .slice(0, limit)
        .map((user) => cloneJson(user));
    },
    roomIdsOf(userId) {
      return [...(users.get(userId)?.rooms ?? [])];
    },
    audienceOf(userId, options) {
      const audience = new Set<string>([userId]);
      const maxRoomSize = options?.maxRoomSize ?? Infinity;
      for (const roomId of users.get(userId)?.rooms ?? []) {
        const members = rooms.get(roomId)?.members;
        if (!members || members.size > maxRoomSize) continue;
        for (const memberId of members.keys()) audience.add(memberId);
      }
      return [...audience];
    },
    putUser(user) {
      const existing = users.get(user.id);
      if (existing) {
        const previous = existing.user;
        existing.user = cloneJson(user);
        remember(() => (existing.user = previous));
      } else {
        users.set(user.id, { user: cloneJson(user), blocked: [], rooms: new Set() });
        remember(() => users.delete(user.id));
      }
    },
    setBlocked(userId, blocked) {
      const record = users.get(userId);
      if (!record) throw new ChatError('not_found', `There is no user with id "${userId}".`);
      const previous = record.blocked;
      record.blocked = [...blocked];
      remember(() => (record.blocked = previous));
    },
    deleteUser(userId) {
      const record = users.get(userId);
      if (record) {
        users.delete(userId);
        remember(() => users.set(userId, record));
      }
      for (const other of users.values()) {
        if (!other.blocked.includes(userId)) continue;
        const previous = other.blocked;
        other.blocked = previous.filter((id) => id !== userId);
        remember(() => (other.blocked = previous));
      }
    },
  };
}
