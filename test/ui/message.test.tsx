// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import { ChatProvider, type Attachment, type ChatClient } from '../../src/react';
import { createTestChat, fixtures, type TestChat } from '../../src/testing';
import { AttachmentPreview, attachmentKind } from '../../src/ui/AttachmentPreview';
import { GapMarker } from '../../src/ui/GapMarker';
import { Message } from '../../src/ui/Message';
import { MessageList } from '../../src/ui/MessageList';
import { NewMessagesPill } from '../../src/ui/NewMessagesPill';
import { renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;

afterEach(() => {
  cleanup();
  chat?.close();
});

const HOSTILE_NAME = '<img src=x onerror=alert(1)>\u202Eevil\u202C';
const COMBINING = `Z${'\u0301'.repeat(500)}`;
const HOSTILE_TEXT = `<script>alert(1)</script> [x](javascript:alert(2)) javascript:alert(3) data:text/html,<b>x</b> <img src=x onerror=alert(4)> \u202Egnp.exe ${COMBINING}`;

/** Anything that could run: script elements, inline handlers, script or data URLs. */
function dangerous(root: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.tagName === 'SCRIPT' || element.tagName === 'IFRAME' || element.tagName === 'OBJECT' || element.tagName === 'EMBED') found.push(element.tagName);
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name) && !/^(https?:|mailto:|blob:)/i.test(attribute.value)) found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
    }
  }
  return found;
}

describe('hostile input renders as inert text', () => {
  it('in names, text, file names and custom data', async () => {
    chat = createTestChat({
      users: [...fixtures.people, { id: 'mallory', name: HOSTILE_NAME, avatarUrl: 'javascript:alert(5)', customData: { bio: '<script>alert(6)</script>' } }],
    });
    const attachments: Attachment[] = [
      { id: 'a1', name: '<img src=x onerror=alert(7)>.png', type: 'image/png', size: 2048, url: 'javascript:alert(8)' },
      { id: 'a2', name: 'evil\u202Egnp.exe', type: '<script>alert(9)</script>', size: 10, url: 'data:text/html,<script>alert(10)</script>' },
      { id: 'a3', name: 'logo.svg', type: 'image/png', size: 300, url: 'https://example.com/logo.svg' },
      { id: 'a4', name: 'drawing', type: 'image/svg+xml', size: 300, url: 'https://example.com/drawing' },
      { id: 'a5', name: 'cat.png', type: 'image/png', size: 300, url: 'https://example.com/cat.png' },
    ];
    const hostile = chat.say('mallory', 'general', HOSTILE_TEXT, { attachments, mentions: ['mallory'], customData: { html: '<img src=x onerror=alert(11)>' } });
    chat.say('ana', 'general', `quoting @${HOSTILE_NAME}`, { quotedId: hostile.id, mentions: ['mallory'] });
    ana = await chat.connect('ana');
    await ana.connect();
    await act(async () => {
      await chat.connect('mallory').then((mallory) => mallory.notifyTyping('general'));
    });
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    await settle(chat, () => ana.toggleReaction('general', hostile.id, '🎉'));

    expect(dangerous(container)).toEqual([]);
    const text = container.textContent ?? '';
    expect(text).toContain(HOSTILE_NAME);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain(COMBINING);
    expect(text).toContain('<img src=x onerror=alert(7)>.png');
    // File names drop bidi controls, so "evil\u202Egnp.exe" cannot pose as "evilexe.png".
    expect(text).toContain('evilgnp.exe');
    expect(text).not.toContain('evil\u202Egnp.exe');
    // Names sit in <bdi>, so their direction overrides stay inside.
    const author = container.querySelector('[data-author-id="mallory"] .confab-message-author');
    expect(author?.tagName).toBe('BDI');
    expect(author?.textContent).toBe(HOSTILE_NAME);
    expect(container.querySelector('.confab-quoted-message-author')?.textContent).toBe(HOSTILE_NAME);
    expect(container.querySelector('.confab-typing-indicator bdi')?.textContent).toBe(HOSTILE_NAME);
    // SVG never inline, whatever the type claims; the only image is the PNG over https.
    const images = [...container.querySelectorAll('img')].map((image) => image.getAttribute('src'));
    expect(images).toEqual(['https://example.com/cat.png']);
    const kinds = [...container.querySelectorAll('.confab-attachment')].map((element) => element.getAttribute('data-kind'));
    expect(kinds).toEqual(['file', 'file', 'file', 'file', 'image']);
    // The mention of a hostile name is highlighted as text.
    expect(container.querySelector('.confab-mention')?.textContent).toBe(`@${HOSTILE_NAME}`);
  });
});

