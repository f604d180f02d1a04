import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useCurrentUser, useRoomActions, useUsers, type Room, type UserProfile } from '../react';
import { Avatar } from './Avatar';
import { DialogFrame } from './Dialog';
import { cx, useLocale, useSlot, useStrings } from './config';
import { foldForSearch } from './format/bidi';
import { elementById } from './dom';

/**
 * Props of {@link DirectMessageDialog}.
 *
 * @example
 * <DirectMessageDialog onClose={() => setOpen(false)} onOpened={(room) => setRoomId(room.id)} />
 */
export interface DirectMessageDialogProps {
  /** Called on Cancel, Escape or a click outside. Focus then returns to what opened the dialog. */
  onClose(): void;
  /** Called with the direct room, new or existing, once the server has opened it. */
  onOpened(room: Room): void;
  className?: string;
}

const optionId = (listId: string, userId: string) => `${listId}-user-${userId}`;

/**
 * A modal people picker that opens a direct room (`openDirectRoom` of {@link useRoomActions}).
 * The search box filters the people the client knows by name, ignoring case and accents; ArrowUp
 * and ArrowDown move through the matches and Enter opens a conversation with the one highlighted.
 *
 * @example
 * {open && <DirectMessageDialog onClose={() => setOpen(false)} onOpened={(room) => select(room.id)} />}
 */
export function DirectMessageDialog({ onClose, onOpened, className }: DirectMessageDialogProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const users = useUsers();
  const { id: meId } = useCurrentUser();
  const { openDirectRoom } = useRoomActions();
  const AvatarPart = useSlot('Avatar', Avatar);
  const searchId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const matches = useMemo(() => {
    const needle = foldForSearch(query.trim(), locale);
    return users.filter((user) => user.id !== meId && foldForSearch(user.name, locale).includes(needle));
  }, [users, meId, query, locale]);
  const active = matches.find((user) => user.id === activeId) ?? matches[0];

  async function open(user: UserProfile) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onOpened(await openDirectRoom(user.id));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const index = active ? matches.indexOf(active) : -1;
    let next: UserProfile | undefined;
    if (event.key === 'ArrowDown') next = matches[Math.min(index + 1, matches.length - 1)];
    else if (event.key === 'ArrowUp') next = matches[Math.max(index - 1, 0)];
    else if (event.key === 'Enter') {
      event.preventDefault();
      if (active) void open(active);
      return;
    } else return;
    event.preventDefault();
    if (next) {
      setActiveId(next.id);
      elementById(event.currentTarget, optionId(listId, next.id))?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  return (
    <DialogFrame title={strings.startDirectMessageTitle} onClose={onClose} className={cx('confab-direct-message-dialog', className)}>
      <label className="confab-visually-hidden" htmlFor={searchId}>
        {strings.searchPeople}
      </label>
      <input
        id={searchId}
        className="confab-dialog-input"
        type="search"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active ? optionId(listId, active.id) : undefined}
        placeholder={strings.searchPeople}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} className="confab-people-list" role="listbox" aria-label={strings.people} aria-busy={busy}>
        {matches.map((user) => (
          <li
            key={user.id}
            id={optionId(listId, user.id)}
            className="confab-people-list-item"
            role="option"
            aria-selected={user.id === active?.id}
            data-active={user.id === active?.id ? '' : undefined}
            onClick={() => void open(user)}
          >
            <AvatarPart userId={user.id} size="sm" showPresence />
            <span className="confab-people-list-name" dir="auto">
              {user.name || strings.someone}
            </span>
          </li>
        ))}
      </ul>
      {matches.length === 0 && (
        <p className="confab-dialog-empty" role="status">
          {strings.noPeopleMatch}
        </p>
      )}
      {error !== null && (
        <p className="confab-dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="confab-dialog-buttons">
        <button type="button" className="confab-button" data-variant="secondary" onClick={onClose}>
          {strings.cancel}
        </button>
      </div>
    </DialogFrame>
  );
}
