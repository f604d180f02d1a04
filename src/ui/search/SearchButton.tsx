import { useEffect, useState, type ReactNode } from 'react';
import { useRoom } from '../../react';
import { cx, useStrings } from '../config';
import { Icon } from '../icons';
import { useRoomDisplay } from '../roomName';
import { SearchDialog } from './SearchDialog';

/**
 * Props of {@link SearchButton}.
 *
 * @example
 * <SearchButton roomId="general" />
 */
export interface SearchButtonProps {
  /** Searches this room first (the room header's button); absent: all rooms. */
  roomId?: string;
  /** Opens a room: lets the dialog find people and open a conversation with them. */
  onOpenRoom?(roomId: string): void;
  /** Ctrl+K (⌘K on a Mac) opens it too, from anywhere on the page. Use it on one button only. */
  shortcut?: boolean;
  className?: string;
}

/**
 * Whether a key press is the search shortcut: Ctrl+K, or ⌘K.
 *
 * @example
 * isSearchShortcut({ key: 'k', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }); // true
 */
export function isSearchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/**
 * A magnifier button that opens the {@link SearchDialog}: of one room in the room header, of
 * every room in the room list (where Ctrl+K or ⌘K opens it too).
 *
 * @example
 * <SearchButton onOpenRoom={select} shortcut />
 */
export function SearchButton({ roomId, onOpenRoom, shortcut = false, className }: SearchButtonProps): ReactNode {
  const strings = useStrings();
  const [open, setOpen] = useState(false);
  const { name } = useRoomDisplay(useRoom(roomId ?? ''));
  const label = roomId !== undefined ? strings.searchInRoom(name) : strings.searchEverywhere;

  useEffect(() => {
    if (!shortcut || typeof document === 'undefined') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [shortcut]);

  return (
    <>
      <button
        type="button"
        className={cx('confab-search-button', className)}
        data-action="search"
        aria-haspopup="dialog"
        aria-label={label}
        title={label}
        aria-keyshortcuts={shortcut ? 'Control+K Meta+K' : undefined}
        onClick={() => setOpen(true)}
      >
        <Icon name="search" />
      </button>
      {open && <SearchDialog {...(roomId !== undefined ? { roomId } : {})} {...(onOpenRoom ? { onOpenRoom } : {})} onClose={() => setOpen(false)} />}
    </>
  );
}
