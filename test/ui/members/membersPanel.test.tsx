// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ChatClient } from '../../../src/react';
import type { TestChat, TestChatOptions } from '../../../src/testing';
import { MembersPanel } from '../../../src/ui/members/MembersPanel';
import { RoomHeader } from '../../../src/ui/RoomHeader';
import { connectAna, settle } from '../shell-helpers';

// Ana created #general (admin) and is a plain member of #random (Bo's); #design is private, Ana its
// admin with Bo; #plans is private, Bo its admin with Ana.
const rooms: TestChatOptions['rooms'] = [
  { id: 'general', name: 'general', kind: 'public', createdBy: 'ana' },
  { id: 'random', name: 'random', kind: 'public', createdBy: 'bo' },
  { id: 'design', name: 'design', kind: 'private', createdBy: 'ana', memberIds: ['ana', 'bo'] },
  { id: 'plans', name: 'plans', kind: 'private', createdBy: 'bo', memberIds: ['ana', 'bo'] },
];

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

async function setUp(options: TestChatOptions = {}) {
  ({ chat, ana, Wrapper } = await connectAna({ rooms, ...options }));
}
afterEach(() => {
  cleanup();
  chat.close();
});

/** Opens the members panel from a room's header, as a person would. */
function openPanel(roomId: string, name: string): HTMLElement {
  render(<RoomHeader roomId={roomId} />, { wrapper: Wrapper });
  fireEvent.click(screen.getByRole('button', { name: /members?$/ }));
  return screen.getByRole('dialog', { name: `Members of ${name}` });
}

const row = (panel: HTMLElement, userId: string) => panel.querySelector(`[data-user-id="${userId}"]`) as HTMLElement;
const names = (panel: HTMLElement) => [...panel.querySelectorAll('.confab-members-panel-name')].map((element) => element.textContent);
const serverMembers = (roomId: string) => chat.server.getRoom(roomId)?.members.map((member) => `${member.userId}:${member.role}`);

