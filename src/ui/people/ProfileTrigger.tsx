/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useRef, useState, type ReactNode } from 'react';
import { useUser } from '../../react';
import { cx, useSlot, useStrings } from '../config';
import { ReportDialog } from '../moderation/ReportDialog';
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
  /**
   * The children are the person's name, which then names the button as it reads. Otherwise (an
   * avatar) the button is named "Profile of Ana" by a visually hidden text.
   */
  showsName?: boolean;
  /** Called with a direct room the card opened, outside `<Chat>`. */
  onOpenRoom?: (roomId: string) => void;
  /** The room the person is seen in: the card then offers "Report" to that room's moderators. */
  roomId?: string;
  className?: string;
}

/**
 * Makes an avatar or a name open the person's {@link ProfileCard} beside it: a button (named
 * "Profile of Ana" beside an avatar, or by the name it shows) with the card in a popover. Escape closes the card and puts
 * focus back on the button; the card's "Blocked people" opens the {@link BlockedPeopleDialog}, and
 * its "Report" (given a `roomId`) the {@link ReportDialog} for the person.
 *
 * @example
 * <ProfileTrigger userId={message.authorId} roomId={roomId}><bdi>{name}</bdi></ProfileTrigger>
 */
export function ProfileTrigger({ userId, children, tabIndex, showsName = false, onOpenRoom, roomId, className }: ProfileTriggerProps): ReactNode {
  const strings = useStrings();
  const user = useUser(userId);
  const CardPart = useSlot('ProfileCard', ProfileCard);
  // A ref, not state: a row full of triggers must not render twice on mounting (one per message).
  const button = useRef<HTMLButtonElement>(null);
  // The anchor is set when the card opens, for the popover to place it.
  const [open, setOpen] = useState<HTMLButtonElement | null>(null);
  // Which dialog the card handed over to, once it closed.
  const [dialog, setDialog] = useState<'blocked' | 'report' | null>(null);
  const name = user?.name || strings.someone;
  const label = strings.profileOf(name);
  const closeDialog = () => {
    setDialog(null);
    button.current?.focus();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className={cx('confab-profile-trigger', className)}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open !== null}
        data-state={open ? 'open' : 'closed'}
        tabIndex={tabIndex}
        onClick={() => setOpen((value) => (value ? null : button.current))}
      >
        {/* Named by what it shows (its name, or this text beside an avatar), never by aria-label: a
            label unlike the visible initials would not be what a voice-control user says. */}
        {!showsName && <span className="confab-visually-hidden">{label}</span>}
        {children}
      </button>
      <Popover anchor={open} open={open !== null} placement="bottom-start" className="confab-profile-popover">
        <CardPart
          userId={userId}
          onOpenRoom={onOpenRoom}
          onClose={(reason) => {
            setOpen(null);
            if (reason !== 'outside') button.current?.focus();
          }}
          onShowBlockedPeople={() => {
            setOpen(null);
            setDialog('blocked');
          }}
          onReport={
            roomId === undefined
              ? undefined
              : () => {
                  setOpen(null);
                  setDialog('report');
                }
          }
        />
      </Popover>
      {dialog === 'blocked' && <BlockedPeopleDialog onClose={closeDialog} />}
      {dialog === 'report' && roomId !== undefined && <ReportDialog roomId={roomId} target={{ userId, name }} onClose={closeDialog} />}
    </>
  );
}
