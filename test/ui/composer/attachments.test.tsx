// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { UploadAdapter } from '../../../src/core';
import { createTestChat, TestChatProvider, type TestChat } from '../../../src/testing';
import { createMemoryUploadAdapter, type MemoryUploadAdapter } from '../../../src/transports/memory';
import { ChatUIProvider } from '../../../src/ui/config';
import { Composer } from '../../../src/ui/composer';
import { RoomViewProvider } from '../../../src/ui/roomView';
import { canThumbnail } from '../../../src/ui/composer/uploads';
import { createViewProbe, serverMessages } from './helpers';
import { settle } from '../shell-helpers';

// Generous waits: these run beside other suites on a busy machine.
configure({ asyncUtilTimeout: 5000 });

let chat: TestChat;
let uploads: MemoryUploadAdapter;
beforeEach(() => {
  chat = createTestChat();
});
afterEach(() => {
  cleanup();
  uploads?.dispose();
  chat.close();
  // Drafts are kept per person and room in localStorage: each test starts without one.
  localStorage.clear();
});



const { ViewProbe, view } = createViewProbe();

async function renderComposer(adapter: UploadAdapter) {
  const utils = render(
    <TestChatProvider chat={chat} userId="ana">
      <ChatUIProvider uploads={adapter}>
        <RoomViewProvider roomId="general">
          <ViewProbe />
          <Composer roomId="general" />
        </RoomViewProvider>
      </ChatUIProvider>
    </TestChatProvider>,
  );
  const textarea = (await screen.findByRole('textbox', { name: 'Message general' })) as HTMLTextAreaElement;
  const form = textarea.form as HTMLFormElement;
  const input = utils.container.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  return { ...utils, textarea, form, input };
}

function pick(input: HTMLInputElement, ...files: File[]) {
  fireEvent.change(input, { target: { files } });
}

function sendButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
}

