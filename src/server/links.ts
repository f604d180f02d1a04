import LinkifyIt from 'linkify-it';

let linkifier: LinkifyIt | null = null;

/**
 * The URLs linkify-it finds in plain text, as the UI's rich text finds them (the same library with
 * the same defaults: http(s), www., bare domains, e-mail). Kept here rather than in the protocol
 * so that headless clients do not ship linkify-it; test/server/links.test.ts pins that both agree.
 */
function findLinkUrls(text: string): string[] {
  linkifier ??= new LinkifyIt();
  return (linkifier.match(text) ?? []).map((match) => match.url);
}

/** The URL, normalized, when it is http or https; else null (javascript:, data:, mailto:, junk). */
function httpUrl(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
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
  for (const href of findLinkUrls(outsideCode)) {
    const url = httpUrl(href);
    if (url !== null) return url;
  }
  return null;
}
