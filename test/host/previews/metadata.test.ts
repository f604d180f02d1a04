import { cleanText, createMetadataReader, extractMetadata } from '../../../src/host/previews/metadata';

const PAGE = 'https://news.example.com/story/1';

describe('reading a page’s metadata', () => {
  it('prefers Open Graph, resolves the image against the page, and decodes entities as text', () => {
    const html = `<!doctype html><html><head>
      <title>Plain title</title>
      <meta name="description" content="Plain description">
      <meta property="og:title" content="Rock &amp; roll &lt;b&gt;news&lt;/b&gt;">
      <meta property="og:description" content="  Lots
        of   space ">
      <meta property="og:site_name" content="Example News">
      <meta property="og:image" content="/images/cover.png">
    </head><body><p>ignored</p></body></html>`;
    expect(extractMetadata(html, PAGE)).toEqual({
      title: 'Rock & roll <b>news</b>',
      description: 'Lots of space',
      siteName: 'Example News',
      imageUrl: 'https://news.example.com/images/cover.png',
    });
  });

  it('falls back to the Twitter card, then to <title> and the description, and the host name', () => {
    expect(extractMetadata('<head><meta name="twitter:title" content="Card"><meta name="twitter:image" content="https://cdn.test/c.jpg"></head>', PAGE)).toEqual({
      title: 'Card',
      description: '',
      siteName: 'news.example.com',
      imageUrl: 'https://cdn.test/c.jpg',
    });
    expect(extractMetadata('<html><head><title>Only &quot;a&quot; title</title><meta name="description" content="D"></head>', 'https://www.example.org/')).toEqual({
      title: 'Only "a" title',
      description: 'D',
      siteName: 'example.org',
    });
  });

  it('keeps hostile content inert: javascript: and data: images are dropped, markup stays text, sizes are capped', () => {
    const huge = 'A'.repeat(1024 * 1024);
    const meta = extractMetadata(
      `<head><meta property="og:title" content="<script>alert(1)</script>${huge}">
       <meta property="og:description" content="<img src=x onerror=alert(1)>">
       <meta property="og:site_name" content="\u202eevil\u0000">
       <meta property="og:image" content="javascript:alert(1)"><meta name="twitter:image" content="data:image/png;base64,AAAA"></head>`,
      PAGE,
    );
    expect(meta.title.startsWith('<script>alert(1)</script>AAA')).toBe(true);
    expect([...meta.title]).toHaveLength(200);
    expect(meta.title.endsWith('…')).toBe(true);
    expect(meta.description).toBe('<img src=x onerror=alert(1)>');
    expect(meta.siteName).toBe('evil');
    expect(meta.imageUrl).toBeUndefined();
  });

  it('stops at the end of the head, so the body is never needed', () => {
    const reader = createMetadataReader();
    expect(reader.write('<html><head><title>Early</title>')).toBe(false);
    expect(reader.write('</head><body><meta property="og:title" content="Late">')).toBe(true);
    expect(reader.done).toBe(true);
    expect(reader.result(PAGE).title).toBe('Early');
  });

  it('cuts text on a character, never inside an emoji', () => {
    expect(cleanText('👍'.repeat(10), 5)).toBe('👍👍👍👍…');
  });
});
