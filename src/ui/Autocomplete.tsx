import type { ReactNode } from 'react';
import { cx } from './config';

/**
 * What is being completed at the caret: `@name` or `:shortcode`.
 *
 * @example
 * findTrigger('hi @an', 6); // { kind: 'mention', start: 3, query: 'an' }
 */
export interface AutocompleteTrigger {
  kind: 'mention' | 'emoji';
  /** Index of the `@` or `:` in the text. */
  start: number;
  /** What follows it, up to the caret. */
  query: string;
}

const MENTION = /(?:^|[\s([{"'])@([^\s@]{0,40})$/u;
const SHORTCODE = /(?:^|[\s([{"'])(:([a-z0-9_+-]{2,40}))$/iu;

/**
 * The trigger the caret is in, if any: `@` then any non-space characters (an empty query lists
 * everyone), or `:` then at least two shortcode characters. Either must start the text or follow a
 * space or an opening bracket or quote, so e-mail addresses and times (`10:30`) do not trigger.
 *
 * @example
 * findTrigger('nice :thu', 9); // { kind: 'emoji', start: 5, query: 'thu' }
 * findTrigger('mail a@b.c', 10); // null
 */
export function findTrigger(text: string, caret: number): AutocompleteTrigger | null {
  const before = text.slice(0, caret);
  const mention = MENTION.exec(before);
  if (mention) {
    const query = mention[1] ?? '';
    return { kind: 'mention', start: caret - query.length - 1, query };
  }
  const emoji = SHORTCODE.exec(before);
  if (emoji) {
    const query = emoji[2] ?? '';
    return { kind: 'emoji', start: caret - query.length - 1, query };
  }
  return null;
}

/**
 * A `:shortcode:` typed out in full just before the caret, closing colon included.
 *
 * @example
 * findCompleteShortcode('ok :thumbsup:', 13); // { start: 3, code: 'thumbsup' }
 */
export function findCompleteShortcode(text: string, caret: number): { start: number; code: string } | null {
  const match = /(?:^|[\s([{"']):([a-z0-9_+-]{2,40}):$/iu.exec(text.slice(0, caret));
  if (!match) return null;
  const code = match[1] ?? '';
  return { start: caret - code.length - 2, code };
}

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
  if (options.length === 0) return null;
  return (
    <ul id={id} className={cx('confab-autocomplete', className)} role="listbox" aria-label={label} data-kind={kind}>
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
