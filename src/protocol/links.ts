import LinkifyIt from 'linkify-it';

/**
 * A link found in message text: where it is, what was typed, and the URL it stands for
 * (linkify-it adds `http://` to `www.` and bare domains, `mailto:` to e-mail addresses).
 *
 * @example
 * const link: TextLink = { start: 4, end: 15, value: 'example.com', href: 'http://example.com' };
 */
export interface TextLink {
  start: number;
  end: number;
  value: string;
  href: string;
}

let linkifier: LinkifyIt | null = null;

/**
 * Links in plain text (http(s), www., bare domains, e-mail), found by linkify-it (made on first
 * use). The UI's rich text and the host's link previews both find links with it, so a preview is
 * always of a link the reader sees.
 *
 * @example
 * findLinks('see example.com')[0]?.href; // 'http://example.com'
 */
export function findLinks(text: string): TextLink[] {
  linkifier ??= new LinkifyIt();
  return (linkifier.match(text) ?? []).map((match) => ({ start: match.index, end: match.lastIndex, value: match.text, href: match.url }));
}

/** Schemes a link may have. Anything else (javascript:, data:, vbscript:, file:) stays plain text. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * Returns the href, normalized, if it is an http, https or mailto URL, else null.
 *
 * @example
 * safeHref('javascript:alert(1)'); // null
 * safeHref('https://example.com'); // 'https://example.com/'
 */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Fenced code blocks (```…```) and inline code (`…`): what rich text shows as code, never as links. */
const CODE = /```[\w+-]{0,20}\n?[\s\S]*?```|`[^`]+`/g;
/**
 * Emphasis marks where rich text would take them as marks (`**`, `~~`, `*`, `_` opening before a
 * non-space after a non-word character, or closing after a non-space before one): rich text ends
 * a link at its closing mark, so they are blanked before links are found.
 */
const MARKS = /(?<=^|[^\p{L}\p{N}])(?:\*\*|~~|\*|_)(?=\S)|(?<=\S)(?:\*\*|~~|\*|_)(?=$|[^\p{L}\p{N}])/gu;

/**
 * The link a message's preview is of: the first http or https link of its text outside code, by
 * the same finder as the rich text (so the preview matches a link the reader sees), or null.
 * Mail addresses are never previewed.
 *
 * @example
 * firstPreviewLink('see `https://a.test` and www.example.com'); // 'http://www.example.com/'
 */
export function firstPreviewLink(text: string): string | null {
  // Code and marks are blanked out, not removed, so the rest keeps its words apart.
  const outsideCode = text.replace(CODE, (code) => ' '.repeat(code.length)).replace(MARKS, (mark) => ' '.repeat(mark.length));
  for (const link of findLinks(outsideCode)) {
    const href = safeHref(link.href);
    if (href !== null && (href.startsWith('http:') || href.startsWith('https:'))) return href;
  }
  return null;
}
