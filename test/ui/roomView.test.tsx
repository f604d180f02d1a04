// @vitest-environment jsdom
import { cleanup, fireEvent, render, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ChatProvider, ConfabContextError, type ChatClient } from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';
import { AttachmentPreview } from '../../src/ui/AttachmentPreview';
import { MessageActions } from '../../src/ui/MessageActions';
import { MediaLoadContext } from '../../src/ui/messageParts';
import { RoomViewProvider, useRoomView } from '../../src/ui/roomView';

let chat: TestChat | undefined;
afterEach(() => {
  cleanup();
  chat?.close();
  chat = undefined;
});

const inView = ({ children }: { children: ReactNode }) => <RoomViewProvider roomId="general">{children}</RoomViewProvider>;

describe('useRoomView', () => {
  it('hands a part the view of its RoomViewProvider', () => {
    const { result } = renderHook(() => useRoomView('<OpenThreadButton>'), { wrapper: inView });
    expect(result.current.roomId).toBe('general');
    expect(renderHook(() => useRoomView(), { wrapper: inView }).result.current?.roomId).toBe('general');
  });

  it('throws a ConfabContextError naming the part and <RoomViewProvider> when the part needs the view', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useRoomView('<OpenThreadButton>'))).toThrow(ConfabContextError);
    expect(() => renderHook(() => useRoomView('<OpenThreadButton>'))).toThrow(/^<OpenThreadButton> must be used inside <RoomViewProvider>: wrap the list/);
  });

  it('is null outside a provider for parts that work alone, by design', () => {
    expect(renderHook(() => useRoomView()).result.current).toBeNull();
  });
});

describe('built-in parts outside a RoomViewProvider', () => {
  async function renderActions(client: ChatClient, wrap: boolean): Promise<HTMLElement> {
    const message = await client.sendMessage('general', { text: 'mine' });
    const actions = <MessageActions roomId="general" message={message} />;
    const { container } = render(<ChatProvider client={client}>{wrap ? <RoomViewProvider roomId="general">{actions}</RoomViewProvider> : actions}</ChatProvider>);
    await waitFor(() => expect(container.querySelector('[data-action]')).not.toBeNull());
    return container;
  }
  const actionsOf = (container: HTMLElement) => [...container.querySelectorAll('[data-action]')].map((button) => button.getAttribute('data-action'));

  it('MessageActions hides thread, quote and edit alone and shows them inside the view', async () => {
    chat = createTestChat();
    const ana = chat.client('ana');
    await ana.connect();
    const alone = actionsOf(await renderActions(ana, false));
    cleanup();
    const inside = actionsOf(await renderActions(ana, true));
    expect(alone).not.toContain('thread');
    expect(alone).not.toContain('quote');
    expect(alone).not.toContain('edit');
    expect(inside).toEqual(expect.arrayContaining(['thread', 'quote', 'edit']));
  });

  it('AttachmentPreview outside a message list loads its image with no list to tell, and inside tells it', async () => {
    chat = createTestChat();
    const ana = chat.client('ana');
    await ana.connect();
    const photo = { id: 'p1', name: 'cat.png', type: 'image/png', size: 10, url: 'https://example.com/cat.png' };
    const alone = render(<ChatProvider client={ana}><AttachmentPreview attachment={photo} /></ChatProvider>);
    fireEvent.load(alone.container.querySelector('img')!);
    expect(alone.container.querySelector('img')).not.toBeNull();
    cleanup();
    const loads: string[] = [];
    const inList = render(
      <ChatProvider client={ana}>
        <MediaLoadContext.Provider value={() => loads.push('loaded')}>
          <AttachmentPreview attachment={photo} />
        </MediaLoadContext.Provider>
      </ChatProvider>,
    );
    fireEvent.load(inList.container.querySelector('img')!);
    expect(loads).toEqual(['loaded']);
  });
});
