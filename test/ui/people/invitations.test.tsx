// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ChatProvider, type ChatClient } from '../../../src/react';
import type { TestChat } from '../../../src/testing';
import { Chat } from '../../../src/ui/Chat';
import { MembersPanel } from '../../../src/ui/members/MembersPanel';
import { ChatUIProvider } from '../../../src/ui/config';
import { connectAna, settle } from '../shell-helpers';

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeEach(async () => {
  ({ chat, ana, Wrapper } = await connectAna({
    rooms: [{ id: 'general', name: 'general', kind: 'public', createdBy: 'ana' }],
    directMessages: [],
    server: { invitations: 'accept' },
  }));
});
afterEach(() => {
  cleanup();
  chat.close();
});

/** Bo creates a private room and invites Ana (and Chen). */
function boInvites(name: string): string {
  const outcome = chat.server.actAs('bo', { type: 'room.create', name, kind: 'private', memberIds: ['ana', 'chen'] });
  if (!outcome.ok) throw outcome.error;
  return outcome.value.id;
}

const invitations = () => screen.queryByRole('region', { name: 'Invitations' });

describe('invitations in the room list', () => {
  it('shows “Bo invited you to plans” as it arrives; Accept joins and opens the room', async () => {
    render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
    expect(invitations()).toBeNull();
    const plans = boInvites('plans');
    await settle(chat);
    const list = invitations() as HTMLElement;
    expect(within(list).getByText(/invited you to/).textContent).toBe('Bo Svensson invited you to plans');
    await settle(chat, () => fireEvent.click(within(list).getByRole('button', { name: 'Accept' })));
    expect(invitations()).toBeNull();
    const header = document.querySelector('.confab-chat-room .confab-room-header') as HTMLElement;
    expect(within(header).getByRole('heading').textContent).toBe('plans');
    expect(chat.server.getRoom(plans)?.members.map((member) => member.userId)).toEqual(['bo', 'ana']);
  });

  it('Decline drops it, and nobody joins', async () => {
    render(<Chat defaultRoomId="general" />, { wrapper: Wrapper });
    const plans = boInvites('plans');
    await settle(chat);
    await settle(chat, () => fireEvent.click(within(invitations() as HTMLElement).getByRole('button', { name: 'Decline' })));
    expect(invitations()).toBeNull();
    expect(chat.server.getRoom(plans)?.members.map((member) => member.userId)).toEqual(['bo']);
    expect(chat.server.getRoom(plans)?.invitedUserIds).toEqual(['chen']);
  });

  it('survives a reload: a new session’s snapshot carries the pending invitation', async () => {
    boInvites('plans');
    await settle(chat);
    ana.close();
    const reloaded = await chat.connect('ana');
    await chat.settle();
    render(
      <ChatProvider client={reloaded}>
        <Chat defaultRoomId="general" />
      </ChatProvider>,
    );
    expect(within(invitations() as HTMLElement).getByText(/invited you to/).textContent).toBe('Bo Svensson invited you to plans');
  });

  it('the inviter sees who is invited in the members panel, and may withdraw it', async () => {
    const plans = boInvites('plans');
    const bo = await chat.connect('bo');
    await chat.settle();
    render(
      <ChatProvider client={bo}>
        <ChatUIProvider>
          <MembersPanel roomId={plans} onClose={() => {}} />
        </ChatUIProvider>
      </ChatProvider>,
    );
    const panel = screen.getByRole('dialog', { name: 'Members of plans' });
    const invited = [...panel.querySelectorAll('[data-state="invited"]')].map((row) => [row.querySelector('.confab-members-panel-name')?.textContent, row.querySelector('.confab-members-panel-role')?.textContent]);
    expect(invited).toEqual([
      ['Ana Lima', 'Invited'],
      ['Chen Wei', 'Invited'],
    ]);
    await settle(chat, () => fireEvent.click(within(panel).getByRole('button', { name: 'Withdraw the invitation of Ana Lima' })));
    expect([...panel.querySelectorAll('[data-state="invited"]')].map((row) => row.getAttribute('data-user-id'))).toEqual(['chen']);
    expect(ana.store.getState().invitations).toEqual([]);
  });
});
