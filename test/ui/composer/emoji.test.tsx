// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { emojiMart } from '../../../src/emoji-mart';
import { createTestChat, TestChatProvider, type TestChat } from '../../../src/testing';
import { findTrigger } from '../../../src/ui/composer/triggers';
import { ChatUIProvider } from '../../../src/ui/config';
import { Composer } from '../../../src/ui/composer';
import { EmojiPicker } from '../../../src/ui/EmojiPicker';
import { buildShortcodeIndex, findShortcode, searchShortcodes } from '../../../src/ui/emoji/shortcodes';
import { serverMessages } from './helpers';

// Generous waits: these run beside other suites on a busy machine.
configure({ asyncUtilTimeout: 5000 });

/** Records when the lazily imported modules are first evaluated, and the pickers made. */
const loaded = vi.hoisted(() => ({ mart: 0, data: 0, pickers: [] as Array<Record<string, unknown>> }));

vi.mock('emoji-mart', () => {
  loaded.mart += 1;
  /** Stands in for emoji-mart's custom element: one button that picks 🎉. */
  class Picker {
    constructor(options: { onEmojiSelect: (emoji: { native: string; id: string }) => void }) {
      loaded.pickers.push(options);
      const element = document.createElement('div');
      element.className = 'fake-picker';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'party';
      button.addEventListener('click', () => options.onEmojiSelect({ native: '🎉', id: 'tada' }));
      // emoji-mart's search field stops every key it handles from going further.
      const search = document.createElement('input');
      search.type = 'search';
      search.setAttribute('aria-label', 'Search');
      search.addEventListener('keydown', (event) => event.stopImmediatePropagation());
      element.append(search, button);
      return element as unknown as Picker;
    }
  }
  return { Picker };
});

vi.mock('@emoji-mart/data', () => {
  loaded.data += 1;
  const emoji = (id: string, name: string, native: string) => ({ id, name, keywords: [], skins: [{ unified: '', native }], version: 1 });
  return {
    default: {
      categories: [{ id: 'people', emojis: ['+1', '-1', 'smile', 'smiley', 'heart'] }],
      emojis: {
        '+1': emoji('+1', 'Thumbs Up', '👍'),
        '-1': emoji('-1', 'Thumbs Down', '👎'),
        smile: emoji('smile', 'Smiling Face', '😄'),
        smiley: emoji('smiley', 'Smiling Face with Open Mouth', '😃'),
        heart: emoji('heart', 'Red Heart', '❤️'),
        heart_eyes: emoji('heart_eyes', 'Heart Eyes', '😍'),
      },
      aliases: { thumbsup: '+1', thumbsdown: '-1' },
      sheet: { cols: 1, rows: 1 },
    },
  };
});

let chat: TestChat;
beforeEach(() => {
  chat = createTestChat();
});
afterEach(() => {
  cleanup();
  chat.close();
  // Drafts are kept per person and room in localStorage: each test starts without one.
  localStorage.clear();
});


async function renderComposer() {
  const utils = render(
    <TestChatProvider chat={chat} userId="ana">
      <ChatUIProvider emoji={emojiMart}>
        <Composer roomId="general" />
      </ChatUIProvider>
    </TestChatProvider>,
  );
  const textarea = (await screen.findByRole('textbox', { name: 'Message general' })) as HTMLTextAreaElement;
  return { ...utils, textarea };
}

function type(textarea: HTMLTextAreaElement, value: string) {
  fireEvent.change(textarea, { target: { value } });
}

