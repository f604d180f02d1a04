import { useDeferredValue, useId, useState, type ReactNode } from 'react';
import { usePublicRooms, useRoomActions, useRooms, type Room } from '../react';
import { cx, useStrings } from './config';
import { DialogButtons, DialogError, DialogFrame } from './Dialog';
import { Icon } from './icons';

/**
 * Props of {@link RoomDirectory}.
 *
 * @example
 * <RoomDirectory onClose={() => setOpen(false)} onOpened={(room) => setRoomId(room.id)} />
 */
export interface RoomDirectoryProps {
  /** Called on Close, Escape or a click outside. Focus then returns to what opened the dialog. */
  onClose(): void;
  /** Called with a room once joined (or picked when one is in it already), to open it. */
  onOpened(room: Room): void;
  /** Rooms a page. Default 30. */
  pageSize?: number;
  className?: string;
}

/**
 * "Browse rooms": the server's public rooms a page at a time, filtered by a part of their name,
 * each with its member count and a Join button (Open for a room one is in). Joining opens the room.
 * A modal dialog.
 *
 * @example
 * {open && <RoomDirectory onClose={() => setOpen(false)} onOpened={(room) => select(room.id)} />}
 */
export function RoomDirectory({ onClose, onOpened, pageSize = 30, className }: RoomDirectoryProps): ReactNode {
  const strings = useStrings();
  const filterId = useId();
  // The rooms the reader is in (a crowd's listing names only its admins, so its members do not say).
  const mine = useRooms();
  const joined = new Set(mine.map((room) => room.id));
  const [filter, setFilter] = useState('');
  const nameContains = useDeferredValue(filter);
  const { rooms, hasMore, state, error, loadMore } = usePublicRooms({
    nameContains,
    pageSize,
  });
  const { joinRoom } = useRoomActions();
  const [joining, setJoining] = useState<string | null>(null);
  const [joinError, setJoinError] = useState<string | null>(null);

  function open(room: Room) {
    if (joined.has(room.id)) {
      onOpened(room);
      return;
    }
    setJoining(room.id);
    setJoinError(null);
    joinRoom(room.id).then(onOpened, (failure: unknown) => {
      setJoining(null);
      setJoinError(failure instanceof Error ? failure.message : String(failure));
    });
  }

  return (
    <DialogFrame title={strings.browseRoomsTitle} onClose={onClose} className={cx('confab-room-directory', className)}>
      <label className="confab-visually-hidden" htmlFor={filterId}>
        {strings.filterPublicRooms}
      </label>
      <input
        id={filterId}
        className="confab-room-directory-filter"
        type="search"
        value={filter}
        placeholder={strings.filterPublicRooms}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setFilter(event.target.value)}
      />
      <div className="confab-room-directory-results" data-state={state} aria-busy={state === 'loading'}>
        {rooms.length > 0 && (
          <ul className="confab-room-directory-list" aria-label={strings.browseRoomsTitle}>
            {rooms.map((room) => {
              const member = joined.has(room.id);
              return (
                <li key={room.id} className="confab-room-directory-item" data-room-id={room.id} data-joined={member ? '' : undefined}>
                  <span className="confab-room-list-item-glyph" aria-hidden="true" data-kind="public">
                    <Icon name="hash" />
                  </span>
                  <span className="confab-room-directory-item-body">
                    <bdi className="confab-room-directory-item-name">{room.name}</bdi>
                    <span className="confab-room-directory-item-members">{strings.members(room.memberCount ?? room.members.length)}</span>
                  </span>
                  <button
                    type="button"
                    className="confab-button"
                    data-variant={member ? 'secondary' : 'primary'}
                    data-action={member ? 'open-room' : 'join-room'}
                    disabled={joining !== null}
                    onClick={() => open(room)}
                  >
                    {member ? strings.openRoom : strings.joinRoom}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {state === 'loading' && (
          <p className="confab-room-directory-status" role="status">
            {strings.loading}
          </p>
        )}
        {state === 'ready' && rooms.length === 0 && (
          <p className="confab-room-directory-status" role="status">
            {strings.noPublicRooms}
          </p>
        )}
        {hasMore && state !== 'loading' && rooms.length > 0 && (
          // Under the rooms it adds to, as search results page.
          <button type="button" className="confab-button confab-room-directory-more" data-variant="secondary" data-action="load-more" onClick={loadMore}>
            {strings.loadMoreRooms}
          </button>
        )}
        {(error ?? joinError) !== null && <DialogError>{joinError ?? error?.message}</DialogError>}
      </div>
      <DialogButtons closeLabel={strings.done} onClose={onClose} />
    </DialogFrame>
  );
}