describe('Composer attachments', () => {
  it('attaches a file: chip with name, size and type, a progress bar while uploading, then the message carries it', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana', stepMs: 5 });
    const { input, textarea, container } = await renderComposer(uploads);
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeTruthy();
    pick(input, new File(['hello world'], 'notes.txt', { type: 'text/plain' }));

    const chip = container.querySelector('.confab-composer-attachment') as HTMLElement;
    expect(chip.dataset['status']).toBe('uploading');
    expect(chip.querySelector('.confab-composer-attachment-name')?.textContent).toBe('notes.txt');
    expect(chip.querySelector('.confab-composer-attachment-meta')?.textContent).toMatch(/^11 (B|byte).* · text\/plain$/);
    expect(chip.querySelector('img')).toBeNull();
    const progress = screen.getByRole('progressbar', { name: /^Uploading notes\.txt: \d+%$/ });
    expect(progress.getAttribute('aria-valuenow')).toBe('0');
    // Not sendable until the upload is done.
    expect(sendButton().disabled).toBe(true);
    expect(screen.getByText('Wait for the uploads to finish, then send.')).toBeTruthy();

    await waitFor(() => expect(chip.dataset['status']).toBe('done'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(sendButton().disabled).toBe(false);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    const [sent] = serverMessages(chat);
    expect(sent?.text).toBe('');
    expect(sent?.attachments).toMatchObject([{ name: 'notes.txt', type: 'text/plain', size: 11 }]);
    expect(container.querySelector('.confab-composer-attachment')).toBeNull();
  });

  it('reports progress as it goes, and sends once the upload resolves', async () => {
    // A hand-driven adapter: the test says how far the upload got.
    let report: ((loaded: number, total: number) => void) | undefined;
    let finish: (() => void) | undefined;
    const adapter: UploadAdapter = {
      upload: (_roomId, file, options) =>
        new Promise((resolve) => {
          report = options?.onProgress;
          finish = () => resolve({ id: 'f_manual', name: file.name ?? 'file', type: file.type, size: file.size, url: 'https://files.example/f_manual' });
        }),
    };
    const { input, textarea } = await renderComposer(adapter);
    pick(input, new File(['x'.repeat(400)], 'big.bin', { type: 'application/octet-stream' }));
    act(() => report?.(200, 400));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByRole('progressbar').getAttribute('aria-label')).toBe('Uploading big.bin: 50%');
    act(() => report?.(300, 400));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('75');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat)).toHaveLength(0);
    await act(async () => finish?.());
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat)[0]?.attachments).toMatchObject([{ id: 'f_manual', name: 'big.bin' }]);
  });

  it('removing an attachment aborts its upload and leaves nothing in the draft', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana', stepMs: 1000 });
    const upload = vi.spyOn(uploads, 'upload');
    const { input, textarea, container } = await renderComposer(uploads);
    pick(input, new File(['data'], 'slow.txt', { type: 'text/plain' }));
    expect(upload).toHaveBeenCalledTimes(1);
    const signal = upload.mock.calls[0]?.[2]?.signal;
    expect(signal?.aborted).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Remove slow.txt' }));
    expect(signal?.aborted).toBe(true);
    expect(container.querySelector('.confab-composer-attachment')).toBeNull();
    type(textarea, 'just text');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat)[0]).toMatchObject({ text: 'just text', attachments: [] });
  });

  it('removing a finished upload takes its attachment out of the message', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana' });
    const { input, textarea, container } = await renderComposer(uploads);
    pick(input, new File(['a'], 'keep.txt', { type: 'text/plain' }), new File(['b'], 'drop.txt', { type: 'text/plain' }));
    await waitFor(() => expect(container.querySelectorAll('.confab-composer-attachment[data-status="done"]')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Remove drop.txt' }));
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat)[0]?.attachments.map((attachment) => attachment.name)).toEqual(['keep.txt']);
  });

  it('shows a failed upload with the reason and a remove action, and does not send until it is removed', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana', maxBytes: 4 });
    const { input, textarea } = await renderComposer(uploads);
    pick(input, new File(['too large'], 'huge.txt', { type: 'text/plain' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not upload huge.txt.');
    expect(alert.getAttribute('title')).toBe('The file is 9 bytes; the limit is 4 bytes.');
    type(textarea, 'hello');
    expect(sendButton().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Remove huge.txt' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(sendButton().disabled).toBe(false);
  });

  it('renders hostile file names as inert text, without bidi overrides', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana', stepMs: 1000 });
    const { input, container } = await renderComposer(uploads);
    pick(
      input,
      new File(['x'], '<img src=x onerror="alert(1)">.txt', { type: 'text/plain' }),
      new File(['x'], 'invoice\u202Efdp.exe', { type: 'application/octet-stream' }),
      new File(['x'], '"><script>alert(1)<script>', { type: 'text/html' }),
      new File(['x'], 'dir/<svg onload=alert(1)>.svg', { type: 'image/svg+xml' }),
    );
    const names = [...container.querySelectorAll('.confab-composer-attachment-name')].map((node) => node.textContent);
    // A name is a name: no path (a '/' or '\\' ends a folder), no bidi override, rendered as text.
    expect(names).toEqual(['<img src=x onerror="alert(1)">.txt', 'invoicefdp.exe', '"><script>alert(1)<script>', '<svg onload=alert(1)>.svg']);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
  });

  it('makes image thumbnails in the browser (never for SVG) and revokes them on removal and unmount', async () => {
    let made = 0;
    const create = vi.fn(() => `blob:test/${++made}`);
    const revoke = vi.fn();
    const saved = (['createObjectURL', 'revokeObjectURL'] as const).map((key) => [key, Object.getOwnPropertyDescriptor(URL, key)] as const);
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    try {
      uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana', stepMs: 1000 });
      const { input, container, unmount } = await renderComposer(uploads);
      pick(
        input,
        new File(['png'], 'cat.png', { type: 'image/png' }),
        new File(['<svg onload="alert(1)"/>'], 'logo.svg', { type: 'image/svg+xml' }),
        new File(['png?'], 'sneaky.svg', { type: 'image/png' }),
      );
      const images = container.querySelectorAll('img');
      expect([...images].map((image) => image.getAttribute('src'))).toEqual(['blob:test/1']);
      const kinds = [...container.querySelectorAll<HTMLElement>('.confab-composer-attachment')].map((chip) => chip.dataset['kind']);
      expect(kinds).toEqual(['image', 'file', 'file']);

      fireEvent.click(screen.getByRole('button', { name: 'Remove cat.png' }));
      expect(revoke).toHaveBeenCalledWith('blob:test/1');

      pick(input, new File(['jpg'], 'dog.jpg', { type: 'image/jpeg' }));
      const url = container.querySelector('img')?.getAttribute('src');
      expect(url).toMatch(/^blob:test\//);
      unmount();
      expect(revoke).toHaveBeenCalledWith(url);
    } finally {
      for (const [key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(URL, key, descriptor);
        else Reflect.deleteProperty(URL, key);
      }
    }
  });

  it('returns focus to the text after a file is chosen, so typing goes on there and the text typed before stays', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana', stepMs: 5 });
    const { input, textarea } = await renderComposer(uploads);
    type(textarea, 'Here is the report');
    const attach = screen.getByRole('button', { name: 'Attach files' });
    const clicked = vi.fn();
    input.addEventListener('click', clicked);
    attach.focus();
    fireEvent.click(attach);
    expect(clicked).toHaveBeenCalledTimes(1);
    // The file dialog closes with focus on the attach button; then the input reports the choice.
    pick(input, new File(['q3'], 'q3.pdf', { type: 'application/pdf' }));
    expect(document.activeElement).toBe(textarea);
    expect(textarea.value).toBe('Here is the report');
    await screen.findByText('q3.pdf');
  });

  it('accepts files dropped on the composer, marking it while they are dragged over', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana' });
    const { form, container, textarea } = await renderComposer(uploads);
    const file = new File(['dropped'], 'dropped.txt', { type: 'text/plain' });
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragEnter(form, { dataTransfer });
    expect(form.hasAttribute('data-dragging')).toBe(true);
    expect(screen.getByText('Drop files to attach')).toBeTruthy();
    fireEvent.dragLeave(form, { dataTransfer });
    expect(form.hasAttribute('data-dragging')).toBe(false);
    fireEvent.dragEnter(form, { dataTransfer });
    fireEvent.drop(form, { dataTransfer });
    expect(form.hasAttribute('data-dragging')).toBe(false);
    expect(container.querySelector('.confab-composer-attachment-name')?.textContent).toBe('dropped.txt');
    expect(document.activeElement).toBe(textarea);
    await waitFor(() => expect(container.querySelector('.confab-composer-attachment')?.getAttribute('data-status')).toBe('done'));
  });

  it('uploads images pasted from the clipboard, and leaves pasted text alone', async () => {
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana' });
    const { textarea, container } = await renderComposer(uploads);
    expect(fireEvent.paste(textarea, { clipboardData: { types: ['text/plain'], files: [], getData: () => 'text' } })).toBe(true);
    expect(container.querySelector('.confab-composer-attachment')).toBeNull();
    const image = new File(['png'], 'image.png', { type: 'image/png' });
    expect(fireEvent.paste(textarea, { clipboardData: { types: ['Files'], files: [image] } })).toBe(false);
    expect(container.querySelector('.confab-composer-attachment-name')?.textContent).toBe('image.png');
  });
});

