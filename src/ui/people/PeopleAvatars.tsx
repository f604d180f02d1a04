import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AvatarProps } from '../Avatar';
import { Avatar } from '../Avatar';
import { cx, useSlot, useStrings } from '../config';
import { ProfileTrigger } from './ProfileTrigger';

/**
 * Props of {@link PeopleAvatars}.
 *
 * @example
 * <PeopleAvatars roomId="general" userIds={['bo', 'chen']} label="Seen by Bo and Chen" />
 */
export interface PeopleAvatarsProps {
  /** The room they are seen in: their cards offer "Report" to its moderators. */
  roomId: string;
  userIds: readonly string[];
  /** What the row says as a whole ("Seen by Ana and Bo"): the group's name and its tooltip. */
  label: string;
  /** Avatars shown before the rest are summed up as a "+N" button that shows them all. Default: all. */
  max?: number;
  size?: AvatarProps['size'];
  /** For the button that shows the row to name in `aria-controls`. */
  id?: string;
  className?: string;
}

/**
 * A row of small avatars of people (who read a message), each a {@link ProfileTrigger} that opens
 * the person's profile card, from the keyboard too. Past `max`, a "+N" button shows the others
 * and moves focus to the first of them.
 *
 * @example
 * <PeopleAvatars roomId={roomId} userIds={readerIds} label={strings.seenBy(names)} max={5} />
 */
export function PeopleAvatars({ roomId, userIds, label, max = Infinity, size = 'xs', id, className }: PeopleAvatarsProps): ReactNode {
  const strings = useStrings();
  const AvatarPart = useSlot('Avatar', Avatar);
  const group = useRef<HTMLDivElement>(null);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? userIds : userIds.slice(0, max);
  const hidden = userIds.length - shown.length;

  useEffect(() => {
    // The "+N" button is gone: focus goes on to the first person it revealed.
    if (showAll) group.current?.querySelectorAll<HTMLElement>('.confab-profile-trigger')[max]?.focus();
  }, [showAll, max]);

  return (
    <div ref={group} id={id} className={cx('confab-people-avatars', className)} role="group" aria-label={label} title={label} data-count={userIds.length}>
      {shown.map((id) => (
        <ProfileTrigger key={id} userId={id} roomId={roomId}>
          <AvatarPart userId={id} size={size} />
        </ProfileTrigger>
      ))}
      {hidden > 0 && (
        <button type="button" className="confab-people-avatars-more" onClick={() => setShowAll(true)}>
          <span aria-hidden="true">{strings.moreCount(hidden)}</span>
          <span className="confab-visually-hidden">{strings.showMorePeople(hidden)}</span>
        </button>
      )}
    </div>
  );
}
