// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { selectTypingUserIds } from '../../../src/core';
import { createTestChat, TestChatProvider, type TestChat } from '../../../src/testing';
import { ChatUIProvider } from '../../../src/ui/config';
import { Composer } from '../../../src/ui/composer';
import { RoomViewProvider } from '../../../src/ui/roomView';
import { createViewProbe, serverMessages } from './helpers';
import { settle } from '../shell-helpers';

// Generous waits: these run beside other suites on a busy machine.
configure({ asyncUtilTimeout: 5000 });

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



const { ViewProbe, view } = createViewProbe();

/** Renders Ana's composer for #general and waits until she is in the room. */
async function renderComposer(options: { parentId?: string } = {}) {
  const utils = render(
    <TestChatProvider chat={chat} userId="ana">
      <ChatUIProvider>
        <RoomViewProvider roomId="general">
          <ViewProbe />
          <Composer roomId="general" {...options} />
        </RoomViewProvider>
      </ChatUIProvider>
    </TestChatProvider>,
  );
  const textarea = (await screen.findByRole('textbox', { name: options.parentId ? 'Reply in thread' : 'Message general' })) as HTMLTextAreaElement;
  return { ...utils, textarea };
}

function type(textarea: HTMLTextAreaElement, value: string) {
  fireEvent.change(textarea, { target: { value } });
}

/** The labels of the suggestions shown. */
function options(): Array<string | null | undefined> {
  return screen.queryAllByRole('option').map((option) => option.querySelector('.confab-autocomplete-label')?.textContent);
}

function barTitle(): string | null | undefined {
  return document.querySelector('.confab-composer-bar-title')?.textContent;
}

function sendButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: /^(Send|Save)$/ }) as HTMLButtonElement;
}

