import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useRoomSettings, type NotificationLevel } from '../../react';
import { useStrings } from '../config';
import { eventWithin } from '../dom';
import { Icon } from '../icons';
import { useNotificationPermission, useNotifier } from './permission';

/**
 * Props of {@link RoomNotificationsButton}.
 *
 * @example
 * <RoomNotificationsButton roomId="general" />
 */
export interface RoomNotificationsButtonProps {
  roomId: string;
}

const LEVELS: readonly NotificationLevel[] = ['all', 'mentions', 'none'];

/**
 * The room header's bell: a button (crossed out while the room is muted) that opens the person's
 * own settings of the room: mute it, and which messages notify (all, only mentions, nothing). Under
 * `<Chat notifications>` it also offers "Turn on notifications", the one place that asks the
 * browser, from the click. Escape or a click outside closes it.
 *
 * @example
 * <RoomHeader roomId="general" actions={<RoomNotificationsButton roomId="general" />} />
 */
export function RoomNotificationsButton({ roomId }: RoomNotificationsButtonProps): ReactNode {
  const strings = useStrings();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const { muted } = useRoomSettings(roomId);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      if (!eventWithin(event, containerRef.current)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={containerRef}
      className="confab-room-notifications"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.stopPropagation();
        setOpen(false);
        buttonRef.current?.focus();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="confab-room-notifications-button"
        aria-label={strings.notificationSettings}
        title={strings.notificationSettings}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        data-muted={muted ? '' : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name={muted ? 'bellOff' : 'bell'} />
      </button>
      {open && <RoomNotificationsPanel id={panelId} roomId={roomId} />}
    </div>
  );
}

/** The panel the bell opens: mute, level, and the browser's permission. */
function RoomNotificationsPanel({ id, roomId }: { id: string; roomId: string }): ReactNode {
  const strings = useStrings();
  const groupName = useId();
  const { muted, level, update } = useRoomSettings(roomId);
  const notifier = useNotifier();
  const { permission, request } = useNotificationPermission(notifier);
  const labels: Record<NotificationLevel, string> = { all: strings.notifyAll, mentions: strings.notifyMentions, none: strings.notifyNone };
  // A refused change is rolled back in the store, where this panel reads it.
  const change = (patch: Parameters<typeof update>[0]) => void update(patch).catch(() => {});

  return (
    <div id={id} className="confab-room-notifications-panel" role="dialog" aria-label={strings.notificationSettings}>
      <label className="confab-room-notifications-mute">
        <input type="checkbox" checked={muted} onChange={(event) => change({ muted: event.target.checked })} />
        {strings.muteRoom}
      </label>
      <fieldset className="confab-room-notifications-levels" disabled={muted}>
        <legend>{strings.notifyAbout}</legend>
        {LEVELS.map((option) => (
          <label key={option} className="confab-room-notifications-level">
            <input type="radio" name={groupName} value={option} checked={level === option} onChange={() => change({ level: option })} />
            {labels[option]}
          </label>
        ))}
      </fieldset>
      {notifier !== null && permission !== 'unsupported' && (
        <div className="confab-room-notifications-permission" data-state={permission === 'granted' ? 'ready' : permission === 'denied' ? 'unavailable' : 'idle'}>
          {permission === 'default' ? (
            <button type="button" className="confab-button" data-variant="secondary" data-action="enable-notifications" onClick={() => void request()}>
              {strings.turnOnNotifications}
            </button>
          ) : (
            <p>{permission === 'granted' ? strings.notificationsOn : strings.notificationsBlocked}</p>
          )}
        </div>
      )}
    </div>
  );
}