describe('MembersPanel', () => {
  it('lists who is in the room, online people first, with the admins marked', async () => {
    await setUp();
    await settle(chat, () => chat.connect('dara'));
    const panel = openPanel('general', 'general');
    expect(names(panel)).toEqual(['Ana Lima (you)', 'Dara Okafor', 'Bo Svensson', 'Chen Wei', 'Eli Novak']);
    expect(row(panel, 'dara').getAttribute('data-state')).toBe('online');
    expect(row(panel, 'bo').getAttribute('data-state')).toBe('offline');
    expect(within(row(panel, 'ana')).getByText('Admin')).toBeTruthy();
    expect(within(row(panel, 'bo')).queryByText('Admin')).toBeNull();
  });

  it('adds people through the person picker, which offers only those not in the room yet', async () => {
    await setUp();
    const panel = openPanel('design', 'design');
    const addPeople = within(panel).getByRole('button', { name: 'Add people' });
    addPeople.focus(); // a click focuses a button in a browser; jsdom does not
    fireEvent.click(addPeople);
    const dialog = screen.getByRole('dialog', { name: 'Add people to design' });
    const picker = within(dialog).getByRole('listbox', { name: 'People' });
    expect(within(picker).getAllByRole('option').map((option) => option.textContent)).toEqual(['CWChen Wei', 'DODara Okafor', 'ENEli Novak']);
    await settle(chat, () => fireEvent.click(within(picker).getByText('Chen Wei')));
    expect(serverMembers('design')).toContain('chen:member');
    expect(within(dialog).getByRole('status').textContent).toBe('Chen Wei was added.');
    expect(within(picker).queryByText('Chen Wei')).toBeNull();
    expect(names(panel)).toContain('Chen Wei');
    expect(screen.getByRole('button', { name: '3 members' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog', { name: 'Add people to design' })).toBeNull();
    expect(document.activeElement).toBe(addPeople);
  });

  it('removes a member on the second press only', async () => {
    await setUp();
    const panel = openPanel('design', 'design');
    fireEvent.click(within(row(panel, 'bo')).getByRole('button', { name: 'Actions for Bo Svensson' }));
    const remove = within(row(panel, 'bo')).getByRole('button', { name: 'Remove from room' });
    fireEvent.click(remove);
    expect(remove.textContent).toBe('Remove Bo Svensson?');
    expect(serverMembers('design')).toContain('bo:member');
    await settle(chat, () => fireEvent.click(remove));
    expect(serverMembers('design')).toEqual(['ana:admin']);
    expect(row(panel, 'bo')).toBeNull();
  });

  it('gives and takes the admin role', async () => {
    await setUp();
    const panel = openPanel('design', 'design');
    // Alone as admin, Ana cannot step down: the server would refuse, so it is not offered.
    expect(within(row(panel, 'ana')).queryByRole('button', { name: /Actions for/ })).toBeNull();
    fireEvent.click(within(row(panel, 'bo')).getByRole('button', { name: 'Actions for Bo Svensson' }));
    await settle(chat, () => fireEvent.click(within(row(panel, 'bo')).getByRole('button', { name: 'Make admin' })));
    expect(serverMembers('design')).toEqual(['ana:admin', 'bo:admin']);
    expect(within(row(panel, 'bo')).getByText('Admin')).toBeTruthy();
    await settle(chat, () => fireEvent.click(within(row(panel, 'bo')).getByRole('button', { name: 'Remove admin role' })));
    expect(serverMembers('design')).toEqual(['ana:admin', 'bo:member']);
    expect(within(row(panel, 'bo')).queryByText('Admin')).toBeNull();
  });

  it('renames the room in a dialog', async () => {
    await setUp();
    const panel = openPanel('design', 'design');
    fireEvent.click(within(panel).getByRole('button', { name: 'Rename room' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename this room' });
    const field = within(dialog).getByRole('textbox', { name: 'Room name' }) as HTMLInputElement;
    expect(field.value).toBe('design');
    fireEvent.change(field, { target: { value: '  design review  ' } });
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save' })));
    expect(chat.server.getRoom('design')?.name).toBe('design review');
    expect(screen.queryByRole('dialog', { name: 'Rename this room' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'design review' })).toBeTruthy();
  });

  it('leaves the room on the second press', async () => {
    await setUp();
    const panel = openPanel('random', 'random');
    const leave = within(panel).getByRole('button', { name: 'Leave room' });
    fireEvent.click(leave);
    expect(leave.textContent).toBe('Leave this room?');
    await settle(chat, () => fireEvent.click(leave));
    expect(serverMembers('random')).not.toContain('ana:member');
    expect(ana.store.getState().rooms.random).toBeUndefined();
  });

  it('deletes the room on the second press', async () => {
    await setUp();
    const panel = openPanel('design', 'design');
    const remove = within(panel).getByRole('button', { name: 'Delete room' });
    fireEvent.click(remove);
    expect(remove.textContent).toBe('Delete it for everyone?');
    await settle(chat, () => fireEvent.click(remove));
    expect(chat.server.getRoom('design')).toBeUndefined();
  });

  it('shows a member of a public room only adding people and leaving', async () => {
    await setUp();
    const panel = openPanel('random', 'random');
    expect(within(panel).queryAllByRole('button', { name: /Actions for/ })).toEqual([]);
    expect(within(panel).queryByRole('button', { name: 'Rename room' })).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Delete room' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Add people' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Leave room' })).toBeTruthy();
  });

  it('shows a member of a private room only leaving', async () => {
    await setUp();
    const panel = openPanel('plans', 'plans');
    expect(within(panel).queryAllByRole('button', { name: /Actions for/ })).toEqual([]);
    expect(actionButtons(panel).map((button) => button.textContent)).toEqual(['Leave room']);
  });

  it('shows the two people of a direct room and no actions at all', async () => {
    await setUp();
    const dm = chat.directRoomId('ana', 'bo');
    await settle(chat);
    render(<MembersPanel roomId={dm} onClose={() => {}} />, { wrapper: Wrapper });
    const panel = screen.getByRole('dialog', { name: 'Members of Bo Svensson' });
    expect(names(panel)).toEqual(['Ana Lima (you)', 'Bo Svensson']);
    expect(actionButtons(panel)).toEqual([]);
    // Each person's avatar and name open their profile card, and nothing else is there.
    expect(within(panel).getByRole('button', { name: /^Profile of Bo Svensson/ }).tabIndex).toBe(-1);
    expect(within(panel).getByRole('button', { name: 'Bo Svensson' }).getAttribute('aria-haspopup')).toBe('dialog');
  });

  it('shows the server’s sentence when it refuses', async () => {
    await setUp({
      server: { limits: { maxMembersPerRoom: 3 } },
      rooms: [
        { id: 'lobby', name: 'lobby', kind: 'public', createdBy: 'ana', memberIds: ['ana', 'bo', 'chen'] },
        { id: 'design', name: 'design', kind: 'private', createdBy: 'ana', memberIds: ['ana', 'bo', 'dara'] },
      ],
    });
    const panel = openPanel('design', 'design');
    fireEvent.click(within(panel).getByRole('button', { name: 'Add people' }));
    const dialog = screen.getByRole('dialog', { name: 'Add people to design' });
    await settle(chat, () => fireEvent.click(within(dialog).getByText('Chen Wei')));
    expect(within(dialog).getByRole('alert').textContent).toBe('A room may have at most 3 members; this would make 4.');
    expect(serverMembers('design')).toEqual(['ana:admin', 'bo:member', 'dara:member']);
  });

  it('shows the refusal of a role change in the panel, and keeps the panel open', async () => {
    await setUp();
    const panel = openPanel('design', 'design');
    fireEvent.click(within(row(panel, 'bo')).getByRole('button', { name: 'Actions for Bo Svensson' }));
    // Bo leaves on another device before Ana's click reaches the server.
    const bo = await chat.connect('bo');
    const makeAdmin = within(row(panel, 'bo')).getByRole('button', { name: 'Make admin' });
    await settle(chat, async () => {
      const left = bo.leaveRoom('design');
      fireEvent.click(makeAdmin);
      await left;
    });
    expect(within(panel).getByRole('alert').textContent).toBe('"bo" is not a member of this room.');
  });

  it('closes on Escape and gives focus back to the member count', async () => {
    await setUp();
    const panel = openPanel('general', 'general');
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '5 members' }));
  });
});

/** The panel's buttons that act on the room or its people (not the avatars and names that open profile cards). */
function actionButtons(panel: HTMLElement): HTMLElement[] {
  return within(panel)
    .queryAllByRole('button')
    .filter((button) => !button.classList.contains('confab-profile-trigger'));
}
