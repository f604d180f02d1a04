// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { selectTypingUserIds } from '../../../src/core';
import { useComposer, type Composer as ComposerState } from '../../../src/react';
import { createTestChat, TestChatProvider, type TestChat } from '../../../src/testing';
import { ChatUIProvider } from '../../../src/ui/config';
import { Composer } from '../../../src/ui/composer';
import { createDraftStore, draftKey, type DraftStore } from '../../../src/ui/composer/drafts';
import { useDraft } from '../../../src/ui/composer/useDraft';
import { settle } from '../shell-helpers';
import { serverMessages } from './helpers';

configure({ asyncUtilTimeout: 5000 });

let chat: TestChat;
let store: DraftStore;
let items: Map<string, string>;
beforeEach(() => {
  chat = createTestChat();
  items = new Map();
  store = createDraftStore({ getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) });
});
afterEach(() => {
  cleanup();
  chat.close();
  localStorage.clear();
});

/** useComposer with useDraft, for a room and thread given as props; the composer is exposed. */
function renderDraft(initial: { roomId: string; parentId?: string }, userId: string | null = 'ana') {
  let latest: ComposerState | undefined;
  function Probe({ roomId, parentId }: { roomId: string; parentId?: string }) {
    const composer = useComposer(roomId, parentId !== undefined ? { parentId } : {});
    useDraft({ composer, scope: userId === null ? null : { userId, roomId, parentId }, store });
    latest = composer;
    return <output>{composer.text}</output>;
  }
  const utils = render(
    <TestChatProvider chat={chat} userId="ana">
      <Probe {...initial} />
    </TestChatProvider>,
  );
  const rerender = (props: { roomId: string; parentId?: string }) =>
    utils.rerender(
      <TestChatProvider chat={chat} userId="ana">
        <Probe {...props} />
      </TestChatProvider>,
    );
  return { composer: () => latest as ComposerState, rerender };
}

describe('useDraft', () => {
  it('brings a saved draft back, with its mentions, without telling the room someone types', async () => {
    store.save({ userId: 'ana', roomId: 'general' }, { text: 'Later, @Bo Svensson', mentions: ['bo'], savedAt: 1 });
    const bo = await chat.connect('bo');
    const { composer } = renderDraft({ roomId: 'general' });
    expect(composer().text).toBe('Later, @Bo Svensson');
    expect(composer().mentions).toEqual(['bo']);
    await settle(chat);
    expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual([]);
  });

  it('saves each change, keeps one draft per room and per thread, and swaps them when the room changes', async () => {
    const { composer, rerender } = renderDraft({ roomId: 'general' });
    await settle(chat);
    act(() => composer().setText('for general'));
    expect(store.load({ userId: 'ana', roomId: 'general' })?.text).toBe('for general');
    rerender({ roomId: 'random' });
    expect(composer().text).toBe('');
    act(() => composer().setText('for random'));
    rerender({ roomId: 'general', parentId: 'm1' });
    expect(composer().text).toBe('');
    act(() => composer().setText('for the thread'));
    rerender({ roomId: 'general' });
    expect(composer().text).toBe('for general');
    rerender({ roomId: 'random' });
    expect(composer().text).toBe('for random');
    expect([...items.keys()].sort()).toEqual([draftKey({ userId: 'ana', roomId: 'general' }), draftKey({ userId: 'ana', roomId: 'general', parentId: 'm1' }), draftKey({ userId: 'ana', roomId: 'random' })].sort());
  });

  it('does not save an edit in progress as the draft, and forgets the draft once sent', async () => {
    const { composer } = renderDraft({ roomId: 'general' });
    await settle(chat);
    act(() => composer().setText('my draft'));
    const message = chat.say('ana', 'general', 'sent earlier');
    act(() => composer().startEdit(message));
    act(() => composer().setText('sent earlier, fixed'));
    expect(store.load({ userId: 'ana', roomId: 'general' })?.text).toBe('my draft');
    act(() => composer().cancelEdit());
    expect(composer().text).toBe('my draft');
    await act(async () => {
      await composer().send();
    });
    expect(store.load({ userId: 'ana', roomId: 'general' })).toBeNull();
    expect(items.size).toBe(0);
  });

  it('keeps nothing until someone is signed in', async () => {
    const { composer } = renderDraft({ roomId: 'general' }, null);
    await settle(chat);
    act(() => composer().setText('anonymous'));
    expect(items.size).toBe(0);
  });
});

describe('Composer drafts', () => {
  function renderComposer(roomId: string) {
    return render(
      <TestChatProvider chat={chat} userId="ana">
        <ChatUIProvider>
          <Composer key={roomId} roomId={roomId} />
        </ChatUIProvider>
      </TestChatProvider>,
    );
  }

  it('survives leaving the room and a remount (as after a reload), in the page’s localStorage, and clears on send', async () => {
    const first = renderComposer('general');
    await settle(chat);
    const textarea = () => screen.getByRole('textbox') as HTMLTextAreaElement;
    fireEvent.change(textarea(), { target: { value: 'half a thought' } });
    first.unmount();
    expect(Object.keys(localStorage)).toEqual([draftKey({ userId: 'ana', roomId: 'general' })]);

    const other = renderComposer('random');
    await settle(chat);
    expect(textarea().value).toBe('');
    other.unmount();

    renderComposer('general');
    await settle(chat);
    expect(textarea().value).toBe('half a thought');
    fireEvent.keyDown(textarea(), { key: 'Enter' });
    await settle(chat);
    expect(serverMessages(chat).map((message) => message.text)).toEqual(['half a thought']);
    expect(localStorage.length).toBe(0);
  });
});
