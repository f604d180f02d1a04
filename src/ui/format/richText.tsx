import LinkifyIt from 'linkify-it';
import { Fragment, type ReactNode } from 'react';

/**
 * A piece of formatted message text. Everything a user typed stays a string: formatting only
 * decides which element wraps it, so no markup from a message can ever reach the DOM.
 *
 * @example
 * parseRichText('**hi** `x`'); // [{ kind: 'bold', children: [{ kind: 'text', text: 'hi' }] }, { kind: 'text', text: ' ' }, { kind: 'code', text: 'x' }]
 */
export type RichNode =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: RichNode[] }
  | { kind: 'code'; text: string }
  | { kind: 'codeBlock'; text: string; language?: string; /** Its closing fence has not arrived yet (a streamed message). */ open?: boolean }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; userId: string }
  | { kind: 'lineBreak' };

let linkifier: LinkifyIt | null = null;

/** Links in plain text (http(s), www., bare domains, e-mail), found by linkify-it; made on first use. */
function findLinks(text: string): Array<{ start: number; end: number; value: string; href: string }> {
  linkifier ??= new LinkifyIt();
  return (linkifier.match(text) ?? []).map((match) => ({ start: match.index, end: match.lastIndex, value: match.text, href: match.url }));
}

/** Schemes a link may have. Anything else (javascript:, data:, vbscript:, file:) stays plain text. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Returns the href if it is an http, https or mailto URL, else null. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const INLINE_MARKS: Array<{ open: string; kind: 'bold' | 'italic' | 'strike' }> = [
  { open: '**', kind: 'bold' },
  { open: '~~', kind: 'strike' },
  { open: '*', kind: 'italic' },
  { open: '_', kind: 'italic' },
];

/** Where a mark may open: at the start or after a non-word character, and not before a space. */
function canOpen(text: string, index: number, mark: string): boolean {
  const before = index === 0 ? ' ' : (text[index - 1] as string);
  const after = text[index + mark.length];
  return !/[\p{L}\p{N}]/u.test(before) && after !== undefined && !/\s/.test(after);
}

function findClose(text: string, from: number, mark: string): number {
  let index = text.indexOf(mark, from);
  while (index !== -1) {
    const before = text[index - 1];
    const after = text[index + mark.length];
    if (before !== undefined && !/\s/.test(before) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return index;
    index = text.indexOf(mark, index + 1);
  }
  return -1;
}

/**
 * Someone who may be mentioned: `@Name` in a text becomes a mention of `userId`.
 *
 * @example
 * const ana: Mentionable = { userId: 'ana', name: 'Ana' };
 */
export interface Mentionable {
  userId: string;
  name: string;
}

/** Splits plain text into links, mentions and text. */
function linkAndMention(text: string, mentions: readonly Mentionable[]): RichNode[] {
  const nodes: RichNode[] = [];
  const marks: Array<{ start: number; end: number; node: RichNode }> = [];
  for (const link of findLinks(text)) {
    const href = safeHref(link.href);
    if (href) marks.push({ start: link.start, end: link.end, node: { kind: 'link', text: link.value, href } });
  }
  for (const mention of mentions) {
    const needle = `@${mention.name}`;
    let index = text.indexOf(needle);
    while (index !== -1) {
      const end = index + needle.length;
      const overlaps = marks.some((mark) => index < mark.end && end > mark.start);
      if (!overlaps) marks.push({ start: index, end, node: { kind: 'mention', text: needle, userId: mention.userId } });
      index = text.indexOf(needle, end);
    }
  }
  marks.sort((a, b) => a.start - b.start);
  let cursor = 0;
  for (const mark of marks) {
    if (mark.start < cursor) continue;
    if (mark.start > cursor) nodes.push(...textWithBreaks(text.slice(cursor, mark.start)));
    nodes.push(mark.node);
    cursor = mark.end;
  }
  if (cursor < text.length) nodes.push(...textWithBreaks(text.slice(cursor)));
  return nodes;
}

function textWithBreaks(text: string): RichNode[] {
  const nodes: RichNode[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) nodes.push({ kind: 'lineBreak' });
    if (line) nodes.push({ kind: 'text', text: line });
  });
  return nodes;
}

