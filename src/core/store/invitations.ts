import type { Invitation } from '../../protocol';

/**
 * The invitations waiting for the signed-in user's answer (servers with `invitations: 'accept'`),
 * oldest first.
 *
 * @example
 * const pending = selectInvitations(client.store.getState());
 */
export interface InvitationsSlice {
  invitations: readonly Invitation[];
}

export const initialInvitations: InvitationsSlice = { invitations: Object.freeze([]) };

/**
 * The list with one invitation added (or replaced, for the same room), oldest first.
 *
 * @example
 * withInvitation([], { roomId: 'plans', roomName: 'plans', roomKind: 'private', invitedBy: 'ana', invitedByName: 'Ana', invitedAt: 1 });
 */
export function withInvitation(invitations: readonly Invitation[], invitation: Invitation): readonly Invitation[] {
  const rest = invitations.filter((item) => item.roomId !== invitation.roomId);
  return [...rest, invitation].sort((a, b) => a.invitedAt - b.invitedAt || a.roomId.localeCompare(b.roomId));
}

/**
 * The list without the invitation to one room; the same list when there is none.
 *
 * @example
 * withoutInvitation(invitations, 'plans');
 */
export function withoutInvitation(invitations: readonly Invitation[], roomId: string): readonly Invitation[] {
  return invitations.some((item) => item.roomId === roomId) ? invitations.filter((item) => item.roomId !== roomId) : invitations;
}

/** A snapshot's invitations, keeping the list's identity when nothing changed (a reconnect). */
export function invitationsFromSnapshot(previous: readonly Invitation[], next: readonly Invitation[] | undefined): readonly Invitation[] {
  const list = next ?? [];
  return JSON.stringify(previous) === JSON.stringify(list) ? previous : [...list];
}

/** The invitations waiting for the signed-in user's answer, oldest first. */
export const selectInvitations = (state: InvitationsSlice): readonly Invitation[] => state.invitations;
