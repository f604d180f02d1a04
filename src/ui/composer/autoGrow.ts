import { useRef, type RefObject } from 'react';
import { useIsomorphicLayoutEffect } from '../useIsomorphicLayoutEffect';

/**
 * The height a text area needs to show all its text without scrolling: its content's height plus
 * its borders (CSS `max-height` then caps it and it scrolls).
 *
 * @example
 * grownHeight({ scrollHeight: 66, offsetHeight: 42, clientHeight: 40 }); // 68
 */
export function grownHeight(measured: { scrollHeight: number; offsetHeight: number; clientHeight: number }): number {
  return measured.scrollHeight + Math.max(0, measured.offsetHeight - measured.clientHeight);
}

/**
 * Grows a text area with its text, one measurement per change of `value`.
 *
 * @example
 * useAutoGrow(textareaRef, composer.text);
 */
export function useAutoGrow(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useIsomorphicLayoutEffect(() => {
    const textarea = ref.current;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${grownHeight(textarea)}px`;
  }, [ref, value]);
}

/**
 * Puts the caret somewhere once the text it belongs to has rendered (after a suggestion or an
 * emoji replaced part of the text, React sets the new value and the caret would jump to its end).
 * Returns the function that asks for it.
 *
 * @example
 * const placeCaret = usePendingCaret(textareaRef, text);
 * placeCaret(from + insert.length);
 * setText(next);
 */
export function usePendingCaret(ref: RefObject<HTMLTextAreaElement | null>, value: string): (position: number) => void {
  const pending = useRef<number | null>(null);
  useIsomorphicLayoutEffect(() => {
    const position = pending.current;
    const textarea = ref.current;
    if (position === null || !textarea) return;
    pending.current = null;
    textarea.setSelectionRange(position, position);
  }, [ref, value]);
  return (position) => {
    pending.current = position;
  };
}