function parseInline(text: string, mentions: readonly Mentionable[], depth: number): RichNode[] {
  const nodes: RichNode[] = [];
  let plainStart = 0;
  let index = 0;
  const flushPlain = (end: number) => {
    if (end > plainStart) nodes.push(...linkAndMention(text.slice(plainStart, end), mentions));
  };
  while (index < text.length) {
    const char = text[index];
    if (char === '`') {
      const close = text.indexOf('`', index + 1);
      if (close > index + 1) {
        flushPlain(index);
        nodes.push({ kind: 'code', text: text.slice(index + 1, close) });
        index = close + 1;
        plainStart = index;
        continue;
      }
    }
    const mark = depth < 4 ? INLINE_MARKS.find((candidate) => text.startsWith(candidate.open, index) && canOpen(text, index, candidate.open)) : undefined;
    if (mark) {
      const close = findClose(text, index + mark.open.length + 1, mark.open);
      if (close !== -1) {
        flushPlain(index);
        nodes.push({ kind: mark.kind, children: parseInline(text.slice(index + mark.open.length, close), mentions, depth + 1) });
        index = close + mark.open.length;
        plainStart = index;
        continue;
      }
    }
    index++;
  }
  flushPlain(text.length);
  return nodes;
}

/**
 * Parses message text into safe formatting: **bold**, *italic* or _italic_, ~~strike~~,
 * `inline code`, fenced code blocks, links (http, https, mailto only) and \@mentions of the given
 * people. Unclosed marks stay as typed.
 *
 * @example
 * ```ts
 * parseRichText('Ping @Ana at https://example.com', [{ userId: 'ana', name: 'Ana' }]);
 * ```
 */
export function parseRichText(text: string, mentions: readonly Mentionable[] = [], options: { streaming?: boolean } = {}): RichNode[] {
  const nodes: RichNode[] = [];
  const fence = /```([\w+-]{0,20})\n?([\s\S]*?)```/g;
  let cursor = 0;
  for (const match of text.matchAll(fence)) {
    const start = match.index ?? 0;
    if (start > cursor) nodes.push(...parseInline(text.slice(cursor, start), mentions, 0));
    const language = match[1] || undefined;
    nodes.push({ kind: 'codeBlock', text: (match[2] ?? '').replace(/\n$/, ''), ...(language ? { language } : {}) });
    cursor = start + match[0].length;
    // A block already ends its line; the newline typed after the fence is not another one.
    if (text[cursor] === '\n') cursor++;
  }
  const rest = text.slice(cursor);
  const open = options.streaming ? openFence(rest) : null;
  if (open) {
    if (open.start > 0) nodes.push(...parseInline(rest.slice(0, open.start), mentions, 0));
    nodes.push({ kind: 'codeBlock', text: open.text, open: true, ...(open.language ? { language: open.language } : {}) });
  } else if (rest.length > 0) {
    nodes.push(...parseInline(options.streaming ? withoutHalfFence(rest) : rest, mentions, 0));
  }
  return nodes;
}

/**
 * In text still being written, a fence that has not closed yet: the code so far shows as a code
 * block at once (and stays the same element when the fence closes), instead of flashing as
 * backticks and plain text until the end.
 *
 * @example
 * openFence('Here:\n```ts\nconst a'); // { start: 6, language: 'ts', text: 'const a' }
 */
export function openFence(text: string): { start: number; language?: string; text: string } | null {
  const start = text.indexOf('```');
  if (start === -1) return null;
  const after = text.slice(start + 3);
  const header = /^([\w+-]{0,20})(\n|$)/.exec(after);
  // No newline yet after a short word: the language is still being typed, the code has not begun.
  if (header && header[2] === '') return { start, ...(header[1] ? { language: header[1] } : {}), text: '' };
  if (header) return { start, ...(header[1] ? { language: header[1] } : {}), text: after.slice(header[0].length) };
  return { start, text: after };
}

