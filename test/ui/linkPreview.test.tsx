// @vitest-environment jsdom
import { cleanup, fireEvent } from '@testing-library/react';
import { selectMessages } from '../../src/core';
import type { LinkPreview, Message } from '../../src/protocol';
import type { ChatClient } from '../../src/react';
import { watchLinkPreviews } from '../../src/server';
import { createTestChat, fixtures, type TestChat } from '../../src/testing';
import { LinkPreviewCard } from '../../src/ui/LinkPreviewCard';
import { MessageList } from '../../src/ui/MessageList';
import { renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
let stop: (() => void) | undefined;
const clients: ChatClient[] = [];

afterEach(() => {
  cleanup();
  stop?.();
  for (const client of clients.splice(0)) client.close();
  chat?.close();
});

const ARTICLE: Omit<LinkPreview, 'url'> = {
  title: 'Ship it: a field guide',
  description: 'How small teams release every day.',
  siteName: 'Example Blog',
  image: { url: 'https://cdn.example.test/cover.png', width: 1200, height: 630 },
};

async function world() {
  chat = createTestChat({ users: fixtures.people, rooms: [{ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] }] });
  stop = watchLinkPreviews({ server: chat.server, unfurler: { unfurl: async (url) => ({ url, ...ARTICLE }) } });
  const bo = await chat.connect('bo');
  clients.push(bo);
  return bo;
}

describe('the link preview card', () => {
  it('shows the preview under the text, with the sender’s remove button that takes it off for everyone', async () => {
    const bo = await world();
    const { container } = renderChat(bo, <MessageList roomId="general" />);
    await settle(chat, () => bo.sendMessage('general', { text: 'read https://blog.example.test/ship' }));
    await settle(chat, () => chat.say('chen', 'general', 'and https://blog.example.test/other'));

    const cards = [...container.querySelectorAll<HTMLElement>('.confab-link-preview')];
    expect(cards).toHaveLength(2);
    const [mine, theirs] = cards as [HTMLElement, HTMLElement];
    expect(mine.getAttribute('aria-label')).toBe('Link preview');
    expect(mine.querySelector('.confab-link-preview-site')?.textContent).toBe('Example Blog');
    const title = mine.querySelector('a.confab-link-preview-title')!;
    expect(title.textContent).toBe('Ship it: a field guide');
    expect(title.getAttribute('href')).toBe('https://blog.example.test/ship');
    expect(title.getAttribute('rel')).toBe('noopener noreferrer ugc nofollow');
    expect(mine.querySelector('.confab-link-preview-description')?.textContent).toBe('How small teams release every day.');
    const image = mine.querySelector('img')!;
    expect([image.getAttribute('width'), image.getAttribute('height'), image.getAttribute('referrerpolicy')]).toEqual(['1200', '630', 'no-referrer']);
    // Only the sender (or an admin) may remove it: bo is neither for chen's message.
    expect(theirs.querySelector('.confab-link-preview-remove')).toBeNull();

    const remove = mine.querySelector<HTMLButtonElement>('.confab-link-preview-remove')!;
    expect(remove.getAttribute('aria-label')).toBe('Remove link preview');
    await settle(chat, () => fireEvent.click(remove));
    expect(container.querySelectorAll('.confab-link-preview')).toHaveLength(1);
    expect(selectMessages(bo.store.getState(), 'general').find((message) => message.authorId === 'bo')).toMatchObject({ previewRemovedUrl: 'https://blog.example.test/ship' });
  });

  it('renders hostile previews inert: markup as text, no javascript: link, no data: image', async () => {
    const bo = await world();
    const hostile: Message = {
      id: 'm1', clientId: 'c1', roomId: 'general', sequence: 1, authorId: 'chen', text: 'x', attachments: [], mentions: [], reactions: [], replyCount: 0, createdAt: 0,
      preview: {
        url: 'javascript:alert(1)',
        title: '<img src=x onerror="alert(1)">' + 'W'.repeat(199 - 29),
        description: '<script>alert(2)</script>',
        siteName: '<b>evil</b>',
        image: { url: 'data:image/svg+xml,<svg onload=alert(3)>', width: 10, height: 10 },
      },
    };
    const { container } = renderChat(bo, <LinkPreviewCard roomId="general" message={hostile} />);
    await settle(chat);
    const card = container.querySelector('.confab-link-preview')!;
    expect(card.querySelector('a')).toBeNull();
    expect(card.querySelector('.confab-link-preview-title')?.textContent?.startsWith('<img src=x onerror="alert(1)">')).toBe(true);
    expect(card.querySelector('.confab-link-preview-description')?.textContent).toBe('<script>alert(2)</script>');
    expect(card.querySelector('.confab-link-preview-site')?.textContent).toBe('<b>evil</b>');
    expect(card.querySelectorAll('img, script, svg, b')).toHaveLength(0);
  });
});
