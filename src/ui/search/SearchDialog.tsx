import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useCurrentUserId, useJumpToMessage, useMessageSearch, usePeopleSearch, useRoomActions, type MessageSearchHit, type User } from '../../react';
import { Avatar } from '../Avatar';
import { cx, useStrings } from '../config';
import { DialogError, DialogFrame } from '../Dialog';
import { activeElementOf } from '../dom';
import { SearchHit } from './SearchHit';

/**
 * Props of {@link SearchDialog}.
 *
 * @example
 * <SearchDialog roomId="general" onClose={close} onOpenRoom={select} />
 */
export interface SearchDialogProps {
  /** Searches this room first (the person may widen it to all rooms); absent: all rooms. */
  roomId?: string;
  onClose(): void;
  /**
   * Opens a room (a direct room with a person found). Without it, people are not searched; a
   * message found is reached by a jump either way (`<Chat>` opens its room).
   */
  onOpenRoom?(roomId: string): void;
  className?: string;
}

/** Up to this many people are listed above the messages. */
const PEOPLE_SHOWN = 5;

/** Moves focus among the dialog's result buttons with the arrow keys (from the search box, Down enters the list). */
function moveAmongResults(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const dialog = event.currentTarget.closest('.confab-search-dialog');
  const buttons = [...(dialog?.querySelectorAll<HTMLElement>('.confab-search-hit, .confab-search-person') ?? [])];
  if (buttons.length === 0) return;
  const at = buttons.indexOf(activeElementOf(dialog) as HTMLElement);
  const next = at < 0 ? (event.key === 'ArrowDown' ? 0 : -1) : at + (event.key === 'ArrowDown' ? 1 : -1);
  if (next < 0) {
    if (at >= 0) dialog?.querySelector<HTMLElement>('.confab-search-input')?.focus();
  } else buttons[Math.min(next, buttons.length - 1)]?.focus();
  event.preventDefault();
}

/**
 * Search, in a dialog: a box that searches messages as the person types (this room or all
 * rooms), people when it can open a conversation, and lists what it finds: each message with its
 * room, author, time and the matched words marked. Choosing a message jumps to it in its room;
 * choosing a person opens the direct conversation. Escape closes it; Up and Down move through
 * the results. States: a hint before typing, searching, nothing found, failed (with Retry).
 *
 * @example
 * {open && <SearchDialog roomId={roomId} onClose={() => setOpen(false)} />}
 */
export function SearchDialog({ roomId, onClose, onOpenRoom, className }: SearchDialogProps): ReactNode {
  const strings = useStrings();
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<'room' | 'all'>(roomId !== undefined ? 'room' : 'all');
  const inRoom = scope === 'room' && roomId !== undefined;
  const messages = useMessageSearch(query, inRoom ? { roomId } : {});
  const searchPeople = onOpenRoom !== undefined && !inRoom;
  const people = usePeopleSearch(searchPeople ? query : '', { limit: PEOPLE_SHOWN + 1 });
  const me = useCurrentUserId();
  const jump = useJumpToMessage();
  const { openDirectRoom } = useRoomActions();
  const [problem, setProblem] = useState<string | null>(null);

  const openHit = (hit: MessageSearchHit) => {
    setProblem(null);
    jump(hit.message.roomId, hit.message.id, hit.message.sequence).then(onClose, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  const openPerson = (user: User) => {
    setProblem(null);
    openDirectRoom(user.id).then(
      (room) => {
        onClose();
        onOpenRoom?.(room.id);
      },
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  };

  const others = people.hits.filter((user) => user.id !== me).slice(0, PEOPLE_SHOWN);
  const typed = query.trim() !== '';

  return (
    <DialogFrame title={strings.search} onClose={onClose} className={cx('confab-search-dialog', className)}>
      <input
        type="search"
        className="confab-dialog-input confab-search-input"
        aria-label={strings.searchMessages}
        placeholder={strings.searchMessages}
        value={query}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={moveAmongResults}
      />
      {roomId !== undefined && (
        <div className="confab-search-scope" role="group" aria-label={strings.search}>
          <button type="button" className="confab-search-scope-option" aria-pressed={inRoom} data-selected={inRoom ? '' : undefined} onClick={() => setScope('room')}>
            {strings.searchThisRoom}
          </button>
          <button type="button" className="confab-search-scope-option" aria-pressed={!inRoom} data-selected={!inRoom ? '' : undefined} onClick={() => setScope('all')}>
            {strings.searchAllRooms}
          </button>
        </div>
      )}
      <div className="confab-search-results" onKeyDown={moveAmongResults}>
        {problem !== null && <DialogError>{problem}</DialogError>}
        {searchPeople && others.length > 0 && (
          <section className="confab-search-section" aria-label={strings.people}>
            <h3 className="confab-search-section-title">{strings.people}</h3>
            <ul className="confab-search-list">
              {others.map((user) => (
                <li key={user.id}>
                  <button type="button" className="confab-search-person" data-user-id={user.id} onClick={() => openPerson(user)}>
                    <Avatar userId={user.id} size="sm" />
                    <bdi className="confab-search-person-name">{user.name}</bdi>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section className="confab-search-section" aria-label={strings.messageList} data-state={messages.status}>
          {searchPeople && others.length > 0 && <h3 className="confab-search-section-title">{strings.messageList}</h3>}
          <MessageResults query={query} typed={typed} search={messages} showRoom={!inRoom} onOpen={openHit} />
        </section>
      </div>
    </DialogFrame>
  );
}

/** The messages part of the results: its states, the hits and "More results". */
function MessageResults({ query, typed, search, showRoom, onOpen }: { query: string; typed: boolean; search: ReturnType<typeof useMessageSearch>; showRoom: boolean; onOpen(hit: MessageSearchHit): void }): ReactNode {
  const strings = useStrings();
  if (search.status === 'idle') return <p className="confab-search-status">{typed ? strings.searchNeedsWords : strings.searchHint}</p>;
  if (search.status === 'loading') {
    return (
      <p className="confab-search-status" role="status">
        <span className="confab-spinner" aria-hidden="true" />
        {strings.searching}
      </p>
    );
  }
  if (search.status === 'failed') {
    return (
      <div className="confab-search-status" role="alert">
        <p>{search.error?.message ?? strings.searchFailed}</p>
        <button type="button" className="confab-button" data-variant="secondary" onClick={search.retry}>
          {strings.retry}
        </button>
      </div>
    );
  }
  if (search.hits.length === 0) {
    return (
      <p className="confab-search-status" role="status">
        {strings.searchNoResults(query.trim())}
      </p>
    );
  }
  return (
    <>
      <ul className="confab-search-list">
        {search.hits.map((hit) => (
          <li key={`${hit.message.roomId} ${hit.message.id}`}>
            <SearchHit hit={hit} showRoom={showRoom} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      {search.error !== null && <DialogError>{search.error.message}</DialogError>}
      {search.hasMore && (
        <button type="button" className="confab-button confab-search-more" data-variant="secondary" data-state={search.loadingMore ? 'loading' : 'idle'} disabled={search.loadingMore} onClick={search.loadMore}>
          {search.loadingMore ? strings.searching : strings.searchMore}
        </button>
      )}
    </>
  );
}
