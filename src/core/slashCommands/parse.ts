/**
 * What the composer's text means: a message to send as it is, or a slash command to run. Pure,
 * so the rule is tested without a client or a DOM.
 *
 * @example
 * const draft: ParsedDraft = parseDraft('/topic Release on Friday'); // { kind: 'command', name: 'topic', args: 'Release on Friday' }
 */
export type ParsedDraft = { kind: 'text'; text: string } | { kind: 'command'; name: string; args: string };

const COMMAND = /^\/([A-Za-z][^\s/]*)(?:\s+([\s\S]*))?$/u;

/**
 * Reads a draft: `/name args` is a command (the name lower-cased, the arguments trimmed); `//text`
 * sends `/text` and a leading space sends the rest as typed, so a message may start with a slash.
 * Anything else, a lone `/` or `/ 2` included, is text.
 *
 * @example
 * parseDraft('/me waves'); // { kind: 'command', name: 'me', args: 'waves' }
 * parseDraft('//shrug is a command'); // { kind: 'text', text: '/shrug is a command' }
 * parseDraft(' /etc/hosts'); // { kind: 'text', text: '/etc/hosts' }
 */
export function parseDraft(text: string): ParsedDraft {
  if (text.startsWith('//')) return { kind: 'text', text: text.slice(1) };
  if (text.startsWith(' /')) return { kind: 'text', text: text.slice(1) };
  const match = COMMAND.exec(text);
  if (!match) return { kind: 'text', text };
  return { kind: 'command', name: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}

/**
 * The command name being typed, when the caret is still in it (`/wea|`): what suggestions
 * complete. Null once a space follows the name or when the text is not a command.
 *
 * @example
 * commandQuery('/wea', 4); // 'wea'
 * commandQuery('/weather Lis', 12); // null
 */
export function commandQuery(text: string, caret: number): string | null {
  const match = /^\/([A-Za-z0-9_-]*)$/u.exec(text.slice(0, caret));
  const next = text.charAt(caret);
  const nameEnds = next === '' || /\s/u.test(next);
  return match && nameEnds ? (match[1] ?? '').toLowerCase() : null;
}
