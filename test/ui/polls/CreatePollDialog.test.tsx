// @vitest-environment jsdom
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createTestChat, TestChatProvider, type TestChat } from '../../../src/testing';
import { ChatUIProvider } from '../../../src/ui/config';
import { CreatePollDialog, newPollDraft, pollInputOf } from '../../../src/ui/polls';
import { serverMessages } from '../composer/helpers';

configure({ asyncUtilTimeout: 5000 });

let chat: TestChat;
afterEach(() => {
  cleanup();
  chat?.close();
});

function renderDialog(onCreated = vi.fn(), onClose = vi.fn()) {
  chat = createTestChat();
  render(
    <TestChatProvider chat={chat} userId="ana">
      <ChatUIProvider>
        <CreatePollDialog roomId="general" onCreated={onCreated} onClose={onClose} />
      </ChatUIProvider>
    </TestChatProvider>,
  );
  return { onCreated, onClose };
}

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;

describe('CreatePollDialog', () => {
  it('creates a poll with the question, the filled options, multiple choice and anonymity', async () => {
    const { onCreated } = renderDialog();
    await screen.findByRole('dialog', { name: 'Create poll' });
    fireEvent.change(field('Question'), { target: { value: 'Where to?' } });
    fireEvent.change(field('Option 1'), { target: { value: 'Beach' } });
    fireEvent.change(field('Option 2'), { target: { value: 'Hills' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add option' }));
    fireEvent.change(field('Option 3'), { target: { value: 'City' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add option' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow several choices' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Anonymous/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    const [message] = serverMessages(chat);
    expect(message?.poll).toMatchObject({ question: 'Where to?', multiple: true, anonymous: true, options: [{ text: 'Beach' }, { text: 'Hills' }, { text: 'City' }] });
  });

  it('removes options down to two, adds up to ten, and says what is wrong before sending', async () => {
    const { onCreated } = renderDialog();
    await screen.findByRole('dialog');
    expect(screen.queryByRole('button', { name: /Remove option/ })).toBeNull();
    for (let count = 2; count < 10; count++) fireEvent.click(screen.getByRole('button', { name: 'Add option' }));
    expect(screen.getAllByRole('textbox', { name: /^Option/ })).toHaveLength(10);
    expect(screen.queryByRole('button', { name: 'Add option' })).toBeNull();
    fireEvent.change(field('Option 2'), { target: { value: 'second' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove option 1' }));
    expect(field('Option 1').value).toBe('second');
    fireEvent.change(field('Question'), { target: { value: 'Pick' } });
    fireEvent.change(field('Option 2'), { target: { value: 'Second' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/appears twice/);
    expect(onCreated).not.toHaveBeenCalled();
    expect(serverMessages(chat)).toEqual([]);
  });

  it('closes on Cancel and Escape', async () => {
    const { onClose } = renderDialog();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('the poll draft', () => {
  it('starts with the question and two empty options, and leaves empty options out', () => {
    expect(newPollDraft('Q?')).toEqual({ question: 'Q?', options: ['', ''], multiple: false, anonymous: false });
    expect(pollInputOf({ question: 'Q?', options: ['a', ' ', 'b'], multiple: false, anonymous: false }).options).toEqual(['a', 'b']);
  });
});
