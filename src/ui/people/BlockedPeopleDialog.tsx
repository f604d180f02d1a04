/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useState, type ReactNode } from 'react';
import { useBlocking, useUser } from '../../react';
import { Avatar } from '../Avatar';
import { cx, useSlot, useStrings } from '../config';
import { DialogButtons, DialogError, DialogFrame } from '../Dialog';

/**
 * Props of {@link BlockedPeopleDialog}.
 *
 * @example
 * <BlockedPeopleDialog onClose={() => setOpen(false)} />
 */
export interface BlockedPeopleDialogProps {
  /** Called on Done, Escape or a click outside. Focus then returns to what opened the dialog. */
  onClose(): void;
  className?: string;
}

/**
 * Everyone the signed-in person blocks, each with an Unblock button: the one place to take a
 * block back from someone whose messages one no longer sees. A modal dialog.
 *
 * @example
 * {open && <BlockedPeopleDialog onClose={() => setOpen(false)} />}
 */
export function BlockedPeopleDialog({ onClose, className }: BlockedPeopleDialogProps): ReactNode {
  const strings = useStrings();
  const { blockedUserIds, unblock } = useBlocking();
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogFrame title={strings.blockedPeople} onClose={onClose} className={cx('confab-blocked-people-dialog', className)}>
      {blockedUserIds.length === 0 ? (
        <p className="confab-blocked-people-empty">{strings.noBlockedPeople}</p>
      ) : (
        <ul className="confab-blocked-people-list">
          {blockedUserIds.map((userId) => (
            <BlockedPerson
              key={userId}
              userId={userId}
              onUnblock={() =>
                unblock(userId).then(
                  () => setError(null),
                  (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure))
                )
              }
            />
          ))}
        </ul>
      )}
      {error !== null && <DialogError>{error}</DialogError>}
      <DialogButtons closeLabel={strings.done} closeVariant="primary" onClose={onClose} />
    </DialogFrame>
  );
}

function BlockedPerson({ userId, onUnblock }: { userId: string; onUnblock(): void }): ReactNode {
  const strings = useStrings();
  const user = useUser(userId);
  const AvatarPart = useSlot('Avatar', Avatar);
  return (
    <li className="confab-blocked-people-item" data-user-id={userId}>
      <AvatarPart userId={userId} size="sm" />
      <bdi className="confab-blocked-people-name">{user?.name || strings.someone}</bdi>
      <button type="button" className="confab-button" data-variant="secondary" data-action="unblock" onClick={onUnblock}>
        {strings.unblockPerson}
      </button>
    </li>
  );
}
