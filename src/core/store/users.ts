import type { Presence, User } from '../../protocol';
import { EMPTY_RECORD, lookup, withEntry, type IdRecord } from './records';

/**
 * A person's profile, without presence: presence changes often and lives in its own slice so that
 * a person coming online re-renders their presence dot, not every message they wrote.
 *
 * @example
 * const ana: UserProfile = { id: 'ana', name: 'Ana Lima' };
 */
export type UserProfile = Omit<User, 'presence'>;

/**
 * People the client knows, their presence, and whom the signed-in user blocks.
 *
 * @example
 * const name = selectUser(client.store.getState(), 'ana')?.name;
 */
export interface UsersSlice {
  users: IdRecord<UserProfile>;
  presence: IdRecord<Presence>;
  blockedUserIds: readonly string[];
}

export const initialUsers: UsersSlice = { users: EMPTY_RECORD, presence: EMPTY_RECORD, blockedUserIds: [] };

function profileOf({ presence: _presence, ...profile }: User): UserProfile {
  return profile;
}

function sameProfile(a: UserProfile | undefined, b: UserProfile): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces everyone with a session snapshot's people, keeping the identity of unchanged profiles. */
export function usersFromSnapshot(previous: UsersSlice, users: readonly User[], blockedUserIds: readonly string[]): UsersSlice {
  const profiles: Record<string, UserProfile> = {};
  const presence: Record<string, Presence> = {};
  for (const user of users) {
    const old = lookup(previous.users, user.id);
    const next = profileOf(user);
    profiles[user.id] = old && sameProfile(old, next) ? old : next;
    presence[user.id] = user.presence;
  }
  return { users: profiles, presence, blockedUserIds: [...blockedUserIds] };
}

export function withUser(slice: UsersSlice, user: User): Pick<UsersSlice, 'users' | 'presence'> {
  const next = profileOf(user);
  const old = lookup(slice.users, user.id);
  return {
    users: old && sameProfile(old, next) ? slice.users : withEntry(slice.users, user.id, next),
    presence: withPresence(slice.presence, user.id, user.presence),
  };
}

export function withPresence(presence: IdRecord<Presence>, userId: string, next: Presence): IdRecord<Presence> {
  const old = lookup(presence, userId);
  if (old && old.state === next.state && old.lastSeenAt === next.lastSeenAt) return presence;
  return withEntry(presence, userId, next);
}

export const selectUsers = (state: UsersSlice): IdRecord<UserProfile> => state.users;
export const selectUser = (state: UsersSlice, userId: string): UserProfile | undefined => lookup(state.users, userId);
export const selectPresence = (state: UsersSlice, userId: string): Presence | undefined => lookup(state.presence, userId);
export const selectBlockedUserIds = (state: UsersSlice): readonly string[] => state.blockedUserIds;
export const selectIsBlocked = (state: UsersSlice, userId: string): boolean => state.blockedUserIds.includes(userId);
