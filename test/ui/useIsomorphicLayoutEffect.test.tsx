// Server rendering (no DOM: vitest's node environment): <Chat> renders a shell without a warning.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { useEffect, useLayoutEffect } from 'react';
import { renderToString } from 'react-dom/server';
import { ChatProvider } from '../../src/react';
import { createTestChat } from '../../src/testing';
import { Chat } from '../../src/ui/Chat';
import { Composer } from '../../src/ui/composer';
import { useIsomorphicLayoutEffect } from '../../src/ui/useIsomorphicLayoutEffect';

const src = resolve(import.meta.dirname, '../../src');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []));

describe('useIsomorphicLayoutEffect', () => {
  it('is useEffect where there is no document', () => {
    expect(typeof document).toBe('undefined');
    expect(useIsomorphicLayoutEffect).toBe(useEffect);
    expect(useIsomorphicLayoutEffect).not.toBe(useLayoutEffect);
  });

  it('is the only useLayoutEffect in the components and hooks (React 18 warns for each one on the server)', () => {
    const direct = [...sourceFiles(join(src, 'ui')), ...sourceFiles(join(src, 'react'))]
      .filter((file) => !file.endsWith('useIsomorphicLayoutEffect.ts'))
      .filter((file) => /\buseLayoutEffect\b/.test(readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map((file) => relative(src, file));
    expect(direct).toEqual([]);
  });

  it('lets renderToString render <Chat> and <Composer> with nothing logged; <Chat> is a shell (rooms come after hydration)', async () => {
    const chat = createTestChat();
    try {
      const ana = await chat.connect('ana');
      await chat.settle();
      const logged = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'log')];
      const html = renderToString(
        <ChatProvider client={ana}>
          <Chat defaultRoomId="general" />
          <Composer roomId="general" />
        </ChatProvider>,
      );
      for (const spy of logged) expect(spy.mock.calls).toEqual([]);
      // The chat lays out its panes once it knows its width (after hydration): the server renders its root and status.
      expect(html).toMatch(/class="confab-root confab-chat"/);
      expect(html).toContain('confab-connection-banner');
      expect(html).toContain('class="confab-composer');
    } finally {
      chat.close();
    }
  });
});
