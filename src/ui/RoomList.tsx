/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { memo, useCallback, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useCurrentUser, useIsMuted, useLastMessage, useRooms, useUnreadCount, useUser, useUsers, type Room } from '../react';
import { Avatar } from './Avatar';
import { CreateRoomDialog } from './CreateRoomDialog';
import { DirectMessageDialog } from './DirectMessageDialog';
import { SearchButton } from './search';
import { InvitationList } from './people/InvitationList';
import { RoomDirectory } from './RoomDirectory';
import { Icon } from './icons';
import { cx, useLocale, useNow, useSlot, useStrings } from './config';
import { foldForSearch, withNames } from './format/bidi';
import { toPlainText } from './format/richText';
import { formatDateTime, formatShort } from './format/dates';
import { directPartnerId, useRoomDisplay } from './roomName';
import { elementById } from './dom';

/**
 * Props of {@link RoomList}.
 *
 * @example
 * const [roomId, setRoomId] = useState<string | null>(null);
 * <RoomList selectedRoomId={roomId} onSelectRoom={setRoomId} />
 */
export interface RoomListProps {
  /** The room shown as selected (`aria-selected`, `data-selected`). */
  selectedRoomId?: string | null;
  /**
   * Called when a room is picked (click, Enter: `'list'`), created in the dialog (`'created'`),
   * a direct message is started (`'direct'`), or a room is joined from the directory or an
   * invitation (`'joined'`). `<Chat>` moves focus to the composer of a room that
   * was just created or opened.
   */
  onSelectRoom?: (roomId: string, reason: RoomSelectReason) => void;
  /** Hides the "New room", "New message" and "Browse rooms" buttons. */
  hideActions?: boolean;
  className?: string;
}

/**
 * Why a {@link RoomList} selected a room: picked from the list, created in its dialog, or opened as
 * a direct message.
 *
 * @example
 * const onSelectRoom = (roomId: string, reason: RoomSelectReason) => {
 *   open(roomId);
 *   if (reason !== 'list') focusComposer();
 * };
 */
export type RoomSelectReason = 'list' | 'created' | 'direct' | 'joined';

/**
 * The rooms in a held order: while the reader's pointer is over the list, rooms keep the places
 * they had when it arrived (`held`, their ids), so the row they aim at does not jump away when a
 * message lands somewhere; rooms that appeared since go at the end, rooms that left are dropped.
 * With no held order (`null`) the rooms stay as given, most recently active first.
 *
 * @example
 * holdOrder(['general', 'random'], [random, general, design]); // [general, random, design]
 * holdOrder(null, [random, general]); // [random, general]
 */
export function holdOrder<T extends { id: string }>(held: readonly string[] | null, rooms: readonly T[]): readonly T[] {
  if (held === null) return rooms;
  const place = new Map(held.map((id, index) => [id, index]));
  const kept = rooms.filter((room) => place.has(room.id)).sort((a, b) => (place.get(a.id) ?? 0) - (place.get(b.id) ?? 0));
  const arrived = rooms.filter((room) => !place.has(room.id));
  return kept.length === rooms.length && kept.every((room, index) => room === rooms[index]) ? rooms : [...kept, ...arrived];
}

/** The option element id of a room in one list. */
const optionId = (listId: string, roomId: string) => `${listId}-room-${roomId}`;

/**
 * The rooms the user is in, most recently active first: a filter box, unread badges, a preview of
 * the last message and its time, a presence dot for direct rooms, invitations waiting for an
 * answer, and buttons that open the create-room, direct-message and room-directory dialogs. While the pointer is over the list its order holds
 * still ({@link holdOrder}) and catches up when the pointer leaves.
 *
 * The list is a listbox: focus it (Tab) and use ArrowUp/ArrowDown/Home/End to move, Enter or
 * Space to open a room; ArrowDown in the filter box moves into the list.
 *
 * @example
 * <RoomList selectedRoomId={roomId} onSelectRoom={setRoomId} />
 */
