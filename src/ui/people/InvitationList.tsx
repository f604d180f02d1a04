import { useState, type ReactNode } from 'react';
import { useInvitations, useUser, type Invitation, type Room } from '../../react';
import { cx, useStrings } from '../config';
import { withNames } from '../format/bidi';

/**
 * Props of {@link InvitationList}.
 *
 * @example
 * <InvitationList onAccepted={(room) => setRoomId(room.id)} />
 */
export interface InvitationListProps {
  /** Called with the room once an invitation is accepted (the reader is in it), to open it. */
  onAccepted?: (room: Room) => void;
  className?: string;
}

/**
 * The invitations waiting for the reader's answer ("Ana invited you to plans"), each with Accept
 * and Decline; nothing when there are none. The room list shows it above the rooms; it is in the
 * session snapshot, so it survives a reload.
 *
 * @example
 * <InvitationList onAccepted={(room) => open(room.id)} />
 */
export function InvitationList({ onAccepted, className }: InvitationListProps): ReactNode {
  const strings = useStrings();
  const { invitations, accept, decline } = useInvitations();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (invitations.length === 0) return null;

  function answer(roomId: string, work: () => Promise<unknown>) {
    setBusy(roomId);
    setError(null);
    work().then(
      () => setBusy(null),
      (failure: unknown) => {
        setBusy(null);
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    );
  }

  return (
    <section className={cx('confab-invitations', className)} aria-label={strings.invitations}>
      <ul className="confab-invitations-list">
        {invitations.map((invitation) => (
          <InvitationItem
            key={invitation.roomId}
            invitation={invitation}
            busy={busy === invitation.roomId}
            onAccept={() => answer(invitation.roomId, () => accept(invitation.roomId).then((room) => onAccepted?.(room)))}
            onDecline={() => answer(invitation.roomId, () => decline(invitation.roomId))}
          />
        ))}
      </ul>
      {error !== null && (
        <p className="confab-invitations-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function InvitationItem({ invitation, busy, onAccept, onDecline }: { invitation: Invitation; busy: boolean; onAccept(): void; onDecline(): void }): ReactNode {
  const strings = useStrings();
  const inviter = useUser(invitation.invitedBy);
  return (
    <li className="confab-invitations-item" data-room-id={invitation.roomId} data-kind={invitation.roomKind} data-state={busy ? 'loading' : 'idle'}>
      <p className="confab-invitations-text">{withNames(strings.invitedYou, inviter?.name || invitation.invitedByName || strings.someone, invitation.roomName)}</p>
      <div className="confab-invitations-actions">
        <button type="button" className="confab-button" data-variant="primary" data-action="accept-invitation" disabled={busy} onClick={onAccept}>
          {strings.acceptInvitation}
        </button>
        <button type="button" className="confab-button" data-variant="secondary" data-action="decline-invitation" disabled={busy} onClick={onDecline}>
          {strings.declineInvitation}
        </button>
      </div>
    </li>
  );
}
