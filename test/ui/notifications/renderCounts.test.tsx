// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { selectTotalUnread } from '../../../src/core';
import { ChatProvider, type ChatClient } from '../../../src/react';
import { Chat } from '../../../src/ui/Chat';
import { createTestChat, type TestChat } from '../../../src/testing';
import { Message, type MessageProps } from '../../../src/ui/Message';
import { MessageList } from '../../../src/ui/MessageList';
import { NotifierContext, RoomNotificationsButton, useChatNotifications } from '../../../src/ui/notifications';
import { countingPart, renderChat, settle, stubScrolling } from '../messageHelpers';
import { fakeNotifier, setPageHidden } from './fakeNotifier';

let chat: TestChat;
let ana: ChatClient;

beforeAll(stubScrolling);
beforeEach(async () => {
  chat = createTestChat({ messages: { general: 20 } });
  ana = await chat.connect('ana');
  await chat.settle();
  setPageHidden(true);
});
afterEach(() => {
  cleanup();
  chat.close();
  setPageHidden(false);
});

const messageKey = (props: MessageProps) => (props.sequence !== undefined ? `s${props.sequence}` : props.pending ? `p${props.pending.clientId}` : `m${props.message?.id}`);

describe('notifications and the message list', () => {
  it('a notification and a settings change re-render no message row', async () => {
    const { notifier, shown } = fakeNotifier();
    function Notifications() {
      useChatNotifications({ notifier, openRoomId: 'general', title: true });
      return null;
    }
    const counted = countingPart(Message, messageKey);
    renderChat(
      ana,
      <NotifierContext.Provider value={notifier}>
        <Notifications />
        <RoomNotificationsButton roomId="general" />
        <MessageList roomId="general" />
      </NotifierContext.Provider>,
      { components: { Message: counted.Part } },
    );
    await settle(chat);
    expect(counted.counts.size).toBeGreaterThan(5);
    const before = counted.total();

    // A mention in another room: a notification is shown, and no row of this list renders.
    await settle(chat, () => chat.say('bo', 'random', '@Ana over here', { mentions: ['ana'] }));
    expect(shown).toHaveLength(1);
    // A direct message too.
    await settle(chat, () => chat.say('bo', chat.directRoomId('ana', 'bo'), 'psst'));
    expect(shown).toHaveLength(2);
    // The person's settings of this very room change (here and from another device).
    await settle(chat, () => ana.setRoomSettings('general', { muted: true, level: 'all' }));
    const phone = await chat.connect('ana');
    await settle(chat, () => phone.setRoomSettings('general', { muted: false }));
    expect(ana.store.getState().roomSettings['general']).toMatchObject({ muted: false, level: 'all' });
    expect(counted.total()).toBe(before);
  });

  it('inside <Chat notifications title>, a notification, the title’s count and a settings change re-render no message row', async () => {
    const { notifier, shown } = fakeNotifier();
    const counted = countingPart(Message, messageKey);
    render(
      <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>
        <ChatProvider client={ana}>
          <Chat defaultRoomId="general" notifications={{ notifier, title: true }} components={{ Message: counted.Part }} />
        </ChatProvider>
      </VirtuosoMockContext.Provider>,
    );
    await settle(chat);
    expect(counted.counts.size).toBeGreaterThan(5);
    const before = counted.total();
    document.title = 'App';
    const count = () => Number(/^\((\d+)\)/.exec(document.title)?.[1] ?? 0);
    const unreadBefore = selectTotalUnread(ana.store.getState());
    await settle(chat, () => chat.say('bo', 'random', '@Ana look', { mentions: ['ana'] }));
    await settle(chat, () => chat.say('bo', chat.directRoomId('ana', 'bo'), 'psst'));
    expect(shown).toHaveLength(2);
    expect(count()).toBe(unreadBefore + 2);
    expect(document.title.endsWith(') App')).toBe(true);
    await settle(chat, () => ana.setRoomSettings('general', { level: 'none' }));
    await settle(chat, () => ana.setRoomSettings('random', { muted: true }));
    expect(count()).toBe(unreadBefore + 1);
    expect(counted.total()).toBe(before);
  });
});
