import { useEffect, useRef, type ReactNode } from 'react';
import { cx } from '../config';

/**
 * One suggestion.
 *
 * @example
 * const option: AutocompleteOption = { key: 'bo', content: 'Bo Svensson' };
 */
export interface AutocompleteOption {
  key: string;
  content: ReactNode;
}

/**
 * Props of {@link Autocomplete}.
 *
 * @example
 * <Autocomplete id="c1-suggestions" label="People to mention" options={options} activeIndex={0} onPick={pick} onActivate={setActive} />
 */
export interface AutocompleteProps {
  /** The listbox's id; options get `${id}-${index}`, for the text area's `aria-activedescendant`. */
  id: string;
  /** Accessible name of the list. */
  label: string;
  /** What the list suggests (`mention` or `emoji`), as `data-kind`. */
  kind?: string;
  options: readonly AutocompleteOption[];
  activeIndex: number;
  onPick(index: number): void;
  /** The pointer moved over an option. */
  onActivate(index: number): void;
  className?: string;
}

/** The id of an option of the listbox `listId`. */
export function optionId(listId: string, index: number): string {
  return `${listId}-${index}`;
}

/**
 * A listbox of suggestions driven from a text field: the field keeps focus and points at the
 * active option with `aria-activedescendant`; arrows, Enter, Tab and Escape are the field's. A
 * pointer picks with a click without taking focus from the field.
 *
 * @example
 * <Autocomplete id={listId} label={strings.emojiSuggestions} options={found.map((e) => ({ key: e.id, content: e.native }))} activeIndex={active} onPick={insert} onActivate={setActive} />
 */
export function Autocomplete({ id, label, kind, options, activeIndex, onPick, onActivate, className }: AutocompleteProps): ReactNode {
  const listRef = useRef<HTMLUListElement>(null);
  // Focus stays in the text field, so the browser does not scroll the list: keep the active option in view.
  useEffect(() => {
    const active = listRef.current?.children[activeIndex];
    if (active instanceof HTMLElement && typeof active.scrollIntoView === 'function') active.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);
  if (options.length === 0) return null;
  return (
    <ul ref={listRef} id={id} className={cx('confab-autocomplete', className)} role="listbox" aria-label={label} data-kind={kind}>
      {options.map((option, index) => (
        <li
          key={option.key}
          id={optionId(id, index)}
          className="confab-autocomplete-option"
          role="option"
          aria-selected={index === activeIndex}
          data-active={index === activeIndex ? '' : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onMouseMove={() => {
            if (index !== activeIndex) onActivate(index);
          }}
          onClick={() => onPick(index)}
        >
          {option.content}
        </li>
      ))}
    </ul>
  );
}
