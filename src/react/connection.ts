import { useMemo } from 'react';
import { useStore } from 'zustand';
import { selectConnection, selectIsOnline, selectMe, selectPresence, selectUser, type ConnectionStatus, type UserProfile } from '../core';
import type { ChatError, Presence } from '../protocol';
import { useClientFor, useConnectError } from './provider';

/**
 * What {@link useConnection} returns.
 *
 * @example
 * const { status, isOnline, error } = useConnection();
 */
export interface ConnectionInfo {
  /** The transport's status, from the store: `connecting`, `online`, `reconnecting`, `offline` or `closed`. */
  status: ConnectionStatus;
  isOnline: boolean;
  /** Why the provider's `connect()` failed (e.g. `unauthorized`), or null. */
  error: ChatError | null;
}

/**
 * How the connection stands. Re-renders only when the status changes.
 *
 * @example
 * function ConnectionBanner() {
 *   const { status, error } = useConnection();
 *   if (error) return <p role="alert">{error.message}</p>;
 *   if (status.state === 'reconnecting') return <p>Reconnecting…</p>;
 *   return null;
 * }
 */
export function useConnection(): ConnectionInfo {
  const store = useClientFor('useConnection').store;
  const status = useStore(store, selectConnection);
  const isOnline = useStore(store, selectIsOnline);
  const error = useConnectError();
  return { status, isOnline, error };
}

/**
 * What {@link useCurrentUser} returns. `id` is null until the first session opens.
 *
 * @example
 * const { id, profile, presence } = useCurrentUser();
 */
export interface CurrentUser {
  id: string | null;
  profile: UserProfile | undefined;
  presence: Presence | undefined;
}

/**
 * The signed-in person: id, profile and presence.
 *
 * @example
 * function Me() {
 *   const { profile } = useCurrentUser();
 *   return <span>{profile?.name ?? '…'}</span>;
 * }
 */
export function useCurrentUser(): CurrentUser {
  const store = useClientFor('useCurrentUser').store;
  const id = useStore(store, selectMe);
  const profile = useStore(store, (state) => (id === null ? undefined : selectUser(state, id)));
  const presence = useStore(store, (state) => (id === null ? undefined : selectPresence(state, id)));
  return { id, profile, presence };
}

/**
 * A person's profile (name, avatar, custom data), or undefined when the client does not know them.
 * Presence is separate ({@link usePresence}) so that someone coming online re-renders their
 * presence dot, not every message they wrote.
 *
 * @example
 * function Author({ id }: { id: string }) {
 *   const user = useUser(id);
 *   return <strong>{user?.name ?? id}</strong>;
 * }
 */
export function useUser(userId: string): UserProfile | undefined {
  return useStore(useClientFor('useUser').store, (state) => selectUser(state, userId));
}

/**
 * Whether a person is online, and when they were last seen if not.
 *
 * @example
 * function PresenceDot({ userId }: { userId: string }) {
 *   const presence = usePresence(userId);
 *   return <span data-state={presence?.state ?? 'offline'} />;
 * }
 */
export function usePresence(userId: string): Presence | undefined {
  return useStore(useClientFor('usePresence').store, (state) => selectPresence(state, userId));
}

/**
 * Which of some people are online now, as a set. Re-renders only when one of them comes online or
 * goes offline (a string key is compared, not the presence records).
 *
 * @example
 * function OnlineCount({ memberIds }: { memberIds: readonly string[] }) {
 *   const online = useOnlineUserIds(memberIds);
 *   return <span>{online.size} online</span>;
 * }
 */
export function useOnlineUserIds(userIds: readonly string[]): ReadonlySet<string> {
  const key = useStore(useClientFor('useOnlineUserIds').store, (state) =>
    userIds.filter((userId) => selectPresence(state, userId)?.state === 'online').join('\u0000'),
  );
  return useMemo(() => new Set(key === '' ? [] : key.split('\u0000')), [key]);
}
