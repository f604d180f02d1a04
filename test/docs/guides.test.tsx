// @vitest-environment jsdom
// The getting-started guides (docs/getting-started/*.md) hold only code that runs: every block
// marked `file=NAME` is, byte for byte, test/docs/snippets/<guide>/NAME (which the typecheck and
// lint cover too), and each guide's code is run here as a reader would run it (the host guide's
// in host.test.ts, in Node). The transport guide's conformance test is itself a test file
// (snippets/transport/port-transport.test.ts).
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChatProvider } from '../../src/react';
import { createTestChat } from '../../src/testing';
import { EVENT_NAMES, optionsFromDataset, resolveOptions } from '../../src/widget/options';

const root = resolve(import.meta.dirname, '../..');
const guidesDir = join(root, 'docs/getting-started');
const snippetsDir = join(root, 'test/docs/snippets');

interface Block {
  lang: string;
  file: string | undefined;
  code: string;
}

function blocks(guide: string): Block[] {
  const text = readFileSync(join(guidesDir, `${guide}.md`), 'utf8');
  return [...text.matchAll(/^```(\w+)(?: file=(\S+))?\n([\s\S]*?)^```$/gm)].map(([, lang, file, code]) => ({ lang: lang as string, file, code: code as string }));
}

function freshRoot(): HTMLElement {
  document.getElementById('root')?.remove();
  const element = document.createElement('div');
  element.id = 'root';
  document.body.append(element);
  return element;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the guides', () => {
  const guides = readdirSync(guidesDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3));

  it.each(guides)('%s: every file= block is its snippet, byte for byte', (guide) => {
    const named = blocks(guide).filter((block) => block.file !== undefined);
    for (const block of named) {
      expect(block.code, `${guide}.md: ${block.file}`).toBe(readFileSync(join(snippetsDir, guide, block.file as string), 'utf8'));
    }
    const onDisk = (() => {
      try {
        return readdirSync(join(snippetsDir, guide));
      } catch {
        return [];
      }
    })();
    expect(named.map((block) => block.file).sort(), `snippets of ${guide} not in its page`).toEqual(onDisk.sort());
  });
});

describe('<Chat> in a React app (react.md)', () => {
  it('App.tsx: the chat on the in-page server shows the room and its welcome', async () => {
    freshRoot();
    await act(() => import('./snippets/react/App'));
    await waitFor(() => expect(document.querySelector('.confab-chat')).not.toBeNull());
    await screen.findByText(/Welcome, Ana!/);
    expect(document.querySelector('textarea')?.getAttribute('placeholder')).toBe('Message general');
  });

  it('client.ts: builds the WebSocket client, outbox and uploads without touching the network', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const { client, uploads } = await import('./snippets/react/client');
    expect(client.store.getState().connection.state).toBe('connecting');
    expect(typeof uploads.upload).toBe('function');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('GermanChat.tsx: German from the first render, with its own word for Send', async () => {
    const { GermanChat } = await import('./snippets/react/GermanChat');
    const chat = createTestChat();
    const ana = await chat.connect('ana');
    await chat.settle();
    const { container } = render(
      <ChatProvider client={ana}>
        <GermanChat />
      </ChatProvider>,
    );
    expect(container.querySelector('input')?.getAttribute('placeholder')).toBe('Räume filtern');
    expect(screen.getByRole('button', { name: 'Abschicken' })).toBeTruthy();
    chat.close();
  });
});

describe('Headless hooks (headless.md)', () => {
  it('main.tsx: opens a room, sends, and sees the answer', async () => {
    freshRoot();
    await act(() => import('./snippets/headless/main'));
    fireEvent.click(await screen.findByRole('button', { name: /general/ }));
    await screen.findByText('Welcome, Ana!');
    const input = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(input, { target: { value: 'Hi Bo' } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    await screen.findByText('Hi Bo');
    await screen.findByText('You said: Hi Bo', undefined, { timeout: 3000 });
  });
});

describe('The script tag (script-tag.md)', () => {
  const html = () => blocks('script-tag').filter((block) => block.lang === 'html');

  it('each tag with data-* attributes starts a widget with valid options', () => {
    const tags = html().flatMap((block) => [...new DOMParser().parseFromString(block.code, 'text/html').querySelectorAll('script[src]')]) as HTMLScriptElement[];
    const started = tags.map((tag) => optionsFromDataset({ ...tag.dataset })).filter((options) => options !== null);
    expect(started).toHaveLength(2);
    const [demo, data] = started.map((options) => resolveOptions(options));
    expect(demo).toMatchObject({ demo: true });
    expect(data).toMatchObject({ server: 'https://chat.example.com', room: 'support', locale: 'es', mode: 'system', position: 'bottom-right' });
  });

  it('the loader is the one whose hash the README gives for the Content-Security-Policy', () => {
    const inline = html().flatMap((block) => [...new DOMParser().parseFromString(block.code, 'text/html').querySelectorAll('script:not([src])')]);
    expect(inline.map((script) => script.textContent)).toEqual([readFileSync(join(root, 'test/browser/widget/loader.txt'), 'utf8')]);
  });

  it("chat-setup.js: init's options are valid, the token comes from /chat-token, and the listeners work", async () => {
    const code = blocks('script-tag').find((block) => block.lang === 'js')?.code ?? '';
    const calls: unknown[][] = [];
    const fetch = vi.fn(async () => new Response('token-from-backend'));
    new Function('Confab', 'fetch', code)((...args: unknown[]) => calls.push(args), fetch);
    const init = calls.find(([command]) => command === 'init')?.[1] as Record<string, unknown>;
    const options = resolveOptions(init);
    expect(options).toMatchObject({ server: 'https://chat.example.com', room: 'support', locale: navigator.language });
    await expect(options.identity.tokenProvider?.()).resolves.toBe('token-from-backend');
    expect(fetch).toHaveBeenCalledWith('/chat-token', { credentials: 'include' });
    const listeners = calls.filter(([command]) => command === 'on');
    for (const [, event] of listeners) expect(EVENT_NAMES).toContain(event);
    (listeners.find(([, event]) => event === 'unread')?.[2] as (payload: { count: number }) => void)({ count: 3 });
    expect(document.title).toBe('(3) Shop');
  });
});
