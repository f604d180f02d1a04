/// <reference types="node" />
import { Parser } from 'htmlparser2';
import { PREVIEW_DESCRIPTION_MAX, PREVIEW_SITE_NAME_MAX, PREVIEW_TITLE_MAX } from '../../protocol';

/**
 * What a page says about itself, as plain text: its Open Graph tags, else its Twitter card, else
 * its `<title>` and meta description. `imageUrl` is absolute and http(s), or absent.
 *
 * @example
 * const meta: PageMetadata = { title: 'Example', description: 'An example page', siteName: 'example.com', imageUrl: 'https://example.com/og.png' };
 */
export interface PageMetadata {
  title: string;
  description: string;
  siteName: string;
  imageUrl?: string;
}

/** The characters kept of a tag's value while reading: far more than any field keeps, far less than a hostile megabyte. */
const READ_LIMIT = 4096;

/**
 * Text as a preview stores it: whitespace runs made one space, control and bidi-override
 * characters dropped, and at most `max` characters (cut on a character, with an ellipsis).
 *
 * @example
 * cleanText('  Hello\n\tworld  ', 10); // 'Hello worl…'
 */
export function cleanText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  const plain = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  const characters = [...plain];
  return characters.length <= max ? plain : `${characters.slice(0, max - 1).join('').trimEnd()}…`;
}

/** An http(s) URL resolved against the page, or undefined (javascript:, data:, junk). */
function httpUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a page's `<head>` as it streams in, with htmlparser2 (a real HTML parser, the one
 * cheerio uses): fed text chunk by chunk, `done` once the head ended (`</head>` or `<body>`), so
 * the rest of the page need not be downloaded. Nothing is ever rendered or executed.
 *
 * @example
 * const reader = createMetadataReader();
 * reader.write('<html><head><meta property="og:title" content="Hi"></head>');
 * reader.result('https://example.com/').title; // 'Hi'
 */
export function createMetadataReader(): { write(text: string): boolean; readonly done: boolean; result(pageUrl: string): PageMetadata } {
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  let done = false;
  const parser = new Parser(
    {
      // A chunk may go on past the head: what follows it is not read.
      onopentag(name, attributes) {
        if (done) return;
        if (name === 'body') done = true;
        if (name === 'title' && title === '') inTitle = true;
        if (name !== 'meta') return;
        const key = (attributes.property ?? attributes.name ?? '').trim().toLowerCase();
        const content = attributes.content;
        // The first of each wins, as crawlers do.
        if (key !== '' && content !== undefined && !meta.has(key)) meta.set(key, content.slice(0, READ_LIMIT));
      },
      ontext(text) {
        if (!done && inTitle && title.length < READ_LIMIT) title += text.slice(0, READ_LIMIT - title.length);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'head') done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  return {
    write(text) {
      if (!done) parser.write(text);
      return done;
    },
    get done() {
      return done;
    },
    result(pageUrl) {
      const first = (...keys: string[]) => keys.map((key) => meta.get(key)).find((value) => value !== undefined && value.trim() !== '');
      const host = new URL(pageUrl).hostname.replace(/^www\./, '');
      const imageUrl = httpUrl(first('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), pageUrl);
      return {
        title: cleanText(first('og:title', 'twitter:title') ?? title, PREVIEW_TITLE_MAX),
        description: cleanText(first('og:description', 'twitter:description', 'description') ?? '', PREVIEW_DESCRIPTION_MAX),
        siteName: cleanText(first('og:site_name', 'application-name') ?? host, PREVIEW_SITE_NAME_MAX),
        ...(imageUrl !== undefined ? { imageUrl } : {}),
      };
    },
  };
}

/**
 * The metadata of a whole page at once (fixtures, tests).
 *
 * @example
 * extractMetadata('<title>Hi</title>', 'https://example.com/').title; // 'Hi'
 */
export function extractMetadata(html: string, pageUrl: string): PageMetadata {
  const reader = createMetadataReader();
  reader.write(html);
  return reader.result(pageUrl);
}
