// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { isEmojiOnly, openFence, parseRichText, RichText, safeHref, toPlainText } from '../../src/ui/format/richText';

describe('parseRichText', () => {
  it('formats bold, italic, strike, inline code and code blocks', () => {
    expect(parseRichText('**bold** *it* _it2_ ~~gone~~ `x*y*`')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'bold' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'it' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'it2' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'gone' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'x*y*' },
    ]);
    expect(parseRichText('a\n```js\nconst a = 1;\n```')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'lineBreak' },
      { kind: 'codeBlock', text: 'const a = 1;', language: 'js' },
    ]);
  });

  it('leaves unclosed marks and snake_case words as typed', () => {
    expect(parseRichText('2 * 3 and snake_case_name and **open')).toEqual([{ kind: 'text', text: '2 * 3 and snake_case_name and **open' }]);
  });

  it('links only http, https and mailto', () => {
    const nodes = parseRichText('go https://example.com or mailto:a@b.co, not javascript:alert(1) or data:text/html,<b>x</b>');
    const links = nodes.filter((node) => node.kind === 'link');
    expect(links.map((link) => link.kind === 'link' && link.href)).toEqual(['https://example.com/', 'mailto:a@b.co']);
    const more = parseRichText('docs at example.com/x, www.example.org or ftp://files.example.com');
    expect(more.filter((node) => node.kind === 'link').map((link) => link.kind === 'link' && link.href)).toEqual(['http://example.com/x', 'http://www.example.org/']);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
  });

  it('highlights mentions of the given people only', () => {
    expect(parseRichText('hi @Ana and @Zed', [{ userId: 'ana', name: 'Ana' }])).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@Ana', userId: 'ana' },
      { kind: 'text', text: ' and @Zed' },
    ]);
  });
});

describe('RichText', () => {
  it('marks a mention of the reader data-own and others not', () => {
    const { container } = render(<RichText text="@Ana meet @Bo" mentions={[{ userId: 'ana', name: 'Ana' }, { userId: 'bo', name: 'Bo' }]} meId="bo" />);
    const own = [...container.querySelectorAll('.confab-mention')].map((mention) => [mention.getAttribute('data-user-id'), mention.hasAttribute('data-own')]);
    expect(own).toEqual([
      ['ana', false],
      ['bo', true],
    ]);
  });

  it('renders hostile markup as inert text', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) \u202Egnp.exe';
    const { container } = render(<RichText text={hostile} />);
    expect(container.querySelector('script, img')).toBeNull();
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.textContent).toBe(hostile);
  });

  it('renders links with safe rel and target', () => {
    const { container } = render(<RichText text="see https://example.com/docs" />);
    const link = container.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.com/docs');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer ugc');
    expect(link?.getAttribute('target')).toBe('_blank');
  });
});

describe('isEmojiOnly', () => {
  it('is true for up to three emoji graphemes only', () => {
    expect(isEmojiOnly('🎉')).toBe(true);
    expect(isEmojiOnly('👍🏽 👨‍👩‍👧')).toBe(true);
    expect(isEmojiOnly('🎉🎉🎉🎉')).toBe(false);
    expect(isEmojiOnly('ok 🎉')).toBe(false);
    expect(isEmojiOnly('123')).toBe(false);
    expect(isEmojiOnly('')).toBe(false);
  });
});

describe('toPlainText and code fences', () => {
  it('drops formatting marks for previews', () => {
    expect(toPlainText('Hi Ana, **bold** and _it_\n`code` ~~x~~')).toBe('Hi Ana, bold and it code x');
    expect(toPlainText('```\nconst a = 1;\n```\nafter')).toBe('const a = 1; after');
  });

  it('does not add a blank line after a closing fence', () => {
    expect(parseRichText('```\nx\n```\nnext')).toEqual([
      { kind: 'codeBlock', text: 'x' },
      { kind: 'text', text: 'next' },
    ]);
  });
});

describe('rich text while it streams', () => {
  it('shows an unclosed fence as an open code block, with its language once typed', () => {
    expect(parseRichText('See:\n```py\nprint(1', [], { streaming: true })).toEqual([
      { kind: 'text', text: 'See:' },
      { kind: 'lineBreak' },
      { kind: 'codeBlock', text: 'print(1', language: 'py', open: true },
    ]);
    expect(openFence('```ty')).toEqual({ start: 0, language: 'ty', text: '' });
    expect(openFence('no fence')).toBeNull();
    // Not streaming: an unclosed fence stays as typed.
    expect(parseRichText('```py\nprint(1')).toEqual([{ kind: 'text', text: '```py' }, { kind: 'lineBreak' }, { kind: 'text', text: 'print(1' }]);
  });

  it('holds back one or two trailing backticks that may be a fence arriving, and closes blocks as usual', () => {
    expect(parseRichText('Code: ``', [], { streaming: true })).toEqual([{ kind: 'text', text: 'Code: ' }]);
    expect(parseRichText('```js\nx\n```\nafter', [], { streaming: true })).toEqual([{ kind: 'codeBlock', text: 'x', language: 'js' }, { kind: 'text', text: 'after' }]);
  });
});
