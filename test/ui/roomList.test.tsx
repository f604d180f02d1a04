// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { memo, useState } from 'react';
import type { ChatClient } from '../../src/react';
import { fixtures, type TestChat } from '../../src/testing';
import { ChatUIProvider } from '../../src/ui/config';
import { RoomList, RoomListItem, holdOrder, type RoomListItemProps, type RoomSelectReason } from '../../src/ui/RoomList';
import { connectAna, settle } from './shell-helpers';

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeEach(async () => {
  ({ chat, ana, Wrapper } = await connectAna({
    rooms: [
      { id: 'general', name: 'general', kind: 'public', createdBy: 'ana' },
      { id: 'random', name: 'random', kind: 'public', createdBy: 'bo' },
      { id: 'cafe', name: 'Café Crème', kind: 'private', createdBy: 'ana', memberIds: ['ana', 'chen'] },
    ],
  }));
});
afterEach(() => {
  cleanup();
  chat.close();
});

function Selectable({ onSelect }: { onSelect?: (roomId: string, reason: RoomSelectReason) => void }) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <RoomList
      selectedRoomId={selected}
      onSelectRoom={(roomId, reason) => {
        setSelected(roomId);
        onSelect?.(roomId, reason);
      }}
    />
  );
}

const options = () => screen.getAllByRole('option', { hidden: false });
const names = () => options().map((option) => option.querySelector('.confab-room-list-item-name')?.textContent);

describe('holdOrder', () => {
  const room = (id: string) => ({ id });
  const [general, random, design, plans] = ['general', 'random', 'design', 'plans'].map(room) as [{ id: string }, { id: string }, { id: string }, { id: string }];

  it('keeps the rooms as given when nothing is held', () => {
    const rooms = [random, general];
    expect(holdOrder(null, rooms)).toBe(rooms);
  });

  it('keeps the held places, puts rooms that arrived at the end and drops rooms that left', () => {
    expect(holdOrder(['general', 'random', 'plans'], [design, random, general])).toEqual([general, random, design]);
  });

  it('answers the same array when the held order is the order already', () => {
    const rooms = [general, random, plans];
    expect(holdOrder(['general', 'random', 'plans'], rooms)).toBe(rooms);
  });
});