describe('AttachmentPreview', () => {
  async function world(): Promise<void> {
    chat = createTestChat();
    ana = await chat.connect('ana');
  }
  const wrap = (attachment: Attachment) => (
    <div className="confab-root">
      <ChatProvider client={ana}>
        <AttachmentPreview attachment={attachment} />
      </ChatProvider>
    </div>
  );

  it('decides inline kinds from the type, and never inlines SVG', () => {
    expect(attachmentKind({ type: 'image/png', name: 'a.png' })).toBe('image');
    expect(attachmentKind({ type: 'image/svg+xml', name: 'a' })).toBe('file');
    expect(attachmentKind({ type: 'image/png', name: 'a.SVG' })).toBe('file');
    expect(attachmentKind({ type: 'video/mp4', name: 'a.mp4' })).toBe('video');
    expect(attachmentKind({ type: 'audio/ogg', name: 'a.ogg' })).toBe('audio');
    expect(attachmentKind({ type: 'application/pdf', name: 'a.pdf' })).toBe('file');
    expect(attachmentKind({ type: 'text/html', name: 'a.html' })).toBe('file');
  });

  it('opens an image in a lightbox dialog that Escape closes, returning focus', async () => {
    await world();
    const { container } = render(wrap({ id: 'i', name: 'cat.png', type: 'image/png', size: 1000, url: 'https://example.com/cat.png', width: 640, height: 480 }));
    const opener = within(container).getByRole('button', { name: 'Open image cat.png' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await within(container).findByRole('dialog', { name: 'cat.png' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // Rendered into the Confab root, so the theme applies.
    expect(dialog.parentElement?.classList.contains('confab-root')).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close image' })));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(within(container).queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('uses native players for video and audio, and a chip with name, size, type and download for files', async () => {
    await world();
    const video = render(wrap({ id: 'v', name: 'clip.mp4', type: 'video/mp4', size: 1, url: 'https://example.com/clip.mp4' }));
    expect(video.container.querySelector('video')?.hasAttribute('controls')).toBe(true);
    const audio = render(wrap({ id: 'a', name: 'song.ogg', type: 'audio/ogg', size: 1, url: 'blob:https://example.com/123' }));
    expect(audio.container.querySelector('audio')?.getAttribute('src')).toBe('blob:https://example.com/123');
    const file = render(wrap({ id: 'f', name: 'report.pdf', type: 'application/pdf', size: 2_500_000, url: 'https://example.com/report.pdf' }));
    const chip = file.container.querySelector('[data-kind="file"]') as HTMLElement;
    expect(chip.textContent).toContain('report.pdf');
    expect(chip.textContent).toContain('2.5');
    expect(chip.textContent).toContain('application/pdf');
    const download = within(chip).getByRole('link', { name: 'Download report.pdf' });
    expect(download.getAttribute('href')).toBe('https://example.com/report.pdf');
    expect(download.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

describe('MessageActions', () => {
  async function world(): Promise<void> {
    chat = createTestChat({ messages: { general: 2 } });
    ana = await chat.connect('ana');
  }
  const toolbarOf = (container: HTMLElement, sequence: number) => {
    const row = container.querySelector(`[data-sequence="${sequence}"]`) as HTMLElement;
    fireEvent.mouseEnter(row);
    return within(row).getByRole('toolbar', { name: 'Message actions' });
  };

  it('is one tab stop whose arrow keys, Home and End move between buttons', async () => {
    await world();
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const toolbar = toolbarOf(container, 1);
    const buttons = within(toolbar).getAllByRole('button');
    expect(buttons.filter((button) => button.tabIndex === 0)).toHaveLength(1);
    buttons[0]?.focus();
    fireEvent.keyDown(buttons[0] as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(buttons[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(buttons.at(-1));
    fireEvent.keyDown(buttons.at(-1) as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(buttons[0] as HTMLElement, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(buttons.at(-1));
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
  });

  it('edits and quotes through the room view; edit only on one’s own messages', async () => {
    await world();
    const rendered = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const own = toolbarOf(rendered.container, 1);
    fireEvent.click(within(own).getByRole('button', { name: 'Edit' }));
    fireEvent.click(within(own).getByRole('button', { name: 'Quote' }));
    fireEvent.click(within(own).getByRole('button', { name: 'Reply in thread' }));
    const first = ana.store.getState().timelines['general']!.messages.get(1)!;
    expect(rendered.composer.edits).toEqual([first.id]);
    expect(rendered.composer.quotes).toEqual([first.id]);
    expect(rendered.threadChanges).toEqual([first.id]);
    const others = toolbarOf(rendered.container, 2);
    expect(within(others).queryByRole('button', { name: 'Edit' })).toBeNull();
  });

  it('deletes on the second press only', async () => {
    await world();
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const toolbar = toolbarOf(container, 1);
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Delete' }));
    expect(container.querySelector('[data-sequence="1"]')?.hasAttribute('data-deleted')).toBe(false);
    await settle(chat, () => fireEvent.click(within(toolbar).getByRole('button', { name: 'Delete for everyone?' })));
    expect(container.querySelector('[data-sequence="1"]')?.hasAttribute('data-deleted')).toBe(true);
  });

  it('offers Delete on others’ messages only to the room’s admin', async () => {
    chat = createTestChat({ messages: { general: 2 } });
    const bo = await chat.connect('bo');
    const { container } = renderChat(bo, <MessageList roomId="general" />);
    await settle(chat);
    // Message 1 is Ana's; Bo is a member, not an admin.
    expect(within(toolbarOf(container, 1)).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(toolbarOf(container, 2)).getByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  it('copies the text where there is a clipboard', async () => {
    await world();
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void written.push(text) } });
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const toolbar = toolbarOf(container, 1);
    await act(async () => fireEvent.click(within(toolbar).getByRole('button', { name: 'Copy text' })));
    expect(written).toEqual(['Morning all! (#1)']);
    expect(within(toolbar).getByRole('button', { name: 'Copied' })).toBeTruthy();
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    const other = toolbarOf(container, 2);
    expect(within(other).queryByRole('button', { name: 'Copy text' })).toBeNull();
  });
});

describe('small parts', () => {
  it('GapMarker says how many are missing and loads them', async () => {
    chat = createTestChat();
    const loads: Array<{ from: number; to: number }> = [];
    const { container, rerender } = render(<GapMarker gap={{ from: 101, to: 240 }} loading={false} onLoad={(gap) => loads.push(gap)} />);
    expect(container.textContent).toContain('140 messages not loaded');
    fireEvent.click(within(container).getByRole('button', { name: 'Load them' }));
    expect(loads).toEqual([{ from: 101, to: 240 }]);
    expect(container.querySelector('.confab-gap-marker')?.getAttribute('data-state')).toBe('idle');
    rerender(<GapMarker gap={{ from: 101, to: 240 }} loading onLoad={(gap) => loads.push(gap)} />);
    expect((within(container).getByRole('button') as HTMLButtonElement).disabled).toBe(true);
    expect(container.querySelector('.confab-gap-marker')?.getAttribute('data-state')).toBe('loading');
  });

  it('NewMessagesPill counts and jumps', () => {
    chat = createTestChat();
    let jumped = 0;
    const { container } = render(<NewMessagesPill count={3} onClick={() => jumped++} />);
    fireEvent.click(within(container).getByRole('button', { name: /3 new messages/ }));
    expect(jumped).toBe(1);
  });

  it('Message alone: a thread reply by its object, a pending send, a missing quote, and large emoji', async () => {
    chat = createTestChat();
    const [oldest] = chat.seedMessages('general', 250);
    const parent = chat.say('bo', 'general', '🎉🎉');
    // The quoted message is older than the page the client holds.
    const reply = chat.say('ana', 'general', 'in the thread', { parentId: parent.id, quotedId: oldest?.id });
    ana = await chat.connect('ana');
    await ana.loadOlder('general');
    expect(ana.store.getState().timelines['general']?.messages.get(1)).toBeUndefined();
    const { container } = render(
      <ChatProvider client={ana}>
        <Message roomId="general" sequence={parent.sequence} />
        <Message roomId="general" message={reply} inThread />
        <Message roomId="general" pending={{ clientId: 'c1', roomId: 'general', authorId: 'ana', text: 'on its way', attachments: [], mentions: [], createdAt: Date.now(), status: 'sending' }} />
      </ChatProvider>,
    );
    await act(() => chat.settle());
    const [emoji, threadReply, pending] = [...container.querySelectorAll<HTMLElement>('.confab-message')];
    expect(emoji?.hasAttribute('data-emoji-only')).toBe(true);
    expect(threadReply?.textContent).toContain('in the thread');
    expect(threadReply?.textContent).toContain('Original message not loaded');
    expect(pending?.getAttribute('data-status')).toBe('sending');
    expect(pending?.getAttribute('data-client-id')).toBe('c1');
    expect(within(pending as HTMLElement).getByText('Sending…')).toBeTruthy();
  });
});
