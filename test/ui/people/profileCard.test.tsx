// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import type { ChatClient } from '../../../src/react';
import { fixtures, type TestChat } from '../../../src/testing';
import { Chat } from '../../../src/ui/Chat';
import { ChatUIProvider } from '../../../src/ui/config';
import { ProfileCard } from '../../../src/ui/people/ProfileCard';
import { settle as settleList, stubScrolling } from '../messageHelpers';
import { connectAna, settle } from '../shell-helpers';

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeAll(() => stubScrolling());

/** The whole chat with a real (virtualized) message list, as a person sees it, once its rows show. */
async function renderChat(ui: ReactNode = <Chat defaultRoomId="general" />): Promise<void> {
  render(<VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>{ui}</VirtuosoMockContext.Provider>, { wrapper: Wrapper });
  await settleList(chat);
}

beforeEach(async () => {
  const people = fixtures.people.map((person) =>
    person.id === 'bo' ? { ...person, customData: { title: 'Designer', floor: 3, note: '<img src=x onerror=alert(1)>' } } : person,
  );
  ({ chat, ana, Wrapper } = await connectAna({ users: people, directMessages: [] }));
  chat.say('bo', 'general', 'Hello from Bo');
  await settle(chat);
});
afterEach(() => {
  cleanup();
  chat.close();
});

/** The name button of Bo's message (the keyboard's way to his card). */
const boName = () => document.querySelector<HTMLElement>('[data-author-id="bo"] .confab-message-author-button') as HTMLElement;
const card = () => screen.queryByRole('dialog', { name: 'Profile of Bo Svensson' });