describe('Composer', () => {
  it('sends on Enter, keeps Shift+Enter and IME composition for line breaks and text, and refocuses the text area', async () => {
    const { textarea } = await renderComposer();
    type(textarea, 'first line');
    // Shift+Enter is left to the browser (a line break); nothing is sent.
    expect(fireEvent.keyDown(textarea, { key: 'Enter', shiftKey: true })).toBe(true);
    // Enter confirming an IME composition is the IME's.
    expect(fireEvent.keyDown(textarea, { key: 'Enter', isComposing: true })).toBe(true);
    await settle(chat);
    expect(serverMessages(chat)).toHaveLength(0);

    type(textarea, 'first line\nsecond line');
    expect(fireEvent.keyDown(textarea, { key: 'Enter' })).toBe(false);
    await settle(chat);
    expect(serverMessages(chat).map((message) => message.text)).toEqual(['first line\nsecond line']);
    expect(textarea.value).toBe('');
    expect(document.activeElement).toBe(textarea);
  });

  it('does not send a blank draft', async () => {
    const { textarea } = await renderComposer();
    type(textarea, '   ');
    expect(sendButton().disabled).toBe(true);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat)).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a byte counter near the 5 KB limit, refuses 5,121 bytes clearly and keeps the draft, and sends 5,120', async () => {
    const { textarea, container } = await renderComposer();
    type(textarea, 'a'.repeat(4000));
    expect(container.querySelector('.confab-composer-counter')).toBeNull();

    type(textarea, 'a'.repeat(4100));
    expect(container.querySelector('.confab-composer-counter')?.textContent).toBe('1,020 bytes left');
    expect(textarea.getAttribute('aria-describedby')).toContain(container.querySelector('.confab-composer-counter')?.id);

    // 5,121 bytes: 5,117 ASCII and one 4-byte emoji.
    type(textarea, `${'a'.repeat(5117)}😀`);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Too long: 5,121 of 5,120 bytes. Shorten it to send.');
    expect(alert.getAttribute('data-state')).toBe('over');
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(sendButton().disabled).toBe(true);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    fireEvent.submit(textarea.form as HTMLFormElement);
    await settle(chat);
    expect(serverMessages(chat)).toHaveLength(0);
    expect(textarea.value).toBe(`${'a'.repeat(5117)}😀`);

    type(textarea, `${'a'.repeat(5116)}😀`);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.querySelector('.confab-composer-counter')?.textContent).toBe('0 bytes left');
    expect(sendButton().disabled).toBe(false);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat).map((message) => message.text.length)).toEqual([5118]);
    expect(textarea.value).toBe('');
  });

  it('tells another client that Ana is typing, and that she stopped when the text area loses focus', async () => {
    const bo = await chat.connect('bo');
    const { textarea } = await renderComposer();
    textarea.focus();
    type(textarea, 'h');
    type(textarea, 'he');
    await settle(chat);
    expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual(['ana']);
    fireEvent.blur(textarea);
    await settle(chat);
    expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual([]);
  });

  it('suggests room members after @, picks one from the keyboard, and sends the mention id', async () => {
    const { textarea } = await renderComposer();
    type(textarea, 'hi @');
    const list = screen.getByRole('listbox', { name: 'People to mention' });
    // Everyone in the room but Ana herself, by name.
    expect(options()).toEqual(['Bo Svensson', 'Chen Wei', 'Dara Okafor', 'Eli Novak']);
    expect(textarea.getAttribute('aria-controls')).toBe(list.id);
    expect(textarea.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]?.id);

    fireEvent.keyDown(textarea, { key: 'ArrowDown' });
    fireEvent.keyDown(textarea, { key: 'ArrowDown' });
    fireEvent.keyDown(textarea, { key: 'ArrowDown' });
    fireEvent.keyDown(textarea, { key: 'ArrowUp' });
    const active = screen.getAllByRole('option')[2] as HTMLElement;
    expect(active.getAttribute('aria-selected')).toBe('true');
    expect(textarea.getAttribute('aria-activedescendant')).toBe(active.id);

    // Filtering is by prefix of the name or of any word in it, case-insensitive.
    type(textarea, 'hi @oka');
    expect(options()).toEqual(['Dara Okafor']);
    expect(fireEvent.keyDown(textarea, { key: 'Enter' })).toBe(false);
    expect(textarea.value).toBe('hi @Dara Okafor ');
    expect(screen.queryByRole('listbox')).toBeNull();
    await settle(chat);
    expect(serverMessages(chat)).toHaveLength(0);

    type(textarea, 'hi @Dara Okafor see you');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    const [sent] = serverMessages(chat);
    expect(sent).toMatchObject({ text: 'hi @Dara Okafor see you', mentions: ['dara'] });
  });

  it('closes suggestions on Escape and drops a mention whose name was deleted', async () => {
    const { textarea } = await renderComposer();
    type(textarea, '@bo');
    fireEvent.keyDown(textarea, { key: 'Tab' });
    expect(textarea.value).toBe('@Bo Svensson ');
    type(textarea, '@Bo Svensson and @ch');
    expect(options()).toEqual(['Chen Wei']);
    fireEvent.keyDown(textarea, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(textarea.getAttribute('aria-activedescendant')).toBeNull();
    // Escape closed the list, so Enter sends; Bo's name was edited away, so he is not mentioned.
    type(textarea, '@Bo and @ch');
    fireEvent.keyDown(textarea, { key: 'Escape' });
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat)[0]).toMatchObject({ text: '@Bo and @ch', mentions: [] });
  });

  it('puts a message in edit mode from the room view, saves the edit on Enter, and restores the draft on Escape', async () => {
    const original = chat.say('ana', 'general', 'original text');
    const { textarea } = await renderComposer();
    type(textarea, 'my draft');

    act(() => view()?.startEdit(original));
    expect(textarea.value).toBe('original text');
    expect(screen.getByText('Editing message')).toBeTruthy();
    expect(document.activeElement).toBe(textarea);
    fireEvent.keyDown(textarea, { key: 'Escape' });
    expect(screen.queryByText('Editing message')).toBeNull();
    expect(textarea.value).toBe('my draft');

    act(() => view()?.startEdit(original));
    type(textarea, 'edited text');
    expect(sendButton().textContent).toBe('Save');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    const [saved] = serverMessages(chat);
    expect(saved).toMatchObject({ id: original.id, text: 'edited text' });
    expect(saved?.editedAt).toBeTypeOf('number');
    expect(textarea.value).toBe('my draft');
    expect(screen.queryByText('Editing message')).toBeNull();
  });

  it('cancels edit mode with its button', async () => {
    const original = chat.say('ana', 'general', 'keep me');
    const { textarea } = await renderComposer();
    act(() => view()?.startEdit(original));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel editing' }));
    expect(textarea.value).toBe('');
    expect(document.activeElement).toBe(textarea);
    await settle(chat);
    expect(serverMessages(chat)[0]?.text).toBe('keep me');
  });

  it('quotes a message: a bar names its author and first line, and the sent message carries quotedId', async () => {
    const quoted = chat.say('bo', 'general', 'Lunch at noon?\nOr later');
    const { textarea } = await renderComposer();
    act(() => view()?.startQuote(quoted));
    expect(barTitle()).toBe('Quoting Bo Svensson');
    expect(screen.getByText('Lunch at noon?')).toBeTruthy();
    expect(screen.queryByText(/Or later/)).toBeNull();
    type(textarea, 'Noon works');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat).at(-1)).toMatchObject({ text: 'Noon works', quotedId: quoted.id });
    expect(barTitle()).toBeUndefined();
  });

  it('cancels quote mode with Escape and with its button', async () => {
    const quoted = chat.say('bo', 'general', 'something');
    const { textarea } = await renderComposer();
    act(() => view()?.startQuote(quoted));
    fireEvent.keyDown(textarea, { key: 'Escape' });
    expect(barTitle()).toBeUndefined();
    act(() => view()?.startQuote(quoted));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel quote' }));
    expect(barTitle()).toBeUndefined();
    type(textarea, 'plain');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat).at(-1)?.quotedId).toBeUndefined();
  });

  it('sends thread replies with the parent id and registers as the thread composer', async () => {
    const parent = chat.say('bo', 'general', 'thread starter');
    const { textarea } = await renderComposer({ parentId: parent.id });
    type(textarea, 'a reply');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    const outcome = chat.server.actAs('bo', { type: 'thread.history', roomId: 'general', parentId: parent.id });
    expect(outcome.ok && outcome.value.messages.map((message) => message.text)).toEqual(['a reply']);
  });

  it('hides attachments without an upload adapter', async () => {
    const { container } = await renderComposer();
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    expect(container.querySelector('input[type=file]')).toBeNull();
  });
});
