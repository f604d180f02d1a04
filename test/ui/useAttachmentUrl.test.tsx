// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import type { Attachment } from '../../src/react';
import { AttachmentPreview } from '../../src/ui/AttachmentPreview';
import { ChatUIProvider } from '../../src/ui/config';
import type { UploadAdapter } from '../../src/core';

afterEach(cleanup);

const photo: Attachment = { id: 'f'.repeat(32), name: 'cat.png', type: 'image/png', size: 10, url: `https://chat.example/uploads/${'f'.repeat(32)}`, width: 40, height: 30 };

function show(adapter: UploadAdapter | undefined) {
  return render(
    <div className="confab-root">
      <ChatUIProvider uploads={adapter}>
        <AttachmentPreview attachment={photo} />
      </ChatUIProvider>
    </div>,
  );
}

describe('attachments behind signed links', () => {
  it('keep the image box while the link comes, then show the signed link, never the stored URL', async () => {
    let release: (url: string) => void = () => {};
    const adapter: UploadAdapter = {
      upload: () => Promise.reject(new Error('not used')),
      resolveUrl: () => new Promise((resolve) => (release = resolve)),
    };
    const { container } = show(adapter);
    const image = container.querySelector('img') as HTMLImageElement;
    expect(image.getAttribute('src')).toBeNull();
    expect(image.getAttribute('width')).toBe('40');
    release(`${photo.url}?expires=1&signature=abc`);
    await waitFor(() => expect(container.querySelector('img')?.getAttribute('src')).toBe(`${photo.url}?expires=1&signature=abc`));
  });

  it('fall back to the file card when no link can be had', async () => {
    const adapter: UploadAdapter = { upload: () => Promise.reject(new Error('not used')), resolveUrl: () => Promise.reject(new Error('gone')) };
    const { container } = show(adapter);
    await waitFor(() => expect(container.querySelector('[data-kind="file"]')).not.toBeNull());
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a[href]')).toBeNull();
  });

  it('show the stored URL as it is when the adapter resolves nothing (the in-page server)', () => {
    const { container } = show(undefined);
    expect(container.querySelector('img')?.getAttribute('src')).toBe(photo.url);
  });
});