export function RoomList({ selectedRoomId = null, onSelectRoom, hideActions = false, className }: RoomListProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const byActivity = useRooms();
  const users = useUsers();
  const { id: meId } = useCurrentUser();
  const ItemPart = useSlot('RoomListItem', RoomListItem);
  const CreatePart = useSlot('CreateRoomDialog', CreateRoomDialog);
  const DirectPart = useSlot('DirectMessageDialog', DirectMessageDialog);
  const DirectoryPart = useSlot('RoomDirectory', RoomDirectory);
  const listId = useId();
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'create' | 'direct' | 'browse' | null>(null);
  // The order on screen when the pointer came over the list; null while it is elsewhere.
  const [heldOrder, setHeldOrder] = useState<readonly string[] | null>(null);
  const rooms = useMemo(() => holdOrder(heldOrder, byActivity), [heldOrder, byActivity]);

  const visible = useMemo(() => {
    const needle = foldForSearch(filter.trim(), locale);
    if (needle === '') return rooms;
    const names = new Map(users.map((user) => [user.id, user.name]));
    return rooms.filter((room) => {
      const partner = directPartnerId(room, meId);
      const name = partner !== null ? (names.get(partner) ?? '') : room.name;
      return foldForSearch(name, locale).includes(needle);
    });
  }, [rooms, users, meId, filter, locale]);

  // The active option follows a room, not a position, so it stays put when the order changes.
  const active = visible.find((room) => room.id === activeId) ?? visible.find((room) => room.id === selectedRoomId) ?? visible[0];

  // Stable, so memoized rows do not re-render because the list did.
  const select = useCallback(
    (roomId: string, reason: RoomSelectReason = 'list') => {
      setActiveId(roomId);
      onSelectRoom?.(roomId, reason);
    },
    [onSelectRoom],
  );

  function onListKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (visible.length === 0) return;
    const index = active ? visible.indexOf(active) : -1;
    let next: Room | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = visible[Math.min(index + 1, visible.length - 1)];
        break;
      case 'ArrowUp':
        next = visible[Math.max(index - 1, 0)];
        break;
      case 'Home':
        next = visible[0];
        break;
      case 'End':
        next = visible[visible.length - 1];
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (active) select(active.id);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) {
      setActiveId(next.id);
      elementById(event.currentTarget, optionId(listId, next.id))?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  function onFilterKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && visible.length > 0) {
      event.preventDefault();
      elementById(event.currentTarget, listId)?.focus();
    } else if (event.key === 'Enter' && visible.length === 1 && visible[0]) {
      event.preventDefault();
      select(visible[0].id);
    } else if (event.key === 'Escape' && filter !== '') {
      event.preventDefault();
      setFilter('');
    }
  }

  return (
    <nav className={cx('confab-room-list', className)} aria-label={strings.rooms}>
      <div className="confab-room-list-toolbar">
        <label className="confab-visually-hidden" htmlFor={filterId}>
          {strings.filterRooms}
        </label>
        <input
          id={filterId}
          className="confab-room-list-filter"
          type="search"
          value={filter}
          placeholder={strings.filterRooms}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={onFilterKeyDown}
          // Only while the list exists: an id that points at nothing is invalid ARIA.
          aria-controls={visible.length > 0 ? listId : undefined}
        />
        <SearchButton className="confab-room-list-action" onOpenRoom={(roomId) => select(roomId, 'direct')} shortcut />
        {!hideActions && (
          <>
            <button type="button" className="confab-room-list-action" data-action="create-room" onClick={() => setDialog('create')} aria-haspopup="dialog">
              <Icon name="plus" />
              <span className="confab-room-list-action-label">{strings.createRoom}</span>
            </button>
            <button type="button" className="confab-room-list-action" data-action="direct-message" onClick={() => setDialog('direct')} aria-haspopup="dialog">
              <Icon name="compose" />
              <span className="confab-room-list-action-label">{strings.startDirectMessage}</span>
            </button>
            <button type="button" className="confab-room-list-action" data-action="browse-rooms" onClick={() => setDialog('browse')} aria-haspopup="dialog">
              <Icon name="hash" />
              <span className="confab-room-list-action-label">{strings.browseRooms}</span>
            </button>
          </>
        )}
      </div>
      <InvitationList onAccepted={(room) => select(room.id, 'joined')} />
      {visible.length === 0 ? (
        <p className="confab-room-list-empty" role="status">
          {rooms.length === 0 ? strings.noRooms : withNames(strings.noRoomsMatch, filter.trim())}
        </p>
      ) : (
        <ul
          id={listId}
          className="confab-room-list-items"
          role="listbox"
          aria-label={strings.rooms}
          tabIndex={0}
          aria-activedescendant={active ? optionId(listId, active.id) : undefined}
          onKeyDown={onListKeyDown}
          onPointerEnter={() => setHeldOrder(rooms.map((room) => room.id))}
          onPointerLeave={() => setHeldOrder(null)}
          data-order-held={heldOrder !== null ? '' : undefined}
        >
          {visible.map((room) => (
            <ItemPart key={room.id} id={optionId(listId, room.id)} room={room} selected={room.id === selectedRoomId} active={room.id === active?.id} onSelect={select} />
          ))}
        </ul>
      )}
      {dialog === 'create' && (
        <CreatePart
          onClose={() => setDialog(null)}
          onCreated={(room) => {
            setDialog(null);
            select(room.id, 'created');
          }}
        />
      )}
      {dialog === 'browse' && (
        <DirectoryPart
          onClose={() => setDialog(null)}
          onOpened={(room) => {
            setDialog(null);
            select(room.id, 'joined');
          }}
        />
      )}
      {dialog === 'direct' && (
        <DirectPart
          onClose={() => setDialog(null)}
          onOpened={(room) => {
            setDialog(null);
            select(room.id, 'direct');
          }}
        />
      )}
    </nav>
  );
}

/**
 * Props of {@link RoomListItem}.
 *
 * @example
 * <RoomListItem id="rooms-general" room={room} selected active={false} onSelect={open} />
 */
