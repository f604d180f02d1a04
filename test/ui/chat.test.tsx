// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { ChatProvider, createChatClient, type ChatClient, type ConnectionStatus, type Transport, type TransportListener } from '../../src/react';
import type { TestChat } from '../../src/testing';
import { Chat } from '../../src/ui/Chat';
import { ConnectionBanner } from '../../src/ui/ConnectionBanner';
import { ChatUIProvider } from '../../src/ui/config';
import { RoomHeader, type RoomHeaderProps } from '../../src/ui/RoomHeader';
import { ThreadPanel } from '../../src/ui/ThreadPanel';
import type { AvatarProps } from '../../src/ui/Avatar';
import { useRoomView } from '../../src/ui/roomView';
import { VirtuosoMockContext } from 'react-virtuoso';
import { settle as settleList, stubScrolling } from './messageHelpers';
import { connectAna, mockResizeObserver, settle } from './shell-helpers';

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeEach(async () => {
  ({ chat, ana, Wrapper } = await connectAna());
});
afterEach(() => {
  cleanup();
  chat.close();
});

const root = () => document.querySelector('.confab-chat') as HTMLElement;
const pane = (name: 'sidebar' | 'room' | 'thread') => root().querySelector(`.confab-chat-${name}`) as HTMLElement | null;
const isShown = (element: HTMLElement | null) => element !== null && !element.hidden;

/** A header with a button that opens a thread, as a message's "Reply in thread" does. */
function headerOpening(parentId: () => string) {
  return function HeaderWithThreadButton(props: RoomHeaderProps): ReactNode {
    const view = useRoomView();
    return (
      <>
        <RoomHeader {...props} />
        <button type="button" onClick={() => view?.openThread(parentId())}>
          open thread
        </button>
      </>
    );
  };
}

