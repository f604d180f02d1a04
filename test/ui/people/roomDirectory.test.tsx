// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ChatClient } from '../../../src/react';
import type { TestChat } from '../../../src/testing';
import { Chat } from '../../../src/ui/Chat';
import { ChatUIProvider } from '../../../src/ui/config';
import { RoomDirectory } from '../../../src/ui/RoomDirectory';
import { connectAna, settle } from '../shell-helpers';

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeEach(async () => {
  ({ chat, ana, Wrapper } = await connectAna({
    rooms: [
      { id: 'general', name: 'general', kind: 'public', createdBy: 'ana' },
      { id: 'design', name: 'Design', kind: 'public', createdBy: 'bo', memberIds: ['bo', 'chen'] },
      { id: 'music', name: 'music', kind: 'public', createdBy: 'bo', memberIds: ['bo'] },
      { id: 'redesign', name: 'redesign', kind: 'public', createdBy: 'chen', memberIds: ['chen'] },
      { id: 'secret', name: 'secret design', kind: 'private', createdBy: 'bo', memberIds: ['bo'] },
    ],
    directMessages: [],
  }));
});
afterEach(() => {
  cleanup();
  chat.close();
});

const rows = (dialog: HTMLElement) =>
  within(dialog)
    .queryAllByRole('listitem')
    .map((item) => [item.querySelector('.confab-room-directory-item-name')?.textContent, item.querySelector('.confab-room-directory-item-members')?.textContent, within(item).getByRole('button').textContent]);

describe('RoomDirectory', () => {
  it('lists public rooms a page at a time with member counts, Join or Open, and filters by name', async () => {
    const opened: string[] = [];
    render(
      <ChatUIProvider>
        <RoomDirectory pageSize={2} onClose={() => {}} onOpened={(room) => opened.push(room.id)} />
      </ChatUIProvider>,
      { wrapper: Wrapper },
    );
    await settle(chat);
    const dialog = screen.getByRole('dialog', { name: 'Public rooms' });
    expect(rows(dialog)).toEqual([
      ['Design', '2 members', 'Join'],
      ['general', '5 members', 'Open'],
    ]);
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Show more rooms' })));
    expect(rows(dialog).map((row) => row[0])).toEqual(['Design', 'general', 'music', 'redesign']);
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Show more rooms' })));
    expect(within(dialog).queryByRole('button', { name: 'Show more rooms' })).toBeNull();
    // The private room is never listed; the filter matches a part of the name, any case.
    await settle(chat, () => fireEvent.change(within(dialog).getByRole('searchbox', { name: 'Find a room by name' }), { target: { value: 'DESIGN' } }));
    expect(rows(dialog).map((row) => row[0])).toEqual(['Design', 'redesign']);
    await settle(chat, () => fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: 'nothing like it' } }));
    expect(within(dialog).getByRole('status').textContent).toBe('No public rooms found.');
    await settle(chat, () => fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: 'music' } }));
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Join' })));
    expect(opened).toEqual(['music']);
    expect(chat.server.getRoom('music')?.members.map((member) => member.userId)).toEqual(['bo', 'ana']);
  });

  it('in <Chat>: Browse rooms, Join opens the room; leave it from the header, another opens; join it again from the directory', async () => {
    render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
    const browse = screen.getByRole('button', { name: 'Browse rooms' });
    fireEvent.click(browse);
    await settle(chat);
    let dialog = screen.getByRole('dialog', { name: 'Public rooms' });
    const design = within(dialog).getAllByRole('listitem').find((item) => item.textContent?.includes('Design')) as HTMLElement;
    await settle(chat, () => fireEvent.click(within(design).getByRole('button', { name: 'Join' })));
    expect(screen.queryByRole('dialog', { name: 'Public rooms' })).toBeNull();
    const header = () => document.querySelector('.confab-chat-room .confab-room-header') as HTMLElement;
    expect(within(header()).getByRole('heading').textContent).toBe('Design');
    expect(screen.getByRole('option', { selected: true }).getAttribute('data-room-id')).toBe('design');
    // The room just joined is there to be written in.
    expect(document.activeElement?.tagName).toBe('TEXTAREA');

    const leave = within(header()).getByRole('button', { name: 'Leave room' });
    fireEvent.click(leave);
    await settle(chat, () => fireEvent.click(leave));
    expect(within(header()).getByRole('heading').textContent).toBe('general');
    expect(Object.keys(ana.store.getState().rooms)).not.toContain('design');

    fireEvent.click(screen.getByRole('button', { name: 'Browse rooms' }));
    await settle(chat);
    dialog = screen.getByRole('dialog', { name: 'Public rooms' });
    const again = within(dialog).getAllByRole('listitem').find((item) => item.textContent?.includes('Design')) as HTMLElement;
    expect(within(again).getByRole('button').textContent).toBe('Join');
    await settle(chat, () => fireEvent.click(within(again).getByRole('button', { name: 'Join' })));
    expect(within(header()).getByRole('heading').textContent).toBe('Design');
  });

  it('shows the server’s sentence when joining fails', async () => {
    chat.close();
    ({ chat, ana, Wrapper } = await connectAna({
      rooms: [
        { id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['ana'] },
        { id: 'full', name: 'full', kind: 'public', createdBy: 'bo', memberIds: ['bo', 'chen'] },
      ],
      server: { limits: { maxMembersPerRoom: 2 } },
      directMessages: [],
      users: [
        { id: 'ana', name: 'Ana Lima' },
        { id: 'bo', name: 'Bo Svensson' },
        { id: 'chen', name: 'Chen Wei' },
      ],
    }));
    render(
      <ChatUIProvider>
        <RoomDirectory onClose={() => {}} onOpened={() => {}} />
      </ChatUIProvider>,
      { wrapper: Wrapper },
    );
    await settle(chat);
    const dialog = screen.getByRole('dialog', { name: 'Public rooms' });
    const full = within(dialog).getAllByRole('listitem').find((item) => item.textContent?.includes('full')) as HTMLElement;
    await settle(chat, () => fireEvent.click(within(full).getByRole('button', { name: 'Join' })));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/at most 2 members/);
  });
});
