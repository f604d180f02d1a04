// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ChatProvider, type ChatClient } from '../../../src/react';
import { createTestChat, type TestChat, type TestChatOptions } from '../../../src/testing';
import { Composer } from '../../../src/ui/composer';
import { Message } from '../../../src/ui/Message';
import { MessageActions } from '../../../src/ui/MessageActions';
import { ReportDialog } from '../../../src/ui/moderation/ReportDialog';
import { RoomHeader } from '../../../src/ui/RoomHeader';
import { SystemNotice } from '../../../src/ui/SystemNotice';

let chat: TestChat;

async function connect(userId: string, options: TestChatOptions = {}): Promise<{ client: ChatClient; Wrapper: (props: { children?: React.ReactNode }) => React.ReactNode }> {
  chat ??= createTestChat(options);
  const client = await chat.connect(userId);
  await chat.settle();
  return { client, Wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider> };
}

async function settle(work?: () => unknown): Promise<void> {
  await act(async () => {
    await work?.();
    await chat.settle();
  });
}

afterEach(() => {
  cleanup();
  chat?.close();
  chat = undefined as unknown as TestChat;
});

describe('a muted member', () => {
  it('sees why they cannot write, with the end time, and gets the composer back when the mute is lifted', async () => {
    const { Wrapper } = await connect('bo');
    render(<Composer roomId="general" />, { wrapper: Wrapper });
    expect(screen.getByRole('textbox')).toBeTruthy();
    const until = Date.now() + 10 * 60_000;
    await settle(() => chat.server.actAs('ana', { type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: 10 * 60_000 }));
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(until);
    expect(screen.getByRole('status').textContent).toBe(`You are muted in this room until ${time}`);
    expect(screen.queryByRole('textbox')).toBeNull();
    // Nor may Bo react: the message actions leave the reactions out while the mute lasts.
    const said = chat.say('chen', 'general', 'anyone?');
    await settle();
    const actions = render(<MessageActions roomId="general" message={said} />, { wrapper: Wrapper });
    expect(actions.queryByRole('button', { name: 'Add reaction' })).toBeNull();
    expect(actions.getByRole('button', { name: 'Report' })).toBeTruthy();
    actions.unmount();
    await settle(() => chat.server.actAs('ana', { type: 'member.unmute', roomId: 'general', userId: 'bo' }));
    expect(screen.getByRole('textbox')).toBeTruthy();
  });

  it('is told in the room, in the reader’s words', async () => {
    const { Wrapper } = await connect('chen');
    await settle(() => chat.server.actAs('ana', { type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: 3_600_000, reason: 'Cool down' }));
    const history = chat.server.actAsSystem({ type: 'message.history', roomId: 'general' });
    const notice = history.ok ? history.value.messages.at(-1) : undefined;
    expect(notice?.system).toBe(true);
    render(<SystemNotice message={notice!} />, { wrapper: Wrapper });
    expect(screen.getByRole('article').textContent).toContain('Bo Svensson was muted by Ana Lima for 1 hour (“Cool down”)');
  });
});

