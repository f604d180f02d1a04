/**
 * What the caret is completing in the composer's text: `@name` or `:shortcode`. Pure text
 * functions, so the rules can be tested without a DOM.
 */

/**
 * What is being completed at the caret: `@name`, `:shortcode`, or a `/command` name (found by
 * `commandQuery`, since a command is only ever at the start of the draft).
 *
 * @example
 * findTrigger('hi @an', 6); // { kind: 'mention', start: 3, query: 'an' }
 */
export interface AutocompleteTrigger {
  kind: 'mention' | 'emoji' | 'command';
  /** Index of the `@`, `:` or `/` in the text. */
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
