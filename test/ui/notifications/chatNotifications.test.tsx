// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ChatProvider, type ChatClient } from '../../../src/react';
import { createTestChat, type TestChat } from '../../../src/testing';
import { Chat } from '../../../src/ui/Chat';
import { settle } from '../shell-helpers';
import { fakeNotifier, setPageHidden } from './fakeNotifier';

let chat: TestChat;
let ana: ChatClient;
let dm: string;

beforeEach(async () => {
  chat = createTestChat();
  ana = await chat.connect('ana');
  dm = chat.directRoomId('ana', 'bo');
  await chat.settle();
  setPageHidden(true);
  document.title = 'Support desk';
});
afterEach(() => {
  cleanup();
  chat.close();
  setPageHidden(false);
});

function renderChat(props: Parameters<typeof Chat>[0] = {}, client = ana) {
  return render(
    <ChatProvider client={client}>
      <Chat {...props} />
    </ChatProvider>,
  );
}

const roomRow = (roomId: string) => document.querySelector(`.confab-room-list-item[data-room-id="${roomId}"]`) as HTMLElement;
const openRoomHeader = () => document.querySelector('.confab-chat-room .confab-room-header-name')?.textContent;

describe('<Chat notifications>', () => {
  it('notifies of direct messages and mentions while the page is hidden, never of one’s own, a group room’s chatter, a muted room or a blocked author', async () => {
    const { notifier, shown } = fakeNotifier();
    renderChat({ notifications: { notifier } });
    await settle(chat, () => chat.say('bo', dm, 'Lunch at **noon**?'));
    expect(shown.map((note) => [note.title, note.body, note.roomId])).toEqual([['Bo Svensson', 'Lunch at noon?', dm]]);

    await settle(chat, () => chat.say('chen', 'general', 'just chatting'));
    await settle(chat, () => ana.sendMessage('general', { text: 'my own @Ana', mentions: ['ana'] }));
    expect(shown).toHaveLength(1);

    await settle(chat, () => chat.say('chen', 'general', '@Ana look', { mentions: ['ana'] }));
    expect(shown.at(-1)).toMatchObject({ title: 'Chen Wei in general', body: '@Ana look', tag: 'confab:general' });

    await settle(chat, () => ana.setRoomSettings('general', { muted: true }));
    await settle(chat, () => chat.say('chen', 'general', '@Ana again', { mentions: ['ana'] }));
    await settle(chat, () => ana.blockUser('bo'));
    await settle(chat, () => chat.say('bo', 'random', '@Ana blocked now', { mentions: ['ana'] }));
    expect(shown).toHaveLength(2);
  });

  it('not for the room on screen while the page is visible; yes for another room, and a click opens that room at the message', async () => {
    setPageHidden(false);
    const { notifier, shown } = fakeNotifier();
    renderChat({ notifications: { notifier }, defaultRoomId: dm });
    await settle(chat);
    await settle(chat, () => chat.say('bo', dm, 'you see this one'));
    expect(shown).toHaveLength(0);
    await settle(chat, () => chat.say('chen', 'general', 'Ana, over here', { mentions: ['ana'] }));
    expect(shown).toHaveLength(1);
    expect(openRoomHeader()).toBe('Bo Svensson');
    const jump = vi.spyOn(ana, 'jumpToMessage');
    await act(async () => shown[0]?.onClick());
    await waitFor(() => expect(openRoomHeader()).toBe('general'));
    expect(roomRow('general').getAttribute('aria-selected')).toBe('true');
    // …at that very message (the list scrolls to it and marks it, as for a search result).
    expect(jump).toHaveBeenCalledWith('general', shown[0]?.messageId, expect.any(Number));
  });

  it('asks for permission only from the bell’s button, never on load', async () => {
    const { notifier, shown, requests } = fakeNotifier('default');
    renderChat({ notifications: { notifier }, defaultRoomId: 'general' });
    await settle(chat, () => chat.say('bo', dm, 'before permission'));
    expect(requests.count).toBe(0);
    expect(shown).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Notifications' }));
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Turn on notifications' })));
    expect(requests.count).toBe(1);
    expect(within(panel).getByText('Browser notifications are on.')).toBeTruthy();
    await settle(chat, () => chat.say('bo', dm, 'after permission'));
    expect(shown.map((note) => note.body)).toEqual(['after permission']);
  });

  it('without notifications the bell still mutes and sets the level, but offers no browser permission', async () => {
    renderChat({ defaultRoomId: 'general' });
    fireEvent.click(screen.getByRole('button', { name: 'Notifications' }));
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    expect(within(panel).queryByRole('button', { name: 'Turn on notifications' })).toBeNull();
    expect((within(panel).getByRole('radio', { name: 'Only mentions' }) as HTMLInputElement).checked).toBe(true);
    await act(async () => fireEvent.click(within(panel).getByRole('radio', { name: 'All messages' })));
    await waitFor(() => expect(ana.store.getState().roomSettings['general']?.level).toBe('all'));
    // Escape closes it and gives focus back to the bell.
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Notifications' }));
  });

  it('puts the unread count (muted rooms left out) in the page title and restores the title on unmount', async () => {
    const { notifier } = fakeNotifier();
    const view = renderChat({ notifications: { notifier, title: true } });
    await settle(chat, () => chat.say('bo', dm, 'one'));
    await settle(chat, () => chat.say('chen', 'general', 'two'));
    expect(document.title).toBe('(2) Support desk');
    await settle(chat, () => ana.setRoomSettings('general', { muted: true }));
    expect(document.title).toBe('(1) Support desk');
    view.unmount();
    expect(document.title).toBe('Support desk');
  });

  it('plays the chime for what notifies, and never for a muted room', async () => {
    const { notifier } = fakeNotifier();
    const sound = { play: vi.fn() };
    renderChat({ notifications: { notifier, sound } });
    await settle(chat, () => chat.say('bo', dm, 'ding'));
    expect(sound.play).toHaveBeenCalledTimes(1);
    await settle(chat, () => ana.setRoomSettings(dm, { muted: true }));
    await settle(chat, () => chat.say('bo', dm, 'quiet'));
    expect(sound.play).toHaveBeenCalledTimes(1);
  });
});