export interface RoomListItemProps {
  room: Room;
  /** The option's element id (the list points `aria-activedescendant` at it). */
  id: string;
  selected: boolean;
  /** The keyboard's current option. */
  active: boolean;
  onSelect(roomId: string): void;
  className?: string;
}

const PREVIEW_CHARS = 160;

/**
 * One room in the {@link RoomList}: avatar (the other person's, with a presence dot, for a direct
 * room), name, time and preview of the last message, and the unread count (a quiet dot, the row
 * dimmed with a muted bell, when the person muted the room). Re-renders only when its room, its
 * unread count, its muting or its last message changes.
 *
 * @example
 * <RoomListItem id="rooms-general" room={room} selected={false} active onSelect={open} />
 */
export const RoomListItem = memo(function RoomListItem({ room, id, selected, active, onSelect, className }: RoomListItemProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const unread = useUnreadCount(room.id);
  const muted = useIsMuted(room.id);
  const last = useLastMessage(room.id);
  const { id: meId } = useCurrentUser();
  const { name, partnerId } = useRoomDisplay(room);
  const AvatarPart = useSlot('Avatar', Avatar);
  const time = last?.createdAt ?? (room.lastSequence > 0 ? room.lastActivityAt : undefined);

  return (
    <li
      id={id}
      className={cx('confab-room-list-item', className)}
      role="option"
      aria-selected={selected}
      data-selected={selected ? '' : undefined}
      data-active={active ? '' : undefined}
      data-kind={room.kind}
      data-room-id={room.id}
      data-unread={unread > 0 ? '' : undefined}
      data-muted={muted ? '' : undefined}
      onClick={() => onSelect(room.id)}
    >
      {partnerId !== null ? (
        <AvatarPart userId={partnerId} size="md" showPresence />
      ) : (
        <span className="confab-room-list-item-glyph" aria-hidden="true" data-kind={room.kind}>
          <Icon name={room.kind === 'private' ? 'lock' : 'hash'} />
        </span>
      )}
      <span className="confab-room-list-item-body">
        <span className="confab-room-list-item-top">
          <span className="confab-room-list-item-name" dir="auto">
            {name}
          </span>
          {muted && (
            <span className="confab-room-list-item-muted" title={strings.mutedRoom}>
              <Icon name="bellOff" />
              <span className="confab-visually-hidden">{strings.mutedRoom}</span>
            </span>
          )}
          {time !== undefined && (
            <time className="confab-room-list-item-time" dir="auto" dateTime={new Date(time).toISOString()} title={formatDateTime(time, locale)}>
              {formatShort(time, now(), locale)}
            </time>
          )}
        </span>
        <span className="confab-room-list-item-bottom">
          <span className="confab-room-list-item-preview">{last ? <Preview last={last} isMine={last.authorId === meId} isDirect={partnerId !== null} /> : null}</span>
          {unread > 0 && (
            // A muted room asks for no attention: a quiet dot instead of the count.
            <span className="confab-room-list-item-unread" data-count={unread} data-muted={muted ? '' : undefined}>
              {!muted && <span aria-hidden="true">{unread > 99 ? '99+' : unread.toLocaleString(locale)}</span>}
              <span className="confab-visually-hidden">{strings.unreadCount(unread)}</span>
            </span>
          )}
        </span>
      </span>
    </li>
  );
});

function Preview({ last, isMine, isDirect }: { last: NonNullable<ReturnType<typeof useLastMessage>>; isMine: boolean; isDirect: boolean }): ReactNode {
  const strings = useStrings();
  const author = useRoomDisplayAuthor(last.authorId);
  const deleted = 'deletedAt' in last && last.deletedAt !== undefined;
  // A message that is only files previews as its first file's name, marked with a drawn paperclip
  // (an emoji would depend on the system's fonts).
  const fileOnly = !deleted && last.text.trim() === '' && last.attachments.length > 0;
  const raw = deleted ? strings.messageDeleted : fileOnly ? (last.attachments[0]?.name ?? strings.attachment) : last.text;
  const text = oneLine(raw);
  // An announcement is the server's, not someone's: no "Someone:" before it.
  const system = 'system' in last && last.system === true;
  // A /me message reads as itself, "* Ana waves", wherever it is.
  const action = !deleted && last.kind === 'action';
  const line = action ? (
    <bdi>
      * {author} {text}
    </bdi>
  ) : isMine ? (
    withNames(strings.lastMessagePreview, strings.you, text)
  ) : isDirect || deleted || system ? (
    <bdi>{text}</bdi>
  ) : (
    withNames(strings.lastMessagePreview, author, text)
  );
  if (!fileOnly) return line;
  return (
    <>
      <Icon name="paperclip" className="confab-icon confab-room-list-item-preview-icon" />
      {line}
    </>
  );
}

function useRoomDisplayAuthor(authorId: string): string {
  const strings = useStrings();
  return useUser(authorId)?.name || strings.someone;
}

function oneLine(text: string): string {
  // A preview shows what the message says, not its formatting marks.
  const flat = toPlainText(text);
  return flat.length > PREVIEW_CHARS ? `${[...flat].slice(0, PREVIEW_CHARS).join('')}…` : flat;
}
