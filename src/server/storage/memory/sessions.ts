import type { StorageTx } from '../types';
import type { MemoryState } from './state';

/**
 * Sessions: how many sockets each person has open, and who is online.
 *
 * @example
 * const tx = { ...memorySessions(createMemoryState()) };
 */
export function memorySessions(state: MemoryState): Pick<StorageTx, 'openSession' | 'countSessions' | 'listOnlineUsers' | 'closeSession'> {
  const { users, sessions, remember } = state;
  return {
    openSession(userId) {
      const count = (sessions.get(userId) ?? 0) + 1;
      sessions.set(userId, count);
      remember(() => sessions.set(userId, count - 1));
      return count;
    },
    countSessions(userId) {
      return sessions.get(userId) ?? 0;
    },
    listOnlineUsers({ afterId, limit }) {
      return [...users.values()]
        .filter((record) => record.user.presence.state === 'online' && (afterId === undefined || record.user.id > afterId))
        .map((record) => record.user.id)
        .sort()
        .slice(0, limit);
    },
    closeSession(userId) {
      const count = Math.max(0, (sessions.get(userId) ?? 0) - 1);
      const previous = sessions.get(userId) ?? 0;
      sessions.set(userId, count);
      remember(() => sessions.set(userId, previous));
      return count;
    },
  };
}
