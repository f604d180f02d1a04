// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createTestChat, TestChatProvider, type TestChat } from '../../../src/testing';
import { ChatUIProvider } from '../../../src/ui/config';
import { Composer } from '../../../src/ui/composer';
import { RoomViewProvider } from '../../../src/ui/roomView';
import { serverMessages } from './helpers';

configure({ asyncUtilTimeout: 5000 });

let chat: TestChat;
const invoked: unknown[] = [];
beforeEach(() => {
  chat = createTestChat();
  invoked.length = 0;
  chat.server.upsertUser({ id: 'weatherbot', name: 'Weather', bot: true });
  chat.server.actAsSystem({ type: 'room.addMembers', roomId: 'general', userIds: ['weatherbot'] });
  const bot = chat.server.connect('weatherbot', (event) => {
    if (event.type === 'command.invoked') invoked.push(event);
  });
  bot.handle({ type: 'command.register', commands: [{ name: 'weather', description: 'Today’s weather', args: '<city>' }] });
});
afterEach(() => {
  cleanup();
  chat.close();
  localStorage.clear();
});

async function renderComposer() {
  render(
    <TestChatProvider chat={chat} userId="ana">
      <ChatUIProvider>
        <RoomViewProvider roomId="general">
          <Composer roomId="general" />
        </RoomViewProvider>
      </ChatUIProvider>
    </TestChatProvider>,
  );
  return (await screen.findByRole('textbox', { name: 'Message general' })) as HTMLTextAreaElement;
}

function type(textarea: HTMLTextAreaElement, value: string) {
  fireEvent.change(textarea, { target: { value, selectionStart: value.length } });
  textarea.setSelectionRange(value.length, value.length);
  fireEvent.select(textarea);
}

function names(): string[] {
  return screen.queryAllByRole('option').map((option) => option.querySelector('.confab-autocomplete-command')?.textContent ?? '');
}

describe('slash command suggestions', () => {
  it('lists the built-ins and the room bots’ commands after /, with argument help and what each does', async () => {
    const textarea = await renderComposer();
    type(textarea, '/');
    const list = await screen.findByRole('listbox', { name: 'Commands' });
    expect(list.getAttribute('data-kind')).toBe('command');
    expect(names()).toEqual(['/me', '/shrug', '/poll', '/topic', '/invite', '/leave', '/mute', '/unmute', '/weather']);
    const weather = screen.getAllByRole('option').at(-1) as HTMLElement;
    expect(weather.textContent).toContain('<city>');
    expect(weather.textContent).toContain('Today’s weather');
    type(textarea, '/sh');
    expect(names()).toEqual(['/shrug']);
    expect(screen.getByRole('option').textContent).toContain('Add ¯\\_(ツ)_/¯ to your message');
  });

  it('is keyboard navigable: arrows move, Enter puts the command in the draft, Escape closes', async () => {
    const textarea = await renderComposer();
    type(textarea, '/');
    await screen.findByRole('listbox');
    fireEvent.keyDown(textarea, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    expect(textarea.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]?.id);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(textarea.value).toBe('/shrug ');
    expect(screen.queryByRole('listbox')).toBeNull();
    type(textarea, '/t');
    await screen.findByRole('listbox');
    fireEvent.keyDown(textarea, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});

describe('running commands from the composer', () => {
  it('/me sends an action message and clears the draft', async () => {
    const textarea = await renderComposer();
    type(textarea, '/me waves');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await waitFor(() => expect(serverMessages(chat).map((message) => [message.text, message.kind])).toEqual([['waves', 'action']]));
    expect(textarea.value).toBe('');
  });

  it('an unknown command shows an error, keeps the text, and sends nothing', async () => {
    const textarea = await renderComposer();
    type(textarea, '/wether Lisbon');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toMatch(/no command \/wether/);
    expect(textarea.value).toBe('/wether Lisbon');
    expect(serverMessages(chat)).toEqual([]);
    // Typing again clears the error.
    type(textarea, '/weather Lisbon');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a bot command reaches the bot, and //text is sent as text', async () => {
    const textarea = await renderComposer();
    type(textarea, '/weather Lisbon');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await waitFor(() => expect(invoked).toEqual([expect.objectContaining({ name: 'weather', args: 'Lisbon', userId: 'ana', roomId: 'general' })]));
    type(textarea, '//weather is text');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await waitFor(() => expect(serverMessages(chat).map((message) => message.text)).toEqual(['/weather is text']));
  });

  it('/topic sets the room topic; /poll opens the poll form with the question', async () => {
    const textarea = await renderComposer();
    type(textarea, '/topic Release on Friday');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await waitFor(() => expect(chat.server.getRoom('general')?.topic).toBe('Release on Friday'));
    type(textarea, '/poll Lunch?');
    await act(async () => {
      fireEvent.keyDown(textarea, { key: 'Enter' });
    });
    const dialog = await screen.findByRole('dialog', { name: 'Create poll' });
    expect((screen.getByRole('textbox', { name: 'Question' }) as HTMLInputElement).value).toBe('Lunch?');
    // Not inside the composer's form: a form in a form would submit the page natively.
    expect(dialog.closest('form.confab-composer')).toBeNull();
    expect(textarea.value).toBe('');
  });
});
