import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { canModerate, selectOpenReports, selectRoom, selectUser, type Moderation } from '../core';
import type { MemberMute, Report } from '../protocol';
import { useClientFor } from './provider';

/**
 * The moderation commands of the signed-in person (`client.moderation`): mute, ban, report,
 * resolve. The server decides who may; a refusal rejects with its sentence.
 *
 * @example
 * const moderation = useModeration();
 * await moderation.report('general', { messageId, reason: 'spam' });
 */
export function useModeration(): Moderation {
  return useClientFor('useModeration').moderation;
}

/**
 * Whether the time `at` has passed, turning true on time (a mute ending); false when undefined.
 *
 * @example
 * const over = usePassed(mute?.until);
 */
function usePassed(at: number | undefined): boolean {
  const [passed, setPassed] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (at === undefined) return;
    // setTimeout caps near 24.8 days; a mute longer than that is still on when the page reloads.
    const timer = setTimeout(() => setPassed(at), Math.min(Math.max(0, at - Date.now()) + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [at]);
  return at !== undefined && passed === at;
}

/**
 * A member's mute in a room while it lasts (the signed-in person's when `userId` is left out), or
 * undefined; the component re-renders when it ends, so a composer unlocks on time.
 *
 * @example
 * const mute = useMemberMute('general');
 * if (mute) return <p>You are muted until {new Date(mute.until!).toLocaleTimeString()}</p>;
 */
export function useMemberMute(roomId: string, userId?: string): MemberMute | undefined {
  const muted = useStore(useClientFor('useMemberMute').store, (state) => {
    const id = userId ?? state.me;
    return selectRoom(state, roomId)?.members.find((member) => member.userId === id)?.muted;
  });
  const over = usePassed(muted?.until);
  // A mute that had ended before this component mounted (a reload after it ran out) never shows.
  const [mountedAt] = useState(() => Date.now());
  return over || (muted?.until !== undefined && muted.until <= mountedAt) ? undefined : muted;
}

/**
 * Whether the signed-in person may moderate a room (mute, ban, see its reports): its admins and
 * site moderators.
 *
 * @example
 * const canModerate = useCanModerate('general');
 */
export function useCanModerate(roomId: string): boolean {
  return useStore(useClientFor('useCanModerate').store, (state) => {
    const room = selectRoom(state, roomId);
    return room !== undefined && canModerate(room, state.me, state.me === null ? undefined : selectUser(state, state.me));
  });
}

/**
 * Whether the signed-in person is a site moderator (sees every room's reports).
 *
 * @example
 * const siteModerator = useIsSiteModerator();
 */
export function useIsSiteModerator(): boolean {
  return useStore(useClientFor('useIsSiteModerator').store, (state) => state.me !== null && selectUser(state, state.me)?.role === 'moderator');
}

/**
 * What {@link useOpenReports} returns.
 *
 * @example
 * const { reports, state, reload } = useOpenReports('general');
 */
export interface OpenReports {
  reports: readonly Report[];
  state: 'loading' | 'ready' | 'failed';
  error: string | null;
  reload(): void;
}

/**
 * The open reports of one room (or, without `roomId`, of every room the person moderates), loaded
 * when the component mounts and kept live by report events.
 *
 * @example
 * const { reports } = useOpenReports('general');
 */
export function useOpenReports(roomId?: string): OpenReports {
  const client = useClientFor('useOpenReports');
  const reports = useStore(client.store, (state) => selectOpenReports(state, roomId));
  const [load, setLoad] = useState<{ state: OpenReports['state']; error: string | null; round: number }>({ state: 'loading', error: null, round: 0 });
  useEffect(() => {
    let live = true;
    client.moderation.loadReports(roomId).then(
      () => live && setLoad((current) => ({ ...current, state: 'ready', error: null })),
      (error: unknown) => live && setLoad((current) => ({ ...current, state: 'failed', error: error instanceof Error ? error.message : String(error) })),
    );
    return () => {
      live = false;
    };
  }, [client, roomId, load.round]);
  return { reports, state: load.state, error: load.error, reload: () => setLoad((current) => ({ state: 'loading', error: null, round: current.round + 1 })) };
}

/**
 * Seconds left until `until` (rounded up), counting down once a second; 0 once passed or when undefined.
 *
 * @example
 * const seconds = useSecondsLeft(pending.throttledUntil); // "wait 3 s"
 */
export function useSecondsLeft(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [until]);
  return until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}