describe('Composer attachments and edits', () => {
  it('puts the draft’s files aside while editing another message, and sends them after', async () => {
    const original = chat.say('ana', 'general', 'typo');
    uploads = createMemoryUploadAdapter({ server: chat.server, userId: 'ana' });
    const { input, textarea, container } = await renderComposer(uploads);
    pick(input, new File(['a'], 'later.txt', { type: 'text/plain' }));
    await waitFor(() => expect(container.querySelector('.confab-composer-attachment')?.getAttribute('data-status')).toBe('done'));

    act(() => view()?.startEdit(original));
    expect(container.querySelector('.confab-composer-attachment')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    type(textarea, 'fixed');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat)).toMatchObject([{ id: original.id, text: 'fixed', attachments: [] }]);

    expect(container.querySelector('.confab-composer-attachment-name')?.textContent).toBe('later.txt');
    type(textarea, 'with file');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat).at(-1)).toMatchObject({ text: 'with file', attachments: [{ name: 'later.txt' }] });
  });
});

describe('attachment helpers', () => {
  it('thumbnails raster images only', () => {
    expect(canThumbnail({ type: 'image/png', name: 'a.png' })).toBe(true);
    expect(canThumbnail({ type: 'image/svg+xml', name: 'a.svg' })).toBe(false);
    expect(canThumbnail({ type: 'image/png', name: 'a.SVG' })).toBe(false);
    expect(canThumbnail({ type: 'text/html', name: 'a.png' })).toBe(false);
  });
});

function type(textarea: HTMLTextAreaElement, value: string) {
  fireEvent.change(textarea, { target: { value } });
}
