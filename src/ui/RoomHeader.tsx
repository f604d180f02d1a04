/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { memberCountOf, useCanModerate, useJumpToMessage, usePresence, useRoom, useRoomActions, type Message } from '../react';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import { cx, useLocale, useNow, useSlot, useStrings } from './config';
import { ConfirmButton } from './members/ConfirmButton';
import { presenceText } from './people/presenceText';
import { ProfileTrigger } from './people/ProfileTrigger';
import { useRoomDisplay } from './roomName';
import { MembersPanel } from './members/MembersPanel';
import { ModerationButton } from './moderation/ModerationButton';
import { RoomNotificationsButton } from './notifications/RoomNotificationsButton';
import { eventWithin } from './dom';
import { PinnedMessages } from './pins/PinnedMessages';
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
  /**
   * Takes the reader to a pinned message chosen in the header's pinned list. Default: the room's
   * list scrolls to it and marks it (`useJumpToMessage`).
   */
  onJumpToMessage?: (message: Message) => void;
  className?: string;
}

/**
 * The top of a room: its name (the other person's for a direct room), and below it the member
 * count, which opens the members panel (members, presence and roles; adding, removing, roles,
 * rename, leave and delete as the viewer may), or for a direct room whether the other person is
 * online or when they were last seen; beside it, the pinned messages (their count, opening a list
 * that jumps to each).
 * online or when they were last seen; at its end the bell of the person's own settings of the room
 * (mute, notification level: {@link RoomNotificationsButton}).
 *
 * @example
 * <RoomHeader roomId={roomId} />
 */
export function RoomHeader({ roomId, onBack, actions, onJumpToMessage, className }: RoomHeaderProps): ReactNode {
  const strings = useStrings();
  const room = useRoom(roomId);
  const canModerate = useCanModerate(roomId);
  const { name, partnerId } = useRoomDisplay(room);
  const AvatarPart = useSlot('Avatar', Avatar);
  const PinnedPart = useSlot('PinnedMessages', PinnedMessages);
  const jump = useJumpToMessage();
  const jumpToPin = useCallback((message: Message) => void jump(message.roomId, message.id, message.sequence).catch(() => {}), [jump]);
  const NotificationsPart = useSlot('RoomNotificationsButton', RoomNotificationsButton);

  return (
    <header className={cx('confab-room-header', className)} data-kind={room?.kind} data-has-back={onBack ? '' : undefined}>
      {onBack && (
        <button type="button" className="confab-room-header-back" onClick={onBack} aria-label={strings.back}>
          <Icon name="back" />
        </button>
      )}
      {partnerId !== null ? (
        <ProfileTrigger userId={partnerId} roomId={roomId}>
          <AvatarPart userId={partnerId} size="md" showPresence />
        </ProfileTrigger>
      ) : (
        <span className="confab-room-header-glyph" aria-hidden="true" data-kind={room?.kind}>
          <Icon name={room?.kind === 'private' ? 'lock' : 'hash'} />
        </span>
      )}
      <div className="confab-room-header-titles">
        <h2 className="confab-room-header-name" dir="auto">
          {name}
        </h2>
        <div className="confab-room-header-subtitle">
          {room && (partnerId !== null ? <PartnerStatus userId={partnerId} /> : <MembersButton roomId={room.id} count={memberCountOf(room)} />)}
          {room && <PinnedPart roomId={room.id} onJump={onJumpToMessage ?? jumpToPin} />}
        </div>
        {room?.topic !== undefined && room.topic !== '' && (
          <p className="confab-room-header-topic" dir="auto" title={room.topic} aria-label={`${strings.roomTopic}: ${room.topic}`}>
            {room.topic}
          </p>
        )}
      </div>
      <SearchButton className="confab-room-header-search" roomId={roomId} />
      {room && canModerate && <ModerationButton roomId={room.id} />}
      {room && room.kind !== 'direct' && <LeaveButton roomId={room.id} />}
      {(room !== undefined || actions !== undefined) && (
        <div className="confab-room-header-actions">
          {room && <NotificationsPart roomId={room.id} />}
          {actions}
        </div>
      )}
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
  return (
    <p className="confab-room-header-status" data-state={state}>
      {presenceText(presence, now(), locale, strings)}
    </p>
  );
}

/**
 * Leave the room, asking once more. `<Chat>` then opens another room. The server's rule: an admin
 * who leaves hands the role on to the longest-standing member, and a public room everyone left
 * makes its next joiner its admin; direct rooms cannot be left.
 */
function LeaveButton({ roomId }: { roomId: string }): ReactNode {
  const strings = useStrings();
  const { leaveRoom } = useRoomActions();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="confab-room-header-leave">
      <ConfirmButton
        action="leave-room"
        label={strings.leaveRoom}
        confirmLabel={strings.confirmLeaveRoom}
        onConfirm={() => void leaveRoom(roomId).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))}
      />
      {error !== null && (
        <p className="confab-room-header-error" role="alert">
          {error}
        </p>
      )}
    </div>
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