/** One or two backticks ending text still being written are probably a fence arriving: not shown until it is decided. */
function withoutHalfFence(text: string): string {
  return text.replace(/`{1,2}$/, '');
}

function plainOf(nodes: readonly RichNode[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'lineBreak':
          return ' ';
        case 'bold':
        case 'italic':
        case 'strike':
          return plainOf(node.children);
        case 'codeBlock':
          return ` ${node.text.replace(/\s+/g, ' ')} `;
        default:
          return node.text;
      }
    })
    .join('');
}

/**
 * Message text without its formatting marks, on one line: for previews and notifications.
 *
 * @example
 * toPlainText('**Ship** it\n`now`'); // "Ship it now"
 */
export function toPlainText(text: string): string {
  return plainOf(parseRichText(text)).replace(/\s+/g, ' ').trim();
}

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)+$/u;

/**
 * Whether a message is only a few emoji (shown large, as chat apps do). Counts graphemes, so a
 * family or a flag is one.
 *
 * @example
 * isEmojiOnly('🎉🎉'); // true
 * isEmojiOnly('ok 🎉'); // false
 */
export function isEmojiOnly(text: string, max = 3): boolean {
  const trimmed = text.trim();
  if (!trimmed || !EMOJI_ONLY.test(trimmed) || /^[\d#*\s]+$/.test(trimmed)) return false;
  const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  const count = segmenter ? [...segmenter.segment(trimmed.replace(/\s/g, ''))].length : [...trimmed.replace(/\s/g, '')].length;
  return count <= max;
}

function renderNodes(nodes: readonly RichNode[], keyPrefix: string, renderMention?: (node: Extract<RichNode, { kind: 'mention' }>, key: string) => ReactNode): ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${keyPrefix}${index}`;
    switch (node.kind) {
      case 'text':
        return <Fragment key={key}>{node.text}</Fragment>;
      case 'lineBreak':
        return <br key={key} />;
      case 'bold':
        return <strong key={key}>{renderNodes(node.children, `${key}.`, renderMention)}</strong>;
      case 'italic':
        return <em key={key}>{renderNodes(node.children, `${key}.`, renderMention)}</em>;
      case 'strike':
        return <s key={key}>{renderNodes(node.children, `${key}.`, renderMention)}</s>;
      case 'code':
        return (
          <code key={key} className="confab-code">
            {node.text}
          </code>
        );
      case 'codeBlock':
        return (
          <pre key={key} className="confab-code-block" data-language={node.language} aria-busy={node.open ? true : undefined}>
            <code>{node.text}</code>
          </pre>
        );
      case 'link':
        return (
          <a key={key} className="confab-link" href={node.href} target="_blank" rel="noopener noreferrer ugc">
            {node.text}
          </a>
        );
      case 'mention':
        return renderMention ? (
          renderMention(node, key)
        ) : (
          <span key={key} className="confab-mention" data-user-id={node.userId}>
            {node.text}
          </span>
        );
    }
  });
}

/**
 * Props of {@link RichText}.
 *
 * @example
 * <RichText text={message.text} mentions={[{ userId: 'ana', name: 'Ana' }]} meId="bo" />
 */
export interface RichTextProps {
  text: string;
  /** People mentioned in the message, highlighted where `@Name` appears. */
  mentions?: readonly Mentionable[];
  /** The signed-in user, whose mentions get `data-own`. */
  meId?: string | null;
  /**
   * The text was streamed and did not complete (it is still being written, or was stopped): an
   * unclosed code fence shows as a code block (in progress, or cut off) rather than as backticks.
   */
  streaming?: boolean;
}

/**
 * Message text with safe formatting, rendered as React text nodes and a fixed set of elements.
 *
 * @example
 * <RichText text="**Ship it** https://example.com" />
 */
export function RichText({ text, mentions = [], meId = null, streaming = false }: RichTextProps): ReactNode {
  const nodes = parseRichText(text, mentions, { streaming });
  return renderNodes(nodes, '', (node, key) => (
    <span key={key} className="confab-mention" data-user-id={node.userId} data-own={node.userId === meId ? '' : undefined}>
      {node.text}
    </span>
  ));
}
