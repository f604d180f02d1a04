/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { usePresence, useRoom } from '../react';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import { cx, useLocale, useNow, useSlot, useStrings } from './config';
import { withNames } from './format/bidi';
import { formatRelative } from './format/dates';
import { useRoomDisplay } from './roomName';
import { MembersPanel } from './members/MembersPanel';
import { eventWithin } from './dom';
import { SearchButton } from './search';

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
 * count, which opens the members panel (members, presence and roles; adding, removing, roles,
 * rename, leave and delete as the viewer may), or for a direct room whether the other person is
 * online or when they were last seen.
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
        {room && (partnerId !== null ? <PartnerStatus userId={partnerId} /> : <MembersButton roomId={room.id} count={room.members.length} />)}
        {room?.topic !== undefined && room.topic !== '' && (
          <p className="confab-room-header-topic" dir="auto" title={room.topic} aria-label={`${strings.roomTopic}: ${room.topic}`}>
            {room.topic}
          </p>
        )}
      </div>
      <SearchButton className="confab-room-header-search" roomId={roomId} />
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

/**
 * The member count under the room's name: a button that opens the {@link MembersPanel} (who is in
 * the room, and what the viewer may do about it). A click outside closes it; Escape closes it and
 * gives focus back to the button.
 */
function MembersButton({ roomId, count }: { roomId: string; count: number }): ReactNode {
  const strings = useStrings();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const PanelPart = useSlot('MembersPanel', MembersPanel);

  useEffect(() => {
    if (!open) return;
    // composedPath, not target: inside a shadow root the document sees the host as the target.
    // The container holds the panel and the dialogs it opens, so working in those keeps it open.
    const onPointerDown = (event: PointerEvent | MouseEvent) => {
      if (!eventWithin(event, containerRef.current)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  return (
    <div ref={containerRef} className="confab-room-header-members">
      <button
        ref={buttonRef}
        type="button"
        className="confab-room-header-member-count"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="users" />
        {strings.members(count)}
      </button>
      {open && (
        <PanelPart
          id={panelId}
          roomId={roomId}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