describe('muting a room, walked through', () => {
  it('mute in the bell, the row goes quiet; a reload sees it; unmuting on another device shows at once; switching rooms and back keeps it', async () => {
    chat.say('chen', 'random', 'unread in random');
    await settle(chat);
    const view = renderChat({ defaultRoomId: 'random' });
    await settle(chat);
    chat.say('chen', 'general', 'unread in general');
    await settle(chat);
    expect(roomRow('general').hasAttribute('data-muted')).toBe(false);
    expect(roomRow('general').querySelector('.confab-room-list-item-unread')?.textContent).toContain('1');

    // Mute general from its header.
    fireEvent.click(roomRow('general'));
    await settle(chat, () => chat.say('chen', 'general', 'another'));
    fireEvent.click(screen.getByRole('button', { name: 'Notifications' }));
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Mute this room' })));
    await settle(chat);
    expect(roomRow('general').hasAttribute('data-muted')).toBe(true);
    expect(within(roomRow('general')).getByText('Muted')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Notifications' }).hasAttribute('data-muted')).toBe(true);
    // The levels do not apply while muted.
    expect(screen.getByRole('radio', { name: 'All messages' }).matches(':disabled')).toBe(true);

    // Switch away and back: an unread in the muted room shows as a quiet dot, no number.
    fireEvent.click(roomRow('random'));
    await settle(chat, () => chat.say('chen', 'general', 'while away'));
    const dot = roomRow('general').querySelector('.confab-room-list-item-unread') as HTMLElement;
    expect(dot.hasAttribute('data-muted')).toBe(true);
    expect(dot.querySelector('[aria-hidden="true"]')).toBeNull();
    fireEvent.click(roomRow('general'));
    fireEvent.click(screen.getByRole('button', { name: 'Notifications' }));
    expect((screen.getByRole('checkbox', { name: 'Mute this room' }) as HTMLInputElement).checked).toBe(true);

    // A reload (a new client for Ana) sees it muted.
    view.unmount();
    const reloaded = await chat.connect('ana');
    await chat.settle();
    renderChat({}, reloaded);
    await settle(chat);
    expect(roomRow('general').hasAttribute('data-muted')).toBe(true);

    // Another device unmutes: the reloaded page follows at once.
    const phone = await chat.connect('ana');
    await settle(chat, () => phone.setRoomSettings('general', { muted: false }));
    expect(roomRow('general').hasAttribute('data-muted')).toBe(false);
    expect(roomRow('general').querySelector('.confab-room-list-item-unread [aria-hidden="true"]')).not.toBeNull();
  });
});