describe('the profile card', () => {
  it('opens from an author name with the person’s name, presence and custom fields as text; Escape closes it and gives focus back, twice', async () => {
    await renderChat();
    // The name is a button named as it reads; the avatar beside it, out of the Tab order, says what it opens.
    expect(boName().tabIndex).toBe(0);
    expect(screen.getByRole('button', { name: /^Profile of Bo Svensson/ }).tabIndex).toBe(-1);
    for (let time = 0; time < 2; time++) {
      const trigger = boName();
      trigger.focus();
      fireEvent.click(trigger);
      const dialog = card() as HTMLElement;
      expect(dialog).toBeTruthy();
      expect(trigger.getAttribute('aria-expanded')).toBe('true');
      expect(document.activeElement).toBe(dialog);
      expect(within(dialog).getByText('Bo Svensson')).toBeTruthy();
      expect(within(dialog).getByText('Offline')).toBeTruthy();
      const fields = [...dialog.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent]);
      expect(fields).toEqual([
        ['title', 'Designer'],
        ['floor', '3'],
        ['note', '<img src=x onerror=alert(1)>'],
      ]);
      // Inert: the markup in a value stays text.
      expect(dialog.querySelector('img')).toBeNull();
      fireEvent.keyDown(dialog, { key: 'Escape' });
      expect(card()).toBeNull();
      expect(document.activeElement).toBe(trigger);
      expect(trigger.getAttribute('aria-expanded')).toBe('false');
    }
  });

  it('closes when focus moves out of it with Tab', async () => {
    await renderChat();
    fireEvent.click(boName());
    const dialog = card() as HTMLElement;
    const composer = screen.getByRole('textbox');
    fireEvent.blur(dialog, { relatedTarget: composer });
    expect(card()).toBeNull();
  });

  it('says when someone was last seen, in relative words', async () => {
    const session = chat.server.connect('bo', () => {});
    session.close();
    await settle(chat);
    await renderChat();
    fireEvent.click(boName());
    expect(within(card() as HTMLElement).getByText(/Last seen/)).toBeTruthy();
  });

  it('“Message” opens the direct room, creating it, and the chat switches to it', async () => {
    await renderChat();
    fireEvent.click(boName());
    await settle(chat, () => fireEvent.click(within(card() as HTMLElement).getByRole('button', { name: 'Message' })));
    expect(card()).toBeNull();
    const header = document.querySelector('.confab-chat-room .confab-room-header') as HTMLElement;
    expect(within(header).getByRole('heading').textContent).toBe('Bo Svensson');
    const direct = Object.values(ana.store.getState().rooms).find((room) => room.kind === 'direct');
    expect(direct?.members.map((member) => member.userId).sort()).toEqual(['ana', 'bo']);
    // The header's avatar of the other person opens the same card.
    fireEvent.click(within(header).getByRole('button', { name: /^Profile of Bo Svensson/ }));
    expect(card()).toBeTruthy();
  });

  it('“Block” asks once more, then hides the person’s messages; “Unblock” brings them back', async () => {
    await renderChat();
    const room = document.querySelector('.confab-chat-room') as HTMLElement;
    // From the members panel, which stays while Bo's messages go.
    fireEvent.click(screen.getByRole('button', { name: /members/ }));
    const panel = screen.getByRole('dialog', { name: 'Members of general' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Bo Svensson' }));
    const block = within(card() as HTMLElement).getByRole('button', { name: 'Block' });
    fireEvent.click(block);
    expect(ana.store.getState().blockedUserIds).toEqual([]);
    expect(block.textContent).toBe('Block Bo Svensson? Their messages will be hidden from you.');
    expect(within(room).getByText('Hello from Bo')).toBeTruthy();
    await settle(chat, () => fireEvent.click(block));
    expect(ana.store.getState().blockedUserIds).toEqual(['bo']);
    expect(within(room).queryByText('Hello from Bo')).toBeNull();
    const blockedCard = card() as HTMLElement;
    expect(blockedCard.hasAttribute('data-blocked')).toBe(true);
    expect(within(blockedCard).queryByRole('button', { name: 'Message' })).toBeNull();
    expect(within(blockedCard).getByText('You blocked this person.')).toBeTruthy();
    await settle(chat, () => fireEvent.click(within(blockedCard).getByRole('button', { name: 'Unblock' })));
    expect(ana.store.getState().blockedUserIds).toEqual([]);
    await settleList(chat);
    expect(within(room).getByText('Hello from Bo')).toBeTruthy();
  });

  it('one’s own card has no Message or Block, and lists the blocked people, where one can unblock', async () => {
    await ana.blockUser('chen');
    await settle(chat);
    render(
      <ChatUIProvider>
        <ProfileCard userId="ana" onClose={() => {}} onShowBlockedPeople={() => {}} />
      </ChatUIProvider>,
      { wrapper: Wrapper },
    );
    const own = screen.getByRole('dialog', { name: 'Profile of Ana Lima' });
    expect(own.hasAttribute('data-own')).toBe(true);
    expect(own.querySelector('.confab-profile-card-name')?.textContent).toBe('Ana Lima (you)');
    expect(within(own).getAllByRole('button').map((button) => button.textContent)).toEqual(['Blocked people']);
  });

  it('the Blocked people dialog, from a card, unblocks; focus returns to the opener when it closes', async () => {
    await ana.blockUser('chen');
    await settle(chat);
    await renderChat();
    const trigger = boName();
    trigger.focus();
    fireEvent.click(trigger);
    fireEvent.click(within(card() as HTMLElement).getByRole('button', { name: 'Blocked people' }));
    const dialog = screen.getByRole('dialog', { name: 'Blocked people' });
    expect(within(dialog).getByText('Chen Wei')).toBeTruthy();
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Unblock' })));
    expect(ana.store.getState().blockedUserIds).toEqual([]);
    expect(within(dialog).getByText('You have not blocked anyone.')).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Blocked people' })).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('opens from the members panel too', async () => {
    await renderChat();
    fireEvent.click(screen.getByRole('button', { name: /members/ }));
    const panel = screen.getByRole('dialog', { name: 'Members of general' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Bo Svensson' }));
    expect(card()).toBeTruthy();
  });
});