// The tests of this file share one module registry: the first ones see the modules unloaded.
describe('emoji in the composer', () => {
  it('imports neither emoji-mart nor its data until needed; a picker opens on demand and inserts at the caret', async () => {
    const { textarea } = await renderComposer();
    type(textarea, 'ab');
    expect(loaded).toMatchObject({ mart: 0, data: 0 });

    textarea.setSelectionRange(1, 1);
    const button = screen.getByRole('button', { name: 'Emoji' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const dialog = screen.getByRole('dialog', { name: 'Emoji' });
    expect(screen.getByRole('status').textContent).toBe('Loading emoji…');

    const pick = await screen.findByRole('button', { name: 'party' });
    expect(loaded.mart).toBe(1);
    expect(loaded.data).toBe(1);
    expect(dialog.dataset['state']).toBe('ready');
    expect(screen.queryByRole('status')).toBeNull();
    expect(loaded.pickers[0]).toMatchObject({ locale: 'en', theme: 'auto', autoFocus: true });

    fireEvent.click(pick);
    expect(textarea.value).toBe('a🎉b');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(textarea);
    expect(textarea.selectionStart).toBe('a🎉'.length);

    fireEvent.keyDown(textarea, { key: 'Enter' });
    await act(() => chat.settle());
    expect(serverMessages(chat)[0]?.text).toBe('a🎉b');
  });

  it('closes the picker on Escape and returns focus to its button; the element is removed', async () => {
    const { container } = await renderComposer();
    const button = screen.getByRole('button', { name: 'Emoji' });
    fireEvent.click(button);
    const pick = await screen.findByRole('button', { name: 'party' });
    fireEvent.keyDown(pick, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(container.querySelector('.fake-picker')).toBeNull();
    expect(document.activeElement).toBe(button);
    // The modules are imported once, however often the picker opens.
    fireEvent.click(button);
    await screen.findByRole('button', { name: 'party' });
    fireEvent.click(button);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(loaded.mart).toBe(1);
  });

  it('closes on Escape from the search field, which stops keys from going further', async () => {
    await renderComposer();
    const button = screen.getByRole('button', { name: 'Emoji' });
    fireEvent.click(button);
    const search = await screen.findByRole('searchbox', { name: 'Search' });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('opens again and again: after a pick, after a click outside, and after its button closed it', async () => {
    const { textarea } = await renderComposer();
    const button = screen.getByRole('button', { name: 'Emoji' });
    /** Opens the picker and lets a task pass, as the next click of a person would. */
    const open = async () => {
      fireEvent.click(button);
      await screen.findByRole('button', { name: 'party' });
      await act(() => new Promise((done) => setTimeout(done, 0)));
      expect(screen.getByRole('dialog', { name: 'Emoji' })).toBeTruthy();
    };
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'party' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await open();
    // A click inside keeps it; a click outside closes it and leaves focus where it went.
    fireEvent.click(screen.getByRole('searchbox', { name: 'Search' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    fireEvent.click(textarea);
    expect(screen.queryByRole('dialog')).toBeNull();
    await open();
    fireEvent.click(button);
    expect(screen.queryByRole('dialog')).toBeNull();
    await open();
    expect(textarea.value).toBe('🎉');
  });

  it('suggests emoji after a colon and two characters, and inserts the pick from the keyboard', async () => {
    const { textarea } = await renderComposer();
    type(textarea, 'nice :t');
    expect(screen.queryByRole('listbox')).toBeNull();
    type(textarea, 'nice :th');
    const list = await screen.findByRole('listbox', { name: 'Emoji' });
    const labels = () => screen.getAllByRole('option').map((option) => option.textContent);
    expect(labels()).toEqual(['👍:thumbsup:', '👎:thumbsdown:']);
    expect(textarea.getAttribute('aria-controls')).toBe(list.id);
    fireEvent.keyDown(textarea, { key: 'ArrowDown' });
    expect(textarea.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]?.id);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(textarea.value).toBe('nice 👎');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('replaces a shortcode typed out in full, and does not trigger inside words or times', async () => {
    const { textarea } = await renderComposer();
    type(textarea, 'ok :sm');
    await screen.findByRole('listbox');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['😄:smile:', '😃:smiley:']);
    type(textarea, 'ok :smile');
    type(textarea, 'ok :smile:');
    expect(textarea.value).toBe('ok 😄');
    type(textarea, 'at 10:30');
    expect(screen.queryByRole('listbox')).toBeNull();
    type(textarea, 'ok :nothing_like_this');
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});

describe('EmojiPicker on its own (e.g. for reactions)', () => {
  it('calls onSelect with the emoji and onClose on Escape', async () => {
    const onSelect = vi.fn();
    const onClose = vi.fn();
    render(
      <ChatUIProvider emoji={emojiMart}>
        <div className="confab-root" data-theme="dark">
          <EmojiPicker onSelect={onSelect} onClose={onClose} label="Add reaction" />
        </div>
      </ChatUIProvider>,
    );
    const pick = await screen.findByRole('button', { name: 'party' });
    expect(screen.getByRole('dialog', { name: 'Add reaction' })).toBeTruthy();
    expect(loaded.pickers.at(-1)).toMatchObject({ theme: 'dark' });
    fireEvent.click(pick);
    expect(onSelect).toHaveBeenCalledWith('🎉');
    fireEvent.keyDown(pick, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledWith('escape');
  });

  it('renders nothing while closed', async () => {
    const picker = (open: boolean) => (
      <ChatUIProvider emoji={emojiMart}>
        <EmojiPicker open={open} onSelect={() => {}} onClose={() => {}} />
      </ChatUIProvider>
    );
    const { container, rerender } = render(picker(false));
    expect(container.innerHTML).toBe('');
    rerender(picker(true));
    await waitFor(() => expect(container.querySelector('.fake-picker')).not.toBeNull());
  });
});

// emoji-mart is an optional peer: an app that did not install it passes no emoji source.
describe('without an emoji source', () => {
  it('the picker says emoji are unavailable, loads nothing, and tells the developer once how to add them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = { ...loaded, pickers: loaded.pickers.length };
    const { rerender } = render(<EmojiPicker onSelect={() => {}} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Emoji' });
    expect(dialog.dataset['state']).toBe('unavailable');
    expect(screen.getByRole('alert').textContent).toBe('Could not load emoji.');
    rerender(<EmojiPicker open={false} onSelect={() => {}} onClose={() => {}} />);
    rerender(<EmojiPicker onSelect={() => {}} onClose={() => {}} />);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/npm install|emoji-mart and @emoji-mart\/data/);
    expect(String(warn.mock.calls[0]?.[0])).toContain("import { emojiMart } from 'confab-chat/emoji-mart'");
    expect({ ...loaded, pickers: loaded.pickers.length }).toEqual(before);
  });

  it('the composer still sends; a colon suggests nothing and loads nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = { ...loaded, pickers: loaded.pickers.length };
    render(
      <TestChatProvider chat={chat} userId="ana">
        <Composer roomId="general" />
      </TestChatProvider>,
    );
    const textarea = (await screen.findByRole('textbox', { name: 'Message general' })) as HTMLTextAreaElement;
    type(textarea, 'nice :th');
    await act(() => chat.settle());
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Emoji' }));
    expect(screen.getByRole('dialog', { name: 'Emoji' }).dataset['state']).toBe('unavailable');
    fireEvent.keyDown(screen.getByRole('dialog', { name: 'Emoji' }), { key: 'Escape' });
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await act(() => chat.settle());
    expect(serverMessages(chat)[0]?.text).toBe('nice :th');
    expect({ ...loaded, pickers: loaded.pickers.length }).toEqual(before);
  });
});

describe('shortcode search and triggers', () => {
  const index = buildShortcodeIndex({
    emojis: {
      '+1': { id: '+1', name: 'Thumbs Up', skins: [{ native: '👍' }] },
      heart: { id: 'heart', name: 'Heart', skins: [{ native: '❤️' }] },
      broken_heart: { id: 'broken_heart', name: 'Broken Heart', skins: [{ native: '💔' }] },
      heart_eyes: { id: 'heart_eyes', name: 'Heart Eyes', skins: [{ native: '😍' }] },
    },
    aliases: { thumbsup: '+1' },
  });

  it('finds by prefix (shortest first), then by a later word, once per emoji', () => {
    expect(searchShortcodes(index, 'HEA').map((emoji) => emoji.code)).toEqual(['heart', 'heart_eyes', 'broken_heart']);
    expect(searchShortcodes(index, 'thumbs').map((emoji) => emoji.native)).toEqual(['👍']);
    expect(findShortcode(index, '+1')?.native).toBe('👍');
    expect(findShortcode(index, 'nope')).toBeUndefined();
  });

  it('detects @ and : triggers at the caret only where a word starts', () => {
    expect(findTrigger('hi @an', 6)).toEqual({ kind: 'mention', start: 3, query: 'an' });
    expect(findTrigger('@', 1)).toEqual({ kind: 'mention', start: 0, query: '' });
    expect(findTrigger('mail a@b.c', 10)).toBeNull();
    expect(findTrigger('nice :thu', 9)).toEqual({ kind: 'emoji', start: 5, query: 'thu' });
    expect(findTrigger('nice :t', 7)).toBeNull();
    expect(findTrigger('at 10:30', 8)).toBeNull();
    expect(findTrigger('hi @an more', 6)).toEqual({ kind: 'mention', start: 3, query: 'an' });
    expect(findTrigger('hi @an more', 11)).toBeNull();
  });
});
