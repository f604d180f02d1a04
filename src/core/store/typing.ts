import { EMPTY_RECORD, lookup, withEntry, withoutEntry, type IdRecord } from './records';
import type { UserProfile } from './users';

/**
 * Who is typing where: room id → user id → when the notice expires (client clock, ms). Its own
 * slice, so a typing notice re-renders the typing indicator and nothing else.
 *
 * @example
 * const typists = selectTypingUserIds(client.store.getState(), 'general');
 */
export interface TypingSlice {
  typing: IdRecord<IdRecord<number>>;
}

export const initialTyping: TypingSlice = { typing: EMPTY_RECORD };

export function withTyping(typing: IdRecord<IdRecord<number>>, roomId: string, userId: string, expiresAt: number): IdRecord<IdRecord<number>> {
  const room = lookup(typing, roomId) ?? EMPTY_RECORD;
  return withEntry(typing, roomId, withEntry(room, userId, expiresAt));
}

export function withoutTyping(typing: IdRecord<IdRecord<number>>, roomId: string, userId: string): IdRecord<IdRecord<number>> {
  const room = lookup(typing, roomId);
  if (!room || !Object.hasOwn(room, userId)) return typing;
  const rest = withoutEntry(room, userId);
  return Object.keys(rest).length === 0 ? withoutEntry(typing, roomId) : withEntry(typing, roomId, rest);
}

/** Drops expired notices; the same record when none expired. */
export function pruneTyping(typing: IdRecord<IdRecord<number>>, now: number): IdRecord<IdRecord<number>> {
  let next = typing;
  for (const [roomId, room] of Object.entries(typing)) {
    for (const [userId, expiresAt] of Object.entries(room)) {
      if (expiresAt <= now) next = withoutTyping(next, roomId, userId);
    }
  }
  return next;
}

/** The earliest expiry among all notices, to schedule the next prune. */
export function nextTypingExpiry(typing: IdRecord<IdRecord<number>>): number | undefined {
  let earliest: number | undefined;
  for (const room of Object.values(typing)) {
    for (const expiresAt of Object.values(room)) if (earliest === undefined || expiresAt < earliest) earliest = expiresAt;
  }
  return earliest;
}

const NO_ONE: readonly string[] = Object.freeze([]);
const typistsCache = new WeakMap<IdRecord<number>, { me: string | null; ids: readonly string[] }>();

/** Ids of people typing in a room, the signed-in user excluded, in the order they started. Stable identity. */
export function selectTypingUserIds(state: TypingSlice & { me: string | null }, roomId: string): readonly string[] {
  const room = lookup(state.typing, roomId);
  if (!room) return NO_ONE;
  const cached = typistsCache.get(room);
  if (cached && cached.me === state.me) return cached.ids;
  const ids = Object.keys(room).filter((userId) => userId !== state.me);
  const result = ids.length === 0 ? NO_ONE : ids;
  typistsCache.set(room, { me: state.me, ids: result });
  return result;
}

const NO_PROFILES: readonly UserProfile[] = Object.freeze([]);
const typingUsersCache = new WeakMap<readonly string[], { users: IdRecord<UserProfile>; profiles: readonly UserProfile[] }>();

/**
 * Profiles of the people typing in a room (as {@link selectTypingUserIds}; people the client has
 * no profile for are left out). The same array until the typists or their profiles change.
 *
 * @example
 * const names = selectTypingUsers(client.store.getState(), 'general').map((user) => user.name);
 */
export function selectTypingUsers(state: TypingSlice & { me: string | null; users: IdRecord<UserProfile> }, roomId: string): readonly UserProfile[] {
  const ids = selectTypingUserIds(state, roomId);
  if (ids.length === 0) return NO_PROFILES;
  const cached = typingUsersCache.get(ids);
  if (cached && (cached.users === state.users || sameProfiles(cached.profiles, ids, state.users))) {
    if (cached.users !== state.users) typingUsersCache.set(ids, { users: state.users, profiles: cached.profiles });
    return cached.profiles;
  }
  const profiles = ids.flatMap((id) => {
    const profile = lookup(state.users, id);
    return profile ? [profile] : [];
  });
  typingUsersCache.set(ids, { users: state.users, profiles });
  return profiles;
}

function sameProfiles(profiles: readonly UserProfile[], ids: readonly string[], users: IdRecord<UserProfile>): boolean {
  let index = 0;
  for (const id of ids) {
    const profile = lookup(users, id);
    if (!profile) continue;
    if (profiles[index] !== profile) return false;
    index++;
  }
  return index === profiles.length;
}
