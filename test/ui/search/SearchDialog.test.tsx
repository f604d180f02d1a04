// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ChatProvider, type ChatClient } from '../../../src/react';
import { createTestChat, type TestChat } from '../../../src/testing';
import { ChatUIProvider } from '../../../src/ui/config';
import { isSearchShortcut, SearchButton } from '../../../src/ui/search';
import { SearchDialog } from '../../../src/ui/search/SearchDialog';

let chat: TestChat;
let ana: ChatClient;
afterEach(() => {
  cleanup();
  chat?.close();
});

async function setup() {
  chat = createTestChat();
  ana = await chat.connect('ana');
  await ana.sendMessage('general', { text: 'Lunch at noon? <b>bring</b> snacks' });
  await ana.sendMessage('random', { text: 'lunch photos' });
  await chat.settle();
}

function renderDialog(props: Partial<Parameters<typeof SearchDialog>[0]> = {}) {
  const onClose = vi.fn();
  const onOpenRoom = vi.fn();
  render(
    <ChatProvider client={ana}>
      <ChatUIProvider>
        <SearchDialog onClose={onClose} onOpenRoom={onOpenRoom} {...props} />
      </ChatUIProvider>
    </ChatProvider>,
  );
  return { onClose, onOpenRoom, input: screen.getByRole('searchbox', { name: 'Search messages' }) as HTMLInputElement };
}

describe('SearchDialog', () => {
  it('hints first, then lists messages of all rooms with their room and the matches marked as text', async () => {
    await setup();
    const { input } = renderDialog();
    expect(document.activeElement).toBe(input);
    expect(screen.getByText('Type a word to find messages.')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'lunch' } });
    await waitFor(() => expect(document.querySelectorAll('.confab-search-hit')).toHaveLength(2));
    const [first, second] = [...document.querySelectorAll<HTMLElement>('.confab-search-hit')];
    expect(first!.dataset['roomId']).toBe('random');
    expect(first!.querySelector('.confab-search-hit-room')?.textContent).toBe('random');
    expect([...second!.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Lunch']);
    // User text stays text: the angle brackets are characters, not elements.
    expect(second!.querySelector('b')).toBeNull();
    expect(second!.textContent).toContain('<b>bring</b>');
    expect(second!.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-/);
  });

  it('searches this room first, and all rooms when asked', async () => {
    await setup();
    const { input } = renderDialog({ roomId: 'general' });
    fireEvent.change(input, { target: { value: 'lunch' } });
    await waitFor(() => expect(document.querySelectorAll('.confab-search-hit')).toHaveLength(1));
    expect(document.querySelector('.confab-search-hit-room')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'All rooms' }));
    await waitFor(() => expect(document.querySelectorAll('.confab-search-hit')).toHaveLength(2));
    expect(screen.getByRole('button', { name: 'All rooms' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says when nothing matches, and when a query has no word', async () => {
    await setup();
    const { input } = renderDialog();
    fireEvent.change(input, { target: { value: 'zebra' } });
    await waitFor(() => expect(screen.getByText('No messages match “zebra”.')).toBeTruthy());
    fireEvent.change(input, { target: { value: '**' } });
    expect(screen.getByText('Type a word with letters or digits.')).toBeTruthy();
  });

  it('shows a failure with Retry', async () => {
    await setup();
    await ana.leaveRoom('random');
    const { input } = renderDialog({ roomId: 'random' });
    fireEvent.change(input, { target: { value: 'lunch' } });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(document.querySelector('.confab-search-section')?.getAttribute('data-state')).toBe('failed');
  });

  it('jumps to a message chosen, and closes', async () => {
    await setup();
    const { input, onClose } = renderDialog();
    fireEvent.change(input, { target: { value: 'photos' } });
    const hit = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.confab-search-hit');
      if (!found) throw new Error('no hit yet');
      return found;
    });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(hit);
    fireEvent.click(hit);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(ana.store.getState().focus).toMatchObject({ roomId: 'random', sequence: 1 });
  });

  it('finds people and opens a direct conversation with one', async () => {
    await setup();
    const { input, onOpenRoom, onClose } = renderDialog();
    fireEvent.change(input, { target: { value: 'bo' } });
    const person = await screen.findByRole('button', { name: /Bo/ });
    expect(person.classList.contains('confab-search-person')).toBe(true);
    fireEvent.click(person);
    await waitFor(() => expect(onOpenRoom).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
    const roomId = onOpenRoom.mock.calls[0]![0] as string;
    expect(ana.store.getState().rooms[roomId]?.kind).toBe('direct');
  });

  it('closes on Escape', async () => {
    await setup();
    const { onClose } = renderDialog();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('SearchButton', () => {
  it('opens the dialog on click and on Ctrl+K or ⌘K', async () => {
    await setup();
    render(
      <ChatProvider client={ana}>
        <ChatUIProvider>
          <SearchButton shortcut />
        </ChatUIProvider>
      </ChatProvider>,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    expect(screen.getByRole('dialog', { name: 'Search' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Search all rooms' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(isSearchShortcut({ key: 'K', metaKey: true, ctrlKey: false, altKey: false, shiftKey: false })).toBe(true);
    expect(isSearchShortcut({ key: 'k', metaKey: false, ctrlKey: false, altKey: false, shiftKey: false })).toBe(false);
  });
});
