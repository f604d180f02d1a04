/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useState, type ReactNode } from 'react';
import { useUser } from '../../react';
import { cx, useSlot, useStrings } from '../config';
import { Popover } from '../popover';
import { BlockedPeopleDialog } from './BlockedPeopleDialog';
import { ProfileCard } from './ProfileCard';

/**
 * Props of {@link ProfileTrigger}.
 *
 * @example
 * <ProfileTrigger userId="bo"><Avatar userId="bo" /></ProfileTrigger>
 */
export interface ProfileTriggerProps {
  userId: string;
  /** What is shown: an avatar, a name. */
  children: ReactNode;
  /** `-1` keeps it out of the Tab order (an avatar beside a name that opens the same card). */
  tabIndex?: number;
  /** Called with a direct room the card opened, outside `<Chat>`. */
  onOpenRoom?: (roomId: string) => void;
  className?: string;
}

/**
 * Makes an avatar or a name open the person's {@link ProfileCard} beside it: a button (its
 * accessible name "Profile of Ana") with the card in a popover. Escape closes the card and puts
 * focus back on the button; the card's "Blocked people" opens the {@link BlockedPeopleDialog}.
 *
 * @example
 * <ProfileTrigger userId={message.authorId}><bdi>{name}</bdi></ProfileTrigger>
 */
export function ProfileTrigger({ userId, children, tabIndex, onOpenRoom, className }: ProfileTriggerProps): ReactNode {
  const strings = useStrings();
  const user = useUser(userId);
  const CardPart = useSlot('ProfileCard', ProfileCard);
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const [open, setOpen] = useState(false);
  const [blockedOpen, setBlockedOpen] = useState(false);
  const label = strings.profileOf(user?.name || strings.someone);

  return (
    <>
      <button
        ref={setButton}
        type="button"
        className={cx('confab-profile-trigger', className)}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-state={open ? 'open' : 'closed'}
        tabIndex={tabIndex}
        onClick={() => setOpen((value) => !value)}
      >
        {children}
      </button>
      <Popover anchor={button} open={open} placement="bottom-start" className="confab-profile-popover">
        <CardPart
          userId={userId}
          onOpenRoom={onOpenRoom}
          onClose={(reason) => {
            setOpen(false);
            if (reason !== 'outside') button?.focus();
          }}
          onShowBlockedPeople={() => {
            setOpen(false);
            setBlockedOpen(true);
          }}
        />
      </Popover>
      {blockedOpen && (
        <BlockedPeopleDialog
          onClose={() => {
            setBlockedOpen(false);
            button?.focus();
          }}
        />
      )}
    </>
  );
}
