/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { usePinnedMessages, usePins, useUser, type Message } from '../../react';
import { Avatar } from '../Avatar';
import { cx, useLocale, useSlot, useStrings } from '../config';
import { formatDateTime } from '../format/dates';
import { Icon } from '../icons';
import { Popover, useOutsideClick } from '../popover';
import { excerpt } from './excerpt';

/**
 * Props of {@link PinnedMessages}.
 *
 * @example
 * <PinnedMessages roomId="general" onJump={(message) => jump(message.roomId, message.id, message.sequence)} />
 */
export interface PinnedMessagesProps {
  roomId: string;
  /** Takes the reader to a pinned message (the list closes first). */
  onJump(message: Message): void;
  className?: string;
}

/**
 * The room's pinned messages, for the room header: a button with their count (nothing when none
 * is pinned) that opens a panel listing them, newest pin first, each with its author, time and a
 * text excerpt; choosing one jumps to it, and admins may unpin from here. The list is asked of the
 * server when the panel opens and again when the pins change. Escape closes it and gives focus
 * back to the button; so does a click outside.
 *
 * @example
 * <PinnedMessages roomId={roomId} onJump={(message) => void jump(message.roomId, message.id, message.sequence)} />
 */
export function PinnedMessages({ roomId, onJump, className }: PinnedMessagesProps): ReactNode {
  const strings = useStrings();
  const panelId = useId();
  const { pinnedIds } = usePins(roomId);
  const [open, setOpen] = useState(false);
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const count = pinnedIds.length;
  if (count === 0 && !open) return null;
  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button?.focus();
  };
  return (
    <>
      <button
        ref={setButton}
        type="button"
        className={cx('confab-pinned-button', className)}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        data-count={count}
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="pin" />
        {strings.pinnedCount(count)}
      </button>
      <Popover anchor={button} open={open} placement="bottom-start" className="confab-pinned-popover">
        <PinnedPanel
          id={panelId}
          roomId={roomId}
          opener={button}
          onClose={close}
          onJump={(message) => {
            close(false);
            onJump(message);
          }}
        />
      </Popover>
    </>
  );
}

function PinnedPanel({
  id,
  roomId,
  opener,
  onClose,
  onJump,
}: {
  id: string;
  roomId: string;
  opener: HTMLElement | null;
  onClose(focusOpener: boolean): void;
  onJump(message: Message): void;
}): ReactNode {
  const strings = useStrings();
  const { messages, state } = usePinnedMessages(roomId, true);
  const [panel, setPanel] = useState<HTMLDivElement | null>(null);
  useOutsideClick(panel, (event) => {
    // The opener toggles it itself.
    if (!opener?.contains(event.target as Node | null)) onClose(false);
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose(true);
  };
  return (
    <div ref={setPanel} id={id} className="confab-pinned-panel" role="dialog" aria-label={strings.pinnedMessages} data-state={state} onKeyDown={onKeyDown}>
      <h3 className="confab-pinned-title">{strings.pinnedMessages}</h3>
      {messages.length === 0 ? (
        <p className="confab-pinned-empty" role="status">
          {state === 'loading' ? strings.loading : strings.noPinnedMessages}
        </p>
      ) : (
        <ul className="confab-pinned-list">
          {messages.map((message) => (
            <PinnedItem key={message.id} roomId={roomId} message={message} onJump={onJump} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** One pinned message: a button that jumps to it, and Unpin for those who may. */
function PinnedItem({ roomId, message, onJump }: { roomId: string; message: Message; onJump(message: Message): void }): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const author = useUser(message.authorId);
  const pinner = useUser(message.pinnedBy ?? '');
  const { canPin, unpin } = usePins(roomId);
  const AvatarPart = useSlot('Avatar', Avatar);
  const name = author?.name ?? strings.someone;
  const text = message.text !== '' ? excerpt(message.text) : (message.attachments[0]?.name ?? '');
  return (
    <li className="confab-pinned-item">
      <button type="button" className="confab-pinned-jump" title={strings.jumpToMessage} onClick={() => onJump(message)}>
        <AvatarPart userId={message.authorId} size="sm" />
        <span className="confab-pinned-meta">
          <bdi className="confab-pinned-author">{name}</bdi>
          <time className="confab-pinned-time" dateTime={new Date(message.createdAt).toISOString()}>
            {formatDateTime(message.createdAt, locale)}
          </time>
        </span>
        <span className="confab-pinned-text" dir="auto">
          {text}
        </span>
        {pinner && <span className="confab-pinned-by">{strings.pinnedBy(pinner.name)}</span>}
      </button>
      {canPin && (
        <button type="button" className="confab-pinned-unpin" data-action="unpin" aria-label={`${strings.unpin}: ${name}`} title={strings.unpin} onClick={() => void unpin(message.id).catch(() => {})}>
          <Icon name="close" />
        </button>
      )}
    </li>
  );
}