describe('Chat', () => {
  it('renders a themed root and the room view of the room picked in the list', async () => {
    const onRoomChange = vi.fn();
    render(<Chat theme="dark" dir="rtl" onRoomChange={onRoomChange} />, { wrapper: Wrapper });
    expect(root().classList.contains('confab-root')).toBe(true);
    expect(root().getAttribute('data-theme')).toBe('dark');
    expect(root().getAttribute('dir')).toBe('rtl');
    expect(root().getAttribute('data-layout')).toBe('wide');
    expect(screen.getByText('Pick a room to start chatting.')).toBeTruthy();
    const list = screen.getByRole('listbox', { name: 'Rooms' });
    fireEvent.click(within(list).getByText('random'));
    expect(onRoomChange).toHaveBeenCalledWith('random');
    const room = pane('room') as HTMLElement;
    expect(within(room).getByRole('heading', { name: 'random' })).toBeTruthy();
    expect(within(room).getByRole('textbox')).toBeTruthy();
    expect(within(list).getByText('random').closest('[role="option"]')?.getAttribute('aria-selected')).toBe('true');
  });

  it('follows a controlled roomId and leaves system theme to the stylesheet', () => {
    function Controlled() {
      const [roomId, setRoomId] = useState<string | null>('general');
      return (
        <>
          <button onClick={() => setRoomId('random')}>go random</button>
          <Chat roomId={roomId} onRoomChange={setRoomId} />
        </>
      );
    }
    render(<Controlled />, { wrapper: Wrapper });
    expect(root().hasAttribute('data-theme')).toBe(false);
    expect(within(pane('room') as HTMLElement).getByRole('heading', { name: 'general' })).toBeTruthy();
    fireEvent.click(screen.getByText('go random'));
    expect(within(pane('room') as HTMLElement).getByRole('heading', { name: 'random' })).toBeTruthy();
  });

  it('names a direct room after the other person and shows their presence', async () => {
    const dm = chat.directRoomId('ana', 'bo');
    await settle(chat);
    render(<Chat defaultRoomId={dm} now={() => Date.now()} />, { wrapper: Wrapper });
    const header = root().querySelector('.confab-room-header') as HTMLElement;
    expect(within(header).getByRole('heading', { name: 'Bo Svensson' })).toBeTruthy();
    expect(header.querySelector('.confab-room-header-status')?.textContent).toBe('Offline');
    let bo!: ChatClient;
    await settle(chat, async () => {
      bo = await chat.connect('bo');
    });
    expect(header.querySelector('.confab-room-header-status')?.textContent).toBe('Online');
    await settle(chat, () => bo.close());
    expect(header.querySelector('.confab-room-header-status')?.textContent).toMatch(/^Last seen (now|\d+ seconds? ago)$/);
  });

  it('lists members with presence in a popover that Escape closes', async () => {
    render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
    const count = screen.getByRole('button', { name: '5 members' });
    fireEvent.click(count);
    const popover = screen.getByRole('dialog', { name: 'Members of general' });
    expect(count.getAttribute('aria-expanded')).toBe('true');
    const items = within(popover).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items.map((item) => item.textContent)).toContain('Profile of Ana LimaALAna Lima (you)Admin');
    expect(items.find((item) => item.textContent?.includes('Ana Lima'))?.getAttribute('data-state')).toBe('online');
    fireEvent.keyDown(popover, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(count);
  });

  it('puts focus in the new room’s composer after creating a room, not back on the button', async () => {
    render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
    const opener = screen.getByRole('button', { name: 'New room' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Create a room' });
    fireEvent.change(within(dialog).getByLabelText('Room name'), { target: { value: 'design' } });
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Create' })));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const room = pane('room') as HTMLElement;
    expect(within(room).getByRole('heading', { name: 'design' })).toBeTruthy();
    expect(document.activeElement).toBe(within(room).getByRole('textbox'));
    expect(document.activeElement).not.toBe(opener);
  });

  it('puts focus in the composer of the direct room it opens', async () => {
    render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
    const opener = screen.getByRole('button', { name: 'New message' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Message someone' });
    await settle(chat, () => fireEvent.click(within(dialog).getByText('Chen Wei')));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const room = pane('room') as HTMLElement;
    expect(within(room).getByRole('heading', { name: 'Chen Wei' })).toBeTruthy();
    expect(document.activeElement).toBe(within(room).getByRole('textbox'));
  });

  it('opens another room and gives focus to the room list when the open room is left from its members panel', async () => {
    const changes: (string | null)[] = [];
    render(<Chat defaultRoomId="random" onRoomChange={(roomId) => changes.push(roomId)} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: '5 members' }));
    const leave = within(screen.getByRole('dialog', { name: 'Members of random' })).getByRole('button', { name: 'Leave room' });
    leave.focus();
    fireEvent.click(leave);
    await settle(chat, () => fireEvent.click(leave));
    expect(within(screen.getByRole('listbox', { name: 'Rooms' })).queryByText('random')).toBeNull();
    // The most recently active room the reader is still in takes its place.
    expect(changes).toHaveLength(1);
    expect(pane('room')?.classList.contains('confab-chat-placeholder')).toBe(false);
    expect(screen.getByRole('option', { selected: true }).getAttribute('data-room-id')).toBe(changes[0]);
    expect(document.activeElement).toBe(screen.getByRole('listbox', { name: 'Rooms' }));
  });

  it('leaves from the room header with a confirm, then shows another room', async () => {
    render(<Chat defaultRoomId="random" />, { wrapper: Wrapper });
    const header = () => pane('room')?.querySelector('.confab-room-header') as HTMLElement;
    const leave = within(header()).getByRole('button', { name: 'Leave room' });
    fireEvent.click(leave);
    // Armed: it asks, and nothing has happened yet.
    expect(within(header()).getByRole('button', { name: 'Leave this room?' })).toBe(leave);
    expect(chat.server.getRoom('random')?.members.some((member) => member.userId === 'ana')).toBe(true);
    await settle(chat, () => fireEvent.click(leave));
    expect(chat.server.getRoom('random')?.members.some((member) => member.userId === 'ana')).toBe(false);
    expect(within(header()).getByRole('heading').textContent).not.toBe('random');
  });

  it('leaves focus in the list when a room is picked there with the keyboard', async () => {
    render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
    const list = screen.getByRole('listbox', { name: 'Rooms' });
    list.focus();
    fireEvent.keyDown(list, { key: 'End' });
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(document.activeElement).toBe(list);
  });

  it('opens the thread panel beside the room and closes it with Escape, giving focus back to the opener', async () => {
    const parent = chat.say('bo', 'general', 'Lunch plans?');
    chat.say('chen', 'general', 'Pizza', { parentId: parent.id });
    await settle(chat);
    render(<Chat defaultRoomId="general" components={{ RoomHeader: headerOpening(() => parent.id) }} />, { wrapper: Wrapper });
    const opener = screen.getByRole('button', { name: 'open thread' });
    opener.focus();
    fireEvent.click(opener);
    const thread = pane('thread') as HTMLElement;
    expect(isShown(thread)).toBe(true);
    expect(root().hasAttribute('data-thread-open')).toBe(true);
    expect(isShown(pane('room'))).toBe(true);
    const panel = within(thread).getByRole('complementary', { name: 'Thread' });
    expect(within(panel).getByText('Lunch plans?')).toBeTruthy();
    expect(await within(panel).findByText('Pizza')).toBeTruthy();
    // Focus moved into the panel (its composer).
    expect(panel.contains(document.activeElement)).toBe(true);
    // A reply from someone else arrives in the panel.
    await settle(chat, () => chat.say('dara', 'general', 'Sushi', { parentId: parent.id }));
    expect(within(panel).getByText('Sushi')).toBeTruthy();
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(pane('thread')).toBeNull();
    expect(document.activeElement).toBe(opener);
    // The close button closes it too.
    fireEvent.click(opener);
    fireEvent.click(screen.getByRole('button', { name: 'Close thread' }));
    expect(pane('thread')).toBeNull();
  });

  it('replies in the thread through its composer', async () => {
    const parent = chat.say('bo', 'general', 'Question');
    await settle(chat);
    render(<Chat defaultRoomId="general" components={{ RoomHeader: headerOpening(() => parent.id) }} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'open thread' }));
    const panel = screen.getByRole('complementary', { name: 'Thread' });
    const field = within(panel).getByRole('textbox');
    fireEvent.change(field, { target: { value: 'An answer' } });
    await settle(chat, () => fireEvent.keyDown(field, { key: 'Enter' }));
    await waitFor(() => expect(within(panel).getByText('An answer')).toBeTruthy());
    const replies = Object.values(ana.store.getState().threads)[0];
    expect(replies?.parentId).toBe(parent.id);
  });

  describe('narrow layout', () => {
    let observer: ReturnType<typeof mockResizeObserver>;
    beforeEach(() => {
      observer = mockResizeObserver(480);
    });
    afterEach(() => observer.restore());

    it('shows one pane at a time: list → room → thread, with a back button', async () => {
      const parent = chat.say('bo', 'general', 'Thread me');
      await settle(chat);
      render(<Chat components={{ RoomHeader: headerOpening(() => parent.id) }} />, { wrapper: Wrapper });
      expect(root().getAttribute('data-layout')).toBe('narrow');
      expect(root().getAttribute('data-pane')).toBe('list');
      expect(isShown(pane('sidebar'))).toBe(true);
      expect(isShown(pane('room'))).toBe(false);

      fireEvent.click(screen.getByText('general'));
      expect(root().getAttribute('data-pane')).toBe('room');
      expect(isShown(pane('sidebar'))).toBe(false);
      expect(isShown(pane('room'))).toBe(true);

      fireEvent.click(screen.getByRole('button', { name: 'open thread' }));
      expect(root().getAttribute('data-pane')).toBe('thread');
      expect(isShown(pane('room'))).toBe(false);
      expect(isShown(pane('thread'))).toBe(true);
      fireEvent.click(screen.getByRole('button', { name: 'Close thread' }));
      expect(root().getAttribute('data-pane')).toBe('room');

      fireEvent.click(within(pane('room') as HTMLElement).getByRole('button', { name: 'Back' }));
      expect(root().getAttribute('data-pane')).toBe('list');
      expect(isShown(pane('sidebar'))).toBe(true);
      expect(isShown(pane('room'))).toBe(false);
      expect(document.activeElement?.getAttribute('role')).toBe('listbox');
    });

    it('at a middling width, an open thread takes the view rather than squeezing the room', async () => {
      observer.resize(800);
      const parent = chat.say('bo', 'general', 'Thread me');
      await settle(chat);
      render(<Chat defaultRoomId="general" components={{ RoomHeader: headerOpening(() => parent.id) }} />, { wrapper: Wrapper });
      expect(root().getAttribute('data-layout')).toBe('wide');
      fireEvent.click(screen.getByRole('button', { name: 'open thread' }));
      expect(root().getAttribute('data-layout')).toBe('narrow');
      expect(root().getAttribute('data-pane')).toBe('thread');
      expect(isShown(pane('room'))).toBe(false);
      fireEvent.click(screen.getByRole('button', { name: 'Close thread' }));
      expect(root().getAttribute('data-layout')).toBe('wide');
      expect(isShown(pane('room'))).toBe(true);
      observer.resize(1200);
      fireEvent.click(screen.getByRole('button', { name: 'open thread' }));
      expect(root().getAttribute('data-layout')).toBe('wide');
      expect(isShown(pane('room'))).toBe(true);
      expect(isShown(pane('thread'))).toBe(true);
    });

    it('switches layout when its container (not the window) is resized', () => {
      render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
      expect(root().getAttribute('data-layout')).toBe('narrow');
      expect(screen.queryByRole('button', { name: 'Back' })).toBeTruthy();
      observer.resize(1024);
      expect(root().getAttribute('data-layout')).toBe('wide');
      expect(isShown(pane('sidebar'))).toBe(true);
      expect(isShown(pane('room'))).toBe(true);
      expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
    });
  });

  it('replaces a part everywhere through the components map', async () => {
    const dm = chat.directRoomId('ana', 'bo');
    await settle(chat);
    function CustomAvatar({ userId }: AvatarProps) {
      return <span data-testid="custom-avatar" data-user={userId} />;
    }
    render(<Chat defaultRoomId={dm} components={{ Avatar: CustomAvatar }} />, { wrapper: Wrapper });
    const avatars = () => screen.getAllByTestId('custom-avatar').map((element) => element.getAttribute('data-user'));
    // The room list's direct room and the header of the open direct room.
    expect(avatars().filter((id) => id === 'bo').length).toBeGreaterThanOrEqual(2);
    expect(document.querySelector('.confab-avatar')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'New message' }));
    expect(avatars()).toContain('dara');
    expect(document.querySelector('.confab-avatar')).toBeNull();
  });

  it('renders a hostile room name as text in the header and the list', async () => {
    const hostile = '<img src=x onerror=alert(1)>\u202E';
    const room = await ana.createRoom({ name: hostile, kind: 'public' });
    await settle(chat);
    const { container } = render(<Chat defaultRoomId={room.id} />, { wrapper: Wrapper });
    expect(screen.getByRole('heading', { name: hostile.trim() }).textContent).toBe(hostile);
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('ThreadPanel on its own', () => {
  it('calls onClose on Escape', async () => {
    const parent = chat.say('bo', 'general', 'Parent');
    await settle(chat);
    const onClose = vi.fn();
    render(<ThreadPanel roomId="general" parentId={parent.id} onClose={onClose} />, { wrapper: Wrapper });
    await settle(chat);
    fireEvent.keyDown(screen.getByRole('complementary'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('ConnectionBanner', () => {
  /** A client whose transport's status the test sets, as a real socket would report it. */
  async function clientWithStatusControl() {
    const inner = chat.transport('ana');
    let listener: TransportListener | null = null;
    const transport: Transport = {
      open(next) {
        listener = next;
        inner.open(next);
      },
      request: (command) => inner.request(command),
      close: () => inner.close(),
    };
    const client = createChatClient({ transport });
    await client.connect();
    const StatusWrapper = ({ children }: { children?: ReactNode }) => <ChatProvider client={client}>{children}</ChatProvider>;
    return { client, StatusWrapper, report: (status: ConnectionStatus) => act(() => listener?.onStatus(status)) };
  }

  it('is an empty status region while online and says when the connection drops', async () => {
    const { client, StatusWrapper, report } = await clientWithStatusControl();
    render(<ConnectionBanner />, { wrapper: StatusWrapper });
    const banner = screen.getByRole('status');
    expect(banner.textContent).toBe('');
    expect(banner.getAttribute('data-state')).toBe('online');
    report({ state: 'offline' });
    expect(banner.textContent).toBe('Offline: messages will send when you reconnect.');
    expect(banner.hasAttribute('data-visible')).toBe(true);
    client.close();
  });

  it('counts down to the next reconnect attempt', async () => {
    const { client, StatusWrapper, report } = await clientWithStatusControl();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      render(
        <ChatUIProvider now={() => Date.now()}>
          <ConnectionBanner />
        </ChatUIProvider>,
        { wrapper: StatusWrapper },
      );
      report({ state: 'reconnecting', retryAt: Date.now() + 3000, attempt: 2 });
      const banner = screen.getByRole('status');
      expect(banner.textContent).toBe('Reconnecting in 3 s…');
      act(() => vi.advanceTimersByTime(1000));
      expect(banner.textContent).toBe('Reconnecting in 2 s…');
      act(() => vi.advanceTimersByTime(2000));
      expect(banner.textContent).toBe('Reconnecting…');
    } finally {
      vi.useRealTimers();
      client.close();
    }
  });
});

describe('outside a provider', () => {
  it('says which provider is missing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Chat />)).toThrow(/must be used inside <ChatProvider>/);
  });
});

describe('Chat with the real message list', () => {
  beforeAll(() => stubScrolling());

  it('opens a thread from a message’s reply count and Escape gives focus back to it', async () => {
    const parent = chat.say('bo', 'general', 'Who is in for lunch?');
    chat.say('chen', 'general', 'Me', { parentId: parent.id });
    await settle(chat);
    render(
      <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>
        <Chat defaultRoomId="general" />
      </VirtuosoMockContext.Provider>,
      { wrapper: Wrapper },
    );
    await settleList(chat);
    const room = pane('room') as HTMLElement;
    expect(within(room).getByText('Who is in for lunch?')).toBeTruthy();
    const replies = within(room).getByRole('button', { name: '1 reply' });
    replies.focus();
    fireEvent.click(replies);
    await settleList(chat);
    const panel = screen.getByRole('complementary', { name: 'Thread' });
    expect(within(panel).getByText('Me')).toBeTruthy();
    expect(replies.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: 'Thread' })).toBeNull();
    expect(document.activeElement).toBe(replies);
  });
});
