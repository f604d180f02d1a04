// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import type { ChatClient } from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';
import { optionsFromDataset, resolveOptions } from '../../src/widget/options';
import { createPanelStore, WidgetRoot } from '../../src/widget/Widget';

/** The browser's Notification, granted, recording what it shows. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = async () => FakeNotification.permission;
  static shown: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {}
}

let chat: TestChat;
let ana: ChatClient;

beforeEach(async () => {
  vi.stubGlobal('Notification', FakeNotification);
  FakeNotification.shown = [];
  chat = createTestChat();
  ana = await chat.connect('ana');
  await chat.settle();
});
afterEach(() => {
  cleanup();
  chat.close();
  vi.unstubAllGlobals();
});

function renderWidget(input: Record<string, unknown>) {
  const options = resolveOptions({ demo: true, ...input });
  const panel = createPanelStore({ open: false, roomId: 'general', openedAt: 0 });
  const setOpen = (open: boolean) => panel.set({ open, openedAt: Date.now() });
  render(<WidgetRoot session={{ client: ana, uploads: { upload: async () => ({}) as never }, room: 'general', dispose: () => {} }} options={options} panel={panel} setOpen={setOpen} />);
  return panel;
}

describe('widget notifications', () => {
  it('are off unless asked for, and take true, false or { title, sound } (also data-notifications)', () => {
    expect(resolveOptions({ demo: true }).notifications).toBeNull();
    expect(resolveOptions({ demo: true, notifications: true }).notifications).toEqual({ title: false, sound: false });
    expect(resolveOptions({ demo: true, notifications: { title: true } }).notifications).toEqual({ title: true, sound: false });
    expect(() => resolveOptions({ demo: true, notifications: 'loud' })).toThrow(/`notifications` must be true, false or \{ title, sound \}/);
    expect(optionsFromDataset({ demo: '', notifications: '' })?.['notifications']).toBe(true);
    expect(optionsFromDataset({ demo: '', notifications: 'off' })?.['notifications']).toBe(false);
  });

  it('notify while the panel is closed, and a click opens the panel at that room', async () => {
    const panel = renderWidget({ notifications: { title: true } });
    document.title = 'Shop';
    const dm = chat.directRoomId('ana', 'bo');
    await act(async () => {
      chat.say('bo', dm, 'Is my order on its way?');
      await chat.settle();
    });
    expect(FakeNotification.shown.map((note) => [note.title, note.options.body])).toEqual([['Bo Svensson', 'Is my order on its way?']]);
    expect(document.title).toMatch(/^\(\d+\) Shop$/);
    const jump = vi.spyOn(ana, 'jumpToMessage');
    await act(async () => FakeNotification.shown[0]?.onclick?.());
    expect(panel.get()).toMatchObject({ open: true, roomId: dm });
    expect(jump).toHaveBeenCalledWith(dm, (FakeNotification.shown[0]?.options.data as { messageId: string }).messageId, expect.any(Number));
  });

  it('show nothing without the option', async () => {
    renderWidget({});
    await act(async () => {
      chat.say('bo', chat.directRoomId('ana', 'bo'), 'hello?');
      await chat.settle();
    });
    expect(FakeNotification.shown).toEqual([]);
  });
});
