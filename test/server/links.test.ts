import { firstPreviewLink } from '../../src/server/links';
import { parseRichText, type RichNode } from '../../src/ui/format/richText';

/** The first http(s) link the reader sees as a link in rich text. */
function firstRenderedLink(nodes: readonly RichNode[]): string | null {
  for (const node of nodes) {
    if (node.kind === 'link' && /^https?:/.test(node.href)) return node.href;
    if (node.kind === 'bold' || node.kind === 'italic' || node.kind === 'strike') {
      const inner = firstRenderedLink(node.children);
      if (inner !== null) return inner;
    }
  }
  return null;
}

const CASES: Array<[string, string | null]> = [
  ['see https://example.com/a and https://other.test/', 'https://example.com/a'],
  ['bare example.com works', 'http://example.com/'],
  ['www.example.org/page?x=1', 'http://www.example.org/page?x=1'],
  ['mail ana@example.com first, then https://example.com/', 'https://example.com/'],
  ['`https://in-code.test/` then https://after.test/', 'https://after.test/'],
  ['```\nhttps://fenced.test/\n```\nhttps://after-fence.test/', 'https://after-fence.test/'],
  ['**bold https://bold.test/x** text', 'https://bold.test/x'],
  ['*italic https://i.test/y*', 'https://i.test/y'],
  ['~~https://struck.test/~~ later', 'https://struck.test/'],
  ['https://a.test/snake_case_path and more', 'https://a.test/snake_case_path'],
  ['_https://under.test/p_', 'https://under.test/p'],
  ['javascript:alert(1) and data:text/html,hi', null],
  ['no links at all', null],
  ['(https://example.com/paren)', 'https://example.com/paren'],
  ['ftp://files.test/ is not previewed, https://web.test/ is', 'https://web.test/'],
];

describe('the first link of a message', () => {
  it.each(CASES)('%j previews %j', (text, expected) => {
    expect(firstPreviewLink(text)).toBe(expected);
  });

  it.each(CASES)('agrees with the rich text the reader sees for %j', (text) => {
    expect(firstPreviewLink(text)).toBe(firstRenderedLink(parseRichText(text)));
  });
});
