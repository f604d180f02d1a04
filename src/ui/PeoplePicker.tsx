import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { UserProfile } from '../react';
import { Avatar } from './Avatar';
import { useLocale, useSlot, useStrings } from './config';
import { foldForSearch } from './format/bidi';
import { elementById } from './dom';

/** Props of {@link PeoplePicker}. Internal: the direct-message and add-people dialogs share it. */
export interface PeoplePickerProps {
  /** Who can be picked (the caller leaves out the signed-in user, or the room's members). */
  people: readonly UserProfile[];
  onPick(user: UserProfile): void;
  /** While a pick is being carried out: the list says so (`aria-busy`). */
  busy?: boolean;
  /** Said when there is nobody to pick at all. Default: the "nobody matches" sentence. */
  noneText?: string;
}

const optionId = (listId: string, userId: string) => `${listId}-user-${userId}`;

/**
 * People matching `query` by name, ignoring case and accents.
 *
 * @example
 * matchPeople(users, 'ana', 'en'); // Ana Lima, Ána…
 */
export function matchPeople(people: readonly UserProfile[], query: string, locale: string | undefined): UserProfile[] {
  const needle = foldForSearch(query.trim(), locale);
  return people.filter((user) => foldForSearch(user.name, locale).includes(needle));
}

/**
 * A search box over a list of people (a combobox with a listbox): typing filters by name, ArrowUp
 * and ArrowDown move through the matches, Enter or a click picks one.
 */
export function PeoplePicker({ people, onPick, busy = false, noneText }: PeoplePickerProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const AvatarPart = useSlot('Avatar', Avatar);
  const searchId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);

  const matches = useMemo(() => matchPeople(people, query, locale), [people, query, locale]);
  const active = matches.find((user) => user.id === activeId) ?? matches[0];

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const index = active ? matches.indexOf(active) : -1;
    let next: UserProfile | undefined;
    if (event.key === 'ArrowDown') next = matches[Math.min(index + 1, matches.length - 1)];
    else if (event.key === 'ArrowUp') next = matches[Math.max(index - 1, 0)];
    else if (event.key === 'Enter') {
      event.preventDefault();
      if (active && !busy) onPick(active);
      return;
    } else return;
    event.preventDefault();
    if (next) {
      setActiveId(next.id);
      elementById(event.currentTarget, optionId(listId, next.id))?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  return (
    <>
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
            onClick={() => !busy && onPick(user)}
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
          {people.length === 0 && noneText !== undefined ? noneText : strings.noPeopleMatch}
        </p>
      )}
    </>
  );
}
