/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { memo, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useCurrentUser, usePresence, useRoom, useUser } from '../react';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import { cx, useLocale, useNow, useSlot, useStrings } from './config';
import { withNames } from './format/bidi';
import { formatRelative } from './format/dates';
import { useRoomDisplay } from './roomName';
import { eventWithin } from './dom';

/**
 * Props of {@link RoomHeader}.
 *
 * @example
 * <RoomHeader roomId="general" onBack={() => setPane('list')} />
 */
export interface RoomHeaderProps {
  roomId: string;
  /** Shows a back button (the narrow layout of `<Chat>` uses it to go back to the room list). */
  onBack?: () => void;
  /** Extra controls at the end of the header (e.g. a call button). */
  actions?: ReactNode;
  className?: string;
}

/**
 * The top of a room: its name (the other person's for a direct room), and below it the member
 * count with a popover listing members and their presence, or for a direct room whether the other
 * person is online or when they were last seen.
 *
 * @example
 * <RoomHeader roomId={roomId} />
 */
export function RoomHeader({ roomId, onBack, actions, className }: RoomHeaderProps): ReactNode {
  const strings = useStrings();
  const room = useRoom(roomId);
  const { name, partnerId } = useRoomDisplay(room);
  const AvatarPart = useSlot('Avatar', Avatar);

  return (
    <header className={cx('confab-room-header', className)} data-kind={room?.kind} data-has-back={onBack ? '' : undefined}>
      {onBack && (
        <button type="button" className="confab-room-header-back" onClick={onBack} aria-label={strings.back}>
<Icon name="back" />
        </button>
      )}
      {partnerId !== null ? (
        <AvatarPart userId={partnerId} size="md" showPresence />
      ) : (
        <span className="confab-room-header-glyph" aria-hidden="true" data-kind={room?.kind}>
          <Icon name={room?.kind === 'private' ? 'lock' : 'hash'} />
        </span>
      )}
      <div className="confab-room-header-titles">
        <h2 className="confab-room-header-name" dir="auto">
          {name}
        </h2>
        {room && (partnerId !== null ? <PartnerStatus userId={partnerId} /> : <MemberCount members={room.members.map((member) => member.userId)} />)}
      </div>
      {actions !== undefined && <div className="confab-room-header-actions">{actions}</div>}
    </header>
  );
}

/** "Online" or "Last seen 5 minutes ago" for the other person of a direct room. */
function PartnerStatus({ userId }: { userId: string }): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const presence = usePresence(userId);
  const state = presence?.state ?? 'offline';
  let text: ReactNode = strings.offline;
  if (state === 'online') text = strings.online;
  else if (presence?.lastSeenAt !== undefined) text = withNames(strings.lastSeen, formatRelative(presence.lastSeenAt, now(), locale));
  return (
    <p className="confab-room-header-status" data-state={state}>
      {text}
    </p>
  );
}

/** A button with the member count that opens a list of members with their presence. */
function MemberCount({ members }: { members: readonly string[] }): ReactNode {
  const strings = useStrings();
  const popoverId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    popoverRef.current?.focus();
    // composedPath, not target: inside a shadow root the document sees the host as the target.
    const onPointerDown = (event: PointerEvent | MouseEvent) => {
      if (!eventWithin(event, popoverRef.current) && !eventWithin(event, buttonRef.current)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <div className="confab-room-header-members">
      <button
        ref={buttonRef}
        type="button"
        className="confab-room-header-member-count"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
      >
        {strings.members(members.length)}
      </button>
      {open && (
        <div
          ref={popoverRef}
          id={popoverId}
          className="confab-member-list"
          role="dialog"
          aria-label={strings.memberList}
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <ul className="confab-member-list-items">
            {members.map((userId) => (
              <MemberRow key={userId} userId={userId} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

const MemberRow = memo(function MemberRow({ userId }: { userId: string }): ReactNode {
  const strings = useStrings();
  const user = useUser(userId);
  const presence = usePresence(userId);
  const { id: meId } = useCurrentUser();
  const AvatarPart = useSlot('Avatar', Avatar);
  const name = user?.name || strings.someone;
  const state = presence?.state ?? 'offline';
  return (
    <li className="confab-member-list-item" data-state={state}>
      <AvatarPart userId={userId} size="sm" showPresence />
      <span className="confab-member-list-name">{userId === meId ? withNames(strings.meSuffix, name) : <bdi>{name}</bdi>}</span>
    </li>
  );
});