describe('a throttled send', () => {
  it('counts down the server’s retry-after on the message instead of waiting silently', async () => {
    const { Wrapper } = await connect('ana');
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    try {
      const pending = { clientId: 'c1', roomId: 'general', authorId: 'ana', text: 'fast', attachments: [], mentions: [], createdAt: Date.now(), status: 'sending' as const, throttledUntil: Date.now() + 3000 };
      render(<Message roomId="general" pending={pending} />, { wrapper: Wrapper });
      await act(async () => vi.advanceTimersByTimeAsync(10));
      expect(screen.getByRole('status').textContent).toBe('You’re sending too fast; wait 3 s');
      await act(async () => vi.advanceTimersByTimeAsync(1000));
      expect(screen.getByRole('status').textContent).toBe('You’re sending too fast; wait 2 s');
      await act(async () => vi.advanceTimersByTimeAsync(2500));
      expect(screen.queryByText(/sending too fast/)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('reporting', () => {
  it('reports a person through the report form', async () => {
    const { Wrapper } = await connect('bo');
    render(<ReportDialog roomId="general" target={{ userId: 'chen', name: 'Chen Wei' }} onClose={() => {}} />, { wrapper: Wrapper });
    const dialog = screen.getByRole('dialog', { name: 'Report Chen Wei' });
    fireEvent.click(within(dialog).getByLabelText('Harassment or bullying'));
    await settle(() => fireEvent.click(within(dialog).getByRole('button', { name: 'Send report' })));
    expect(within(dialog).getByRole('status').textContent).toBe('Thanks. The moderators will look at it.');
    const reports = chat.server.actAsSystem({ type: 'report.list' });
    expect(reports.ok && reports.value.map((report) => [report.reporterId, report.userId, report.reason])).toEqual([['bo', 'chen', 'harassment']]);
  });

  it('the admin’s queue shows a report of a person as one: about whom, the note, no message, and actions that name the person', async () => {
    const { Wrapper } = await connect('ana');
    await settle(() => chat.server.actAs('dara', { type: 'report.create', roomId: 'general', userId: 'eli', reason: 'harassment', note: 'Keeps messaging me.' }));
    render(<RoomHeader roomId="general" />, { wrapper: Wrapper });
    fireEvent.click(await screen.findByRole('button', { name: 'Moderation: 1 open report' }));
    const queue = screen.getByRole('dialog', { name: 'Moderation' });
    const report = queue.querySelector('.confab-moderation-report') as HTMLElement;
    expect(report.getAttribute('data-kind')).toBe('person');
    expect(within(report).getByText('Reported by', { exact: false }).textContent).toBe('Reported by Dara Okafor: Harassment or bullying');
    expect(within(report).getByText('About', { exact: false }).textContent).toBe('About Eli Novak');
    expect(within(report).getByText('Keeps messaging me.')).toBeTruthy();
    expect(report.querySelector('.confab-moderation-context')).toBeNull();
    expect(within(report).queryByRole('button', { name: 'Delete message' })).toBeNull();
    expect(within(report).queryByRole('button', { name: 'Mute author' })).toBeNull();
    await settle(() => fireEvent.click(within(report).getByRole('button', { name: 'Mute Eli Novak' })));
    await waitFor(() => expect(within(queue).getByText('No open reports. All clear.')).toBeTruthy());
    expect(chat.server.getRoom('general')?.members.find((member) => member.userId === 'eli')?.muted?.by).toBe('ana');
  });

  it('shows the server’s refusal in the form and keeps it open', async () => {
    const { Wrapper } = await connect('bo');
    render(<ReportDialog roomId="general" target={{ userId: 'bo', name: 'Bo Svensson' }} onClose={() => {}} />, { wrapper: Wrapper });
    const dialog = screen.getByRole('dialog', { name: 'Report Bo Svensson' });
    fireEvent.click(within(dialog).getByLabelText('Spam'));
    await settle(() => fireEvent.click(within(dialog).getByRole('button', { name: 'Send report' })));
    expect(within(dialog).getByRole('alert').textContent).toBe('You cannot report yourself.');
  });

  it('reports a message through the Report action, and the admin sees it in the room header’s queue and resolves it', async () => {
    const { client: chen, Wrapper: ChenWrapper } = await connect('chen');
    const { Wrapper: AnaWrapper } = await connect('ana');
    const message = await chen.request({ type: 'message.send', roomId: 'general', clientId: 'x1', text: 'first' });
    const bad = chat.say('bo', 'general', 'buy cheap pills');
    await settle();

    const { unmount } = render(<MessageActions roomId="general" message={bad} />, { wrapper: ChenWrapper });
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    const dialog = screen.getByRole('dialog', { name: 'Report this message' });
    const send = within(dialog).getByRole('button', { name: 'Send report' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('Spam'));
    fireEvent.change(within(dialog).getByLabelText('Details for the moderators (optional)'), { target: { value: 'Ads again' } });
    await settle(() => fireEvent.click(send));
    expect(within(dialog).getByRole('status').textContent).toBe('Thanks. The moderators will look at it.');
    unmount();
    // Chen's own message offers no Report.
    render(<MessageActions roomId="general" message={message} />, { wrapper: ChenWrapper });
    expect(screen.queryByRole('button', { name: 'Report' })).toBeNull();
    cleanup();

    render(<RoomHeader roomId="general" />, { wrapper: AnaWrapper });
    const shield = await screen.findByRole('button', { name: 'Moderation: 1 open report' });
    fireEvent.click(shield);
    const queue = screen.getByRole('dialog', { name: 'Moderation' });
    expect(queue.querySelector('.confab-moderation-report-title')?.textContent).toBe('Reported by Chen Wei: Spam');
    expect(within(queue).getByText('Ads again')).toBeTruthy();
    expect(queue.querySelector('[aria-current="true"]')?.textContent).toContain('buy cheap pills');
    await settle(() => fireEvent.click(within(queue).getByRole('button', { name: 'Delete message' })));
    await waitFor(() => expect(within(queue).getByText('No open reports. All clear.')).toBeTruthy());
    expect(chat.server.getRoom('general')).toBeDefined();
    const history = chat.server.actAsSystem({ type: 'message.history', roomId: 'general' });
    expect(history.ok && history.value.messages.find((item) => item.id === bad.id)?.deletedAt).toBeTypeOf('number');
  });
});

describe('the members panel', () => {
  it('mutes a member for a chosen time with a reason, shows them as muted, and unmutes', async () => {
    const { Wrapper } = await connect('ana');
    render(<RoomHeader roomId="general" />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: /members?$/ }));
    const panel = screen.getByRole('dialog', { name: 'Members of general' });
    const bo = panel.querySelector('[data-user-id="bo"]') as HTMLElement;
    fireEvent.click(within(bo).getByRole('button', { name: 'Actions for Bo Svensson' }));
    fireEvent.click(within(bo).getByRole('button', { name: 'Mute…' }));
    const dialog = screen.getByRole('dialog', { name: 'Mute Bo Svensson' });
    fireEvent.change(within(dialog).getByLabelText('For how long'), { target: { value: '1' } });
    fireEvent.change(within(dialog).getByLabelText('Reason (optional)'), { target: { value: 'Shouting' } });
    await settle(() => fireEvent.click(within(dialog).getByRole('button', { name: 'Mute' })));
    expect(screen.queryByRole('dialog', { name: 'Mute Bo Svensson' })).toBeNull();
    const muted = chat.server.getRoom('general')?.members.find((member) => member.userId === 'bo')?.muted;
    expect(muted?.reason).toBe('Shouting');
    expect((muted?.until ?? 0) - (muted?.at ?? 0)).toBe(3_600_000);
    expect(within(bo).getByText('Muted')).toBeTruthy();
    await settle(() => fireEvent.click(within(bo).getByRole('button', { name: 'Unmute' })));
    expect(within(bo).queryByText('Muted')).toBeNull();
  });

  it('bans for good and shows the server’s refusal when a member may not', async () => {
    const { Wrapper } = await connect('ana');
    render(<RoomHeader roomId="general" />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: /members?$/ }));
    const panel = screen.getByRole('dialog', { name: 'Members of general' });
    const chen = panel.querySelector('[data-user-id="chen"]') as HTMLElement;
    fireEvent.click(within(chen).getByRole('button', { name: 'Actions for Chen Wei' }));
    fireEvent.click(within(chen).getByRole('button', { name: 'Ban…' }));
    const dialog = screen.getByRole('dialog', { name: 'Ban Chen Wei' });
    fireEvent.change(within(dialog).getByLabelText('For how long'), { target: { value: '3' } });
    await settle(() => fireEvent.click(within(dialog).getByRole('button', { name: 'Ban' })));
    expect(chat.server.getRoom('general')?.members.some((member) => member.userId === 'chen')).toBe(false);
    expect(chat.server.actAs('chen', { type: 'room.join', roomId: 'general' })).toMatchObject({ ok: false, error: { message: 'You are banned from this room until a moderator lifts it.' } });
  });

  it('lists who is banned in the queue, and lifts a ban there', async () => {
    const { Wrapper } = await connect('ana');
    await settle(() => chat.server.actAs('ana', { type: 'member.ban', roomId: 'general', userId: 'eli', reason: 'Trolling' }));
    render(<RoomHeader roomId="general" />, { wrapper: Wrapper });
    fireEvent.click(await screen.findByRole('button', { name: 'Moderation: 0 open reports' }));
    const queue = screen.getByRole('dialog', { name: 'Moderation' });
    const bans = await within(queue).findByRole('region', { name: 'Banned from this room' });
    const eli = await waitFor(() => bans.querySelector('[data-user-id="eli"]') as HTMLElement);
    expect(eli.textContent).toContain('Eli Novak');
    expect(eli.textContent).toContain('Until lifted');
    expect(eli.textContent).toContain('Trolling');
    await settle(() => fireEvent.click(within(eli).getByRole('button', { name: 'Unban' })));
    await waitFor(() => expect(within(bans).getByText('No one is banned.')).toBeTruthy());
    expect(chat.server.actAs('eli', { type: 'room.join', roomId: 'general' }).ok).toBe(true);
  });

  it('offers no moderation to a plain member', async () => {
    const { Wrapper } = await connect('bo');
    render(<RoomHeader roomId="general" />, { wrapper: Wrapper });
    expect(screen.queryByRole('button', { name: /^Moderation/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /members?$/ }));
    expect(screen.queryByRole('button', { name: 'Mute…' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Actions for/ })).toBeNull();
  });
});
