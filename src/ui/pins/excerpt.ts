/** How many characters of a pinned message the list shows. */
const EXCERPT_LENGTH = 140;

/**
 * A pinned message's text for the pinned list: one line (runs of white space become one space),
 * at most `length` characters (code points, so no emoji is cut in half), with "…" when cut. Text,
 * never markup.
 *
 * @example
 * excerpt('Meeting moved\nto 3pm', 10); // 'Meeting m…'
 */
export function excerpt(text: string, length: number = EXCERPT_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const points = [...line];
  return points.length <= length ? line : `${points.slice(0, length - 1).join('').trimEnd()}…`;
}
