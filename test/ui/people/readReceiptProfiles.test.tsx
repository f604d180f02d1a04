// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { fixtures, type TestChat } from '../../../src/testing';
import { Chat } from '../../../src/ui/Chat';
import { PeopleAvatars } from '../../../src/ui/people/PeopleAvatars';
import { settle as settleList, stubScrolling } from '../messageHelpers';
import { connectAna, settle } from '../shell-helpers';

let chat: TestChat;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeAll(() => stubScrolling());

beforeEach(async () => {
  ({ chat, Wrapper } = await connectAna({ users: fixtures.people, directMessages: [] }));
});
afterEach(() => {
  cleanup();
  chat.close();
});

/** The whole chat with a real (virtualized) message list, as a person sees it, once its rows show. */
async function renderChat(): Promise<void> {
  render(
    <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>
      <Chat defaultRoomId="general" />
    </VirtuosoMockContext.Provider>,
    { wrapper: Wrapper },
  );
  await settleList(chat);
}

const cardOf = (name: string) => screen.queryByRole('dialog', { name: `Profile of ${name}` });

describe('profile cards from read receipts', () => {
  it('a “Seen by” avatar is a button in the Tab order that opens the person’s card; Escape gives focus back, twice', async () => {
    chat.say('bo', 'general', 'Hello from Bo');
    await settle(chat);
    const chen = await chat.connect('chen');
    await renderChat();
    await settle(chat, () => chen.markRead('general', 1));
    const receipts = screen.getByRole('group', { name: 'Seen by \u2068Chen Wei\u2069' });
    const trigger = within(receipts).getByRole('button', { name: 'Profile of Chen Wei' });
    expect(trigger.tabIndex).toBe(0);
    for (let time = 0; time < 2; time++) {
      trigger.focus();
      fireEvent.click(trigger);
      const card = cardOf('Chen Wei') as HTMLElement;
      expect(card).toBeTruthy();
      expect(within(card).getByRole('button', { name: 'Message' })).toBeTruthy();
      fireEvent.keyDown(card, { key: 'Escape' });
      expect(cardOf('Chen Wei')).toBeNull();
      expect(document.activeElement).toBe(trigger);
    }
  });

  it('“Read by N of M” under one’s own message is a button that shows who read it, each opening their card', async () => {
    chat.say('ana', 'general', 'Lunch at noon?');
    await settle(chat);
    const [chen, dara] = await Promise.all([chat.connect('chen'), chat.connect('dara')]);
    await renderChat();
    await settle(chat, async () => {
      await chen.markRead('general', 1);
      await dara.markRead('general', 1);
    });
    const readBy = screen.getByRole('button', { name: /^Read by 2 of \d+$/ });
    expect(readBy.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('group', { name: /^Seen by .*Chen Wei.*Dara Okafor/ })?.closest('.confab-message-status')).toBeFalsy();
    fireEvent.click(readBy);
    expect(readBy.getAttribute('aria-expanded')).toBe('true');
    const readers = document.getElementById(readBy.getAttribute('aria-controls') as string) as HTMLElement;
    expect(readers.getAttribute('aria-label')).toBe('Seen by \u2068Chen Wei\u2069 and \u2068Dara Okafor\u2069');
    expect(within(readers).getAllByRole('button').map((button) => button.title)).toEqual(['Profile of Chen Wei', 'Profile of Dara Okafor']);
    fireEvent.click(within(readers).getByRole('button', { name: 'Profile of Dara Okafor' }));
    expect(cardOf('Dara Okafor')).toBeTruthy();
    // Closing the list again hides the avatars.
    fireEvent.keyDown(cardOf('Dara Okafor') as HTMLElement, { key: 'Escape' });
    fireEvent.click(readBy);
    expect(readBy.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(readers.id)).toBeNull();
  });

  it('past the limit a “+N” button shows the rest and moves focus to the first of them', async () => {
    render(<PeopleAvatars roomId="general" userIds={['bo', 'chen', 'dara', 'eli']} label="Seen by four" max={2} />, { wrapper: Wrapper });
    const group = screen.getByRole('group', { name: 'Seen by four' });
    expect(within(group).getAllByRole('button', { name: /^Profile of/ })).toHaveLength(2);
    fireEvent.click(within(group).getByRole('button', { name: 'Show 2 more people' }));
    expect(within(group).getAllByRole('button', { name: /^Profile of/ }).map((button) => button.title)).toEqual([
      'Profile of Bo Svensson',
      'Profile of Chen Wei',
      'Profile of Dara Okafor',
      'Profile of Eli Novak',
    ]);
    expect(within(group).queryByRole('button', { name: /more/ })).toBeNull();
    expect(document.activeElement).toBe(within(group).getByRole('button', { name: 'Profile of Dara Okafor' }));
  });
});

describe('reporting a person from the profile card', () => {
  it('“Report” opens the report form for the person; the report reaches the room’s moderators, and focus comes back to the name', async () => {
    chat.say('bo', 'general', 'Buy cheap watches');
    await settle(chat);
    await renderChat();
    const name = document.querySelector<HTMLElement>('[data-author-id="bo"] .confab-message-author-button') as HTMLElement;
    name.focus();
    fireEvent.click(name);
    fireEvent.click(within(cardOf('Bo Svensson') as HTMLElement).getByRole('button', { name: 'Report' }));
    expect(cardOf('Bo Svensson')).toBeNull();
    const dialog = screen.getByRole('dialog', { name: 'Report Bo Svensson' });
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Spam' }));
    await settle(chat, () => fireEvent.click(within(dialog).getByRole('button', { name: 'Send report' })));
    expect(within(dialog).getByRole('status').textContent).toBe('Thanks. The moderators will look at it.');
    const reports = chat.server.actAsSystem({ type: 'report.list' });
    expect(reports.ok && reports.value.map((report) => [report.reporterId, report.userId, report.roomId, report.reason, report.messageId])).toEqual([['ana', 'bo', 'general', 'spam', undefined]]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog', { name: 'Report Bo Svensson' })).toBeNull();
    expect(document.activeElement).toBe(name);
  });

  it('one’s own card has no “Report”', async () => {
    chat.say('ana', 'general', 'Hi all');
    await settle(chat);
    await renderChat();
    fireEvent.click(document.querySelector<HTMLElement>('[data-author-id="ana"] .confab-message-author-button') as HTMLElement);
    const card = screen.getByRole('dialog', { name: /^Profile of Ana Lima/ });
    expect(within(card).queryByRole('button', { name: 'Report' })).toBeNull();
  });
});
