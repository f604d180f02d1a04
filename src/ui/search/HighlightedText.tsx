import type { ReactNode } from 'react';
import type { TextRange } from '../../react';
import { cx } from '../config';
import { excerpt, splitByRanges } from './highlight';

/**
 * Props of {@link HighlightedText}.
 *
 * @example
 * <HighlightedText text={hit.message.text} ranges={hit.ranges} />
 */
export interface HighlightedTextProps {
  text: string;
  ranges: readonly TextRange[];
  /** Shortens a long text around its first match to about this many characters. Default 160. */
  maxLength?: number;
  className?: string;
}

/**
 * A text with its search matches in `<mark>` elements: text nodes only, never markup.
 *
 * @example
 * <HighlightedText text="Lunch at noon" ranges={[{ start: 0, end: 5 }]} />
 */
export function HighlightedText({ text, ranges, maxLength = 160, className }: HighlightedTextProps): ReactNode {
  const shown = excerpt(text, ranges, maxLength);
  return (
    <bdi className={cx('confab-highlighted-text', className)}>
      {splitByRanges(shown.text, shown.ranges).map((piece, index) => (piece.marked ? <mark key={index}>{piece.text}</mark> : piece.text))}
    </bdi>
  );
}
