// @vitest-environment jsdom
import { Profiler } from 'react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { selectPresence } from '../../../src/core';
import { ChatProvider, useMyRole, type ChatClient } from '../../../src/react';
import { ChatUIProvider } from '../../../src/ui/config';
import { Composer } from '../../../src/ui/composer';
import { RoomViewProvider } from '../../../src/ui/roomView';
import type { TestChat } from '../../../src/testing';
import { MembersPanel } from '../../../src/ui/members/MembersPanel';
import { RoomHeader } from '../../../src/ui/RoomHeader';
import { connectAna, settle } from '../shell-helpers';

// A town hall of 70 (Ana, its admin, and p001…p069 in join order) on a server whose crowds start
// past 20 members: the hall's view lists Ana alone; the client pages the rest 50 at a time.
const people = [{ id: 'ana', name: 'Ana Lima' }, ...Array.from({ length: 69 }, (_, index) => ({ id: `p${String(index + 1).padStart(3, '0')}`, name: `Person ${String(index + 1).padStart(3, '0')}` }))];

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];
beforeEach(async () => {
  ({ chat, ana, Wrapper } = await connectAna({
    users: people,
    rooms: [
      { id: 'hall', name: 'Town hall', kind: 'public', createdBy: 'ana' },
      // Ana shares a small room with p040 and p065, so their presence reaches her (the hall does not tell it).
      { id: 'team', name: 'team', kind: 'private', createdBy: 'ana', memberIds: ['ana', 'p040', 'p065'] },
    ],
    directMessages: [],
    server: { crowdSize: 20, limits: { maxMembersPerRoom: 500, maxMembersPerRequest: 500 } },
  }));
});
afterEach(() => {
  cleanup();
  chat.close();
});

const rows = (panel: HTMLElement) => [...panel.querySelectorAll<HTMLElement>('.confab-members-panel-item')];
const ids = (panel: HTMLElement) => rows(panel).map((row) => row.getAttribute('data-user-id'));

describe('MembersPanel in a crowd', () => {
  it('counts every member in the header, loads the first page when opened, and the rest with Show more, online people first', async () => {
    await settle(chat, () => Promise.all([chat.connect('p030'), chat.connect('p060')]));
    render(<RoomHeader roomId="hall" />, { wrapper: Wrapper });
    const count = screen.getByRole('button', { name: '70 members' });
    fireEvent.click(count);
    const panel = screen.getByRole('dialog', { name: 'Members of Town hall' });
    await settle(chat);
    // Ana and p001…p049: the first page; online Ana and Person 030 first.
    expect(rows(panel)).toHaveLength(50);
    expect(ids(panel).slice(0, 3)).toEqual(['ana', 'p030', 'p001']);
    expect(ids(panel)).not.toContain('p060');
    expect(within(rows(panel)[0]!).getByText('Admin')).toBeTruthy();

    await settle(chat, () => fireEvent.click(within(panel).getByRole('button', { name: 'Show more members' })));
    expect(rows(panel)).toHaveLength(70);
    expect(ids(panel).slice(0, 4)).toEqual(['ana', 'p030', 'p060', 'p001']);
    expect(rows(panel)[2]!.getAttribute('data-state')).toBe('online');
    expect(within(panel).queryByRole('button', { name: 'Show more members' })).toBeNull();
  });

  it('does not re-render when someone not loaded comes online', async () => {
    let renders = 0;
    render(
      <Profiler id="panel" onRender={() => renders++}>
        <MembersPanel roomId="hall" onClose={() => {}} />
      </Profiler>,
      { wrapper: Wrapper },
    );
    await settle(chat);
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(1);
    const before = renders;
    await settle(chat, () => chat.connect('p065'));
    expect(selectPresence(ana.store.getState(), 'p065')?.state).toBe('online');
    expect(renders).toBe(before);
    // Someone loaded coming online does re-render it, and moves up.
    await settle(chat, () => chat.connect('p040'));
    expect(renders).toBeGreaterThan(before);
    expect(screen.getAllByRole('listitem')[1]!.getAttribute('data-user-id')).toBe('p040');
  });

  it('shows a member the crowd does not list their own role’s actions: adding people and leaving', async () => {
    const guest = await chat.connect('p005');
    await chat.settle();
    let role: string | undefined;
    function Role() {
      role = useMyRole('hall');
      return null;
    }
    render(
      <ChatProvider client={guest}>
        <Role />
        <MembersPanel roomId="hall" onClose={() => {}} />
      </ChatProvider>,
    );
    await settle(chat);
    expect(role).toBe('member');
    const panel = screen.getByRole('dialog', { name: 'Members of Town hall' });
    expect(within(panel).getByRole('button', { name: 'Add people' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Leave room' })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Rename room' })).toBeNull();
  });

  it('suggests the members it knows in the composer, and sends a mention of one', async () => {
    await ana.loadMembers('hall');
    render(
      <ChatProvider client={ana}>
        <ChatUIProvider>
          <RoomViewProvider roomId="hall">
            <Composer roomId="hall" />
          </RoomViewProvider>
        </ChatUIProvider>
      </ChatProvider>,
    );
    const textarea = (await screen.findByRole('textbox', { name: 'Message Town hall' })) as HTMLTextAreaElement;
    fireEvent.change(textarea, { target: { value: 'hi @030' } });
    expect(screen.getAllByRole('option').map((option) => option.querySelector('.confab-autocomplete-label')?.textContent)).toEqual(['Person 030']);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(textarea.value).toBe('hi @Person 030 ');
    fireEvent.change(textarea, { target: { value: 'hi @Person 030 welcome' } });
    await settle(chat, () => fireEvent.keyDown(textarea, { key: 'Enter' }));
    const history = chat.server.actAs('p001', { type: 'message.history', roomId: 'hall' });
    expect(history.ok && history.value.messages.at(-1)).toMatchObject({ text: 'hi @Person 030 welcome', mentions: ['p030'] });
  });
});