describe('RoomList', () => {
  it('lists rooms by activity, direct rooms under the other person’s name', async () => {
    await settle(chat, () => chat.say('bo', 'random', 'newest'));
    render(<RoomList />, { wrapper: Wrapper });
    expect(screen.getByRole('listbox', { name: 'Rooms' })).toBeTruthy();
    expect(names()[0]).toBe('random');
    expect(names()).toContain('Bo Svensson');
    expect(names()).toHaveLength(4);
  });

  it('moves with the arrow keys, Home and End, and selects with Enter', async () => {
    const onSelect = vi.fn();
    render(<Selectable onSelect={onSelect} />, { wrapper: Wrapper });
    const listbox = screen.getByRole('listbox');
    listbox.focus();
    const active = () => document.getElementById(listbox.getAttribute('aria-activedescendant') ?? '');
    expect(active()).toBe(options()[0]);
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    expect(active()).toBe(options()[1]);
    expect(active()?.hasAttribute('data-active')).toBe(true);
    fireEvent.keyDown(listbox, { key: 'End' });
    expect(active()).toBe(options()[3]);
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    expect(active()).toBe(options()[3]);
    fireEvent.keyDown(listbox, { key: 'Home' });
    fireEvent.keyDown(listbox, { key: 'ArrowUp' });
    expect(active()).toBe(options()[0]);
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    fireEvent.keyDown(listbox, { key: 'Enter' });
    const picked = options()[1] as HTMLElement;
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(picked.getAttribute('aria-selected')).toBe('true');
    expect(picked.hasAttribute('data-selected')).toBe(true);
    expect(options().filter((option) => option.getAttribute('aria-selected') === 'true')).toHaveLength(1);
  });

  it('selects on click', () => {
    const onSelect = vi.fn();
    render(<Selectable onSelect={onSelect} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByText('random'));
    expect(onSelect).toHaveBeenCalledWith('random', 'list');
  });

  it('filters by name ignoring case and accents, and says when nothing matches', () => {
    render(<RoomList />, { wrapper: Wrapper });
    const filter = screen.getByRole('searchbox', { name: 'Filter rooms' });
    fireEvent.change(filter, { target: { value: 'CAFE creme' } });
    expect(names()).toEqual(['Café Crème']);
    fireEvent.change(filter, { target: { value: 'svens' } });
    expect(names()).toEqual(['Bo Svensson']);
    fireEvent.change(filter, { target: { value: 'zzz' } });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('No rooms match “zzz”.');
    expect(screen.getByRole('status').querySelector('bdi')?.textContent).toBe('zzz');
    fireEvent.keyDown(filter, { key: 'Escape' });
    expect(names()).toHaveLength(4);
  });

  it('previews the last message as plain text, without formatting marks', async () => {
    render(<RoomList />, { wrapper: Wrapper });
    await settle(chat, () => chat.say('bo', 'general', '**Ship** it _today_\n`npm test`'));
    const general = screen.getByText('general').closest('[role="option"]') as HTMLElement;
    expect(general.querySelector('.confab-room-list-item-preview')?.textContent).toBe('Bo Svensson: Ship it today npm test');
  });

  it('previews a message of files only by its first file’s name and a drawn paperclip, no emoji', async () => {
    render(<RoomList />, { wrapper: Wrapper });
    await settle(chat, () => chat.say('bo', 'general', '', { attachments: [{ id: 'att_1', name: 'plan.pdf', type: 'application/pdf', size: 1200, url: 'https://example.com/plan.pdf' }] }));
    const preview = (screen.getByText('general').closest('[role="option"]') as HTMLElement).querySelector('.confab-room-list-item-preview') as HTMLElement;
    expect(preview.textContent).toBe('Bo Svensson: plan.pdf');
    expect(preview.querySelector('svg.confab-room-list-item-preview-icon')).toBeTruthy();
  });

  it('updates the unread badge and preview when someone else writes', async () => {
    render(<RoomList />, { wrapper: Wrapper });
    const general = () => screen.getByText('general').closest('[role="option"]') as HTMLElement;
    expect(general().querySelector('.confab-room-list-item-unread')).toBeNull();
    await settle(chat, () => {
      chat.say('bo', 'general', 'one');
      chat.say('chen', 'general', 'two');
    });
    const badge = general().querySelector('.confab-room-list-item-unread') as HTMLElement;
    expect(badge.textContent).toContain('2');
    expect(within(badge).getByText('2 unread messages')).toBeTruthy();
    expect(general().hasAttribute('data-unread')).toBe(true);
    expect(general().querySelector('.confab-room-list-item-preview')?.textContent).toBe('Chen Wei: two');
    // Newest activity first.
    expect(names()[0]).toBe('general');
    await settle(chat, () => ana.markRead('general'));
    expect(general().querySelector('.confab-room-list-item-unread')).toBeNull();
  });

  it('holds its order while the pointer is over it, and catches up when the pointer leaves', async () => {
    render(<RoomList />, { wrapper: Wrapper });
    await settle(chat, () => chat.say('bo', 'random', 'first'));
    const before = names();
    expect(before[0]).toBe('random');
    const list = screen.getByRole('listbox', { name: 'Rooms' });
    fireEvent.pointerEnter(list);
    await settle(chat, () => chat.say('bo', 'general', 'a message lands while the reader aims'));
    expect(names()).toEqual(before);
    expect(list.hasAttribute('data-order-held')).toBe(true);
    fireEvent.pointerLeave(list);
    expect(names()[0]).toBe('general');
  });

  it('flips the presence dot of a direct room when the other person connects', async () => {
    render(<RoomList />, { wrapper: Wrapper });
    const dm = () => screen.getByText('Bo Svensson').closest('[role="option"]') as HTMLElement;
    expect(dm().getAttribute('data-kind')).toBe('direct');
    const dot = () => dm().querySelector('.confab-presence') as HTMLElement;
    expect(dot().getAttribute('data-state')).toBe('offline');
    let bo!: ChatClient;
    await settle(chat, async () => {
      bo = await chat.connect('bo');
    });
    expect(dot().getAttribute('data-state')).toBe('online');
    expect(dot().getAttribute('aria-label')).toBe('Online');
    await settle(chat, () => bo.close());
    expect(dot().getAttribute('data-state')).toBe('offline');
  });

  it('creates a room in the dialog and selects it; Escape closes and focus returns', async () => {
    const onSelect = vi.fn();
    render(<Selectable onSelect={onSelect} />, { wrapper: Wrapper });
    const opener = screen.getByRole('button', { name: 'New room' });
    opener.focus();
    fireEvent.click(opener);
    let dialog = screen.getByRole('dialog', { name: 'Create a room' });
    const name = within(dialog).getByLabelText('Room name');
    expect(document.activeElement).toBe(name);
    fireEvent.keyDown(name, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);

    fireEvent.click(opener);
    dialog = screen.getByRole('dialog', { name: 'Create a room' });
    fireEvent.change(within(dialog).getByLabelText('Room name'), { target: { value: '  design  ' } });
    fireEvent.click(within(dialog).getByLabelText('Private: members only'));
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Create' })));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const created = Object.values(ana.store.getState().rooms).find((room) => room.name === 'design');
    expect(created?.kind).toBe('private');
    expect(onSelect).toHaveBeenCalledWith(created?.id, 'created');
    const option = screen.getByText('design').closest('[role="option"]') as HTMLElement;
    expect(option.getAttribute('aria-selected')).toBe('true');
  });

  it('shows the server’s refusal in the create dialog', async () => {
    render(<RoomList />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'New room' }));
    const dialog = screen.getByRole('dialog');
    const input = within(dialog).getByLabelText('Room name') as HTMLInputElement;
    // Past the maxLength attribute (a paste can get around it in some browsers).
    fireEvent.change(input, { target: { value: 'x'.repeat(80) } });
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Create' })));
    expect((await within(dialog).findByRole('alert')).textContent).not.toBe('');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('opens a direct room from the people dialog, filtered by the search box', async () => {
    const onSelect = vi.fn();
    render(<Selectable onSelect={onSelect} />, { wrapper: Wrapper });
    const opener = screen.getByRole('button', { name: 'New message' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Message someone' });
    const search = within(dialog).getByRole('combobox', { name: 'Search people' });
    expect(document.activeElement).toBe(search);
    const people = () => within(dialog).getAllByRole('option').map((option) => option.querySelector('.confab-people-list-name')?.textContent);
    expect(people()).not.toContain('Ana Lima');
    expect(people()).toContain('Dara Okafor');
    fireEvent.change(search, { target: { value: 'OKA' } });
    expect(people()).toEqual(['Dara Okafor']);
    await settle(chat, () => fireEvent.keyDown(search, { key: 'Enter' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const direct = Object.values(ana.store.getState().rooms).find((room) => room.kind === 'direct' && room.members.some((member) => member.userId === 'dara'));
    expect(direct).toBeTruthy();
    expect(onSelect).toHaveBeenCalledWith(direct?.id, 'direct');
    expect(screen.getByText('Dara Okafor').closest('[role="option"]')?.getAttribute('aria-selected')).toBe('true');
  });

  it('closes the people dialog with Escape and gives focus back', () => {
    render(<RoomList />, { wrapper: Wrapper });
    const opener = screen.getByRole('button', { name: 'New message' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('re-renders only the row of the room a message arrived in', async () => {
    const renders: Record<string, number> = {};
    const Counting = memo(function Counting(props: RoomListItemProps) {
      renders[props.room.id] = (renders[props.room.id] ?? 0) + 1;
      return <RoomListItem {...props} />;
    });
    render(
      <ChatUIProvider components={{ RoomListItem: Counting }}>
        <Selectable />
      </ChatUIProvider>,
      { wrapper: Wrapper },
    );
    const before = { ...renders };
    await settle(chat, () => chat.say('bo', 'random', 'only random moves'));
    expect(renders['random']).toBeGreaterThan(before['random'] ?? 0);
    expect(renders['general']).toBe(before['general']);
    expect(renders['cafe']).toBe(before['cafe']);
  });

  it('renders hostile room and user names as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const mallory = { id: 'mallory', name: '<script>window.__pwned=1</script>\u202Eevil' };
    cleanup();
    chat.close();
    ({ chat, ana, Wrapper } = await connectAna({ users: [...fixtures.people, mallory], directMessages: [['ana', 'mallory']] }));
    await settle(chat, () => ana.createRoom({ name: hostile, kind: 'public' }));
    const { container } = render(<RoomList />, { wrapper: Wrapper });
    expect(names()).toContain(hostile);
    expect(names()).toContain(mallory.name);
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'New message' }));
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getAllByText(mallory.name).length).toBeGreaterThan(1);
  });
});
