// @vitest-environment jsdom
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react';
import { useMessages, useThread, type ChatClient, type Message, type PendingMessage } from '../../src/react';
import type { TestChat } from '../../src/testing';
import { settle, setupAna } from './helpers';

let chat: TestChat;
let ana: ChatClient;
let wrapper: Awaited<ReturnType<typeof setupAna>>['wrapper'];
afterEach(() => {
  cleanup(); // unmount before the sessions close, so no update lands outside act
  chat.close();
});

describe('useMessages', () => {
  beforeEach(async () => {
    ({ chat, ana, wrapper } = await setupAna({ messages: { general: 120 } }));
  });

  it('loads the newest page on mount, and loadOlder prepends the page before it', async () => {
    const { result } = renderHook(() => useMessages('general'), { wrapper });
    await waitFor(() => expect(result.current.messages).toHaveLength(50));
    expect(result.current.messages.map((m) => m.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i));
    expect(result.current).toMatchObject({ hasOlder: true, hasNewer: false, loading: null, error: null, gaps: [] });
    const newest = result.current.messages;

    await act(() => result.current.loadOlder());
    expect(result.current.messages.map((m) => m.sequence)).toEqual(Array.from({ length: 100 }, (_, i) => 21 + i));
    // Messages already shown keep their identity: rows for them need not re-render.
    expect(result.current.messages[50]).toBe(newest[0]);

    await act(() => result.current.loadOlder());
    expect(result.current.messages).toHaveLength(120);
    expect(result.current.hasOlder).toBe(false);
  });

  it('does not load again when remounted over a held timeline', async () => {
    const first = renderHook(() => useMessages('general'), { wrapper });
    await waitFor(() => expect(first.result.current.messages).toHaveLength(50));
    first.unmount();
    const loadOlder = vi.spyOn(ana, 'loadOlder');
    const second = renderHook(() => useMessages('general'), { wrapper });
    await settle(chat);
    expect(second.result.current.messages).toHaveLength(50);
    expect(loadOlder).not.toHaveBeenCalled();
  });

  it('shows loading while the first page is on its way', async () => {
    const slow = await setupAna({ messages: { general: 5 }, latencyMs: 20 });
    const { result } = renderHook(() => useMessages('general'), { wrapper: slow.wrapper });
    expect(result.current.loading).toBe('older');
    await waitFor(() => expect(result.current.messages).toHaveLength(5));
    expect(result.current.loading).toBeNull();
    slow.chat.close();
  });

  it('shows a pending send, then the confirmed message in its place, never both', async () => {
    const frames: { pending: readonly PendingMessage[]; messages: readonly Message[] }[] = [];
    function List() {
      const { messages, pending } = useMessages('general');
      frames.push({ pending, messages });
      return null;
    }
    render(<List />, { wrapper });
    await waitFor(() => expect(frames.at(-1)?.messages).toHaveLength(50));

    let sent!: Promise<Message>;
    act(() => {
      sent = ana.sendMessage('general', { text: 'optimistic hello' });
    });
    const shown = frames.at(-1)!;
    expect(shown.pending).toHaveLength(1);
    expect(shown.pending[0]).toMatchObject({ text: 'optimistic hello', status: 'sending', authorId: 'ana' });
    const clientId = shown.pending[0]!.clientId;

    await settle(chat, () => sent);
    const last = frames.at(-1)!;
    expect(last.pending).toHaveLength(0);
    expect(last.messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
    expect(last.messages.at(-1)).toMatchObject({ text: 'optimistic hello', sequence: 121 });
    for (const frame of frames) {
      const times = frame.pending.filter((p) => p.clientId === clientId).length + frame.messages.filter((m) => m.clientId === clientId).length;
      expect(times).toBeLessThanOrEqual(1);
    }
  });

  it('receives other people’s messages live', async () => {
    const { result } = renderHook(() => useMessages('general'), { wrapper });
    await waitFor(() => expect(result.current.messages).toHaveLength(50));
    await settle(chat, () => chat.say('chen', 'general', 'live from Chen'));
    expect(result.current.messages.at(-1)).toMatchObject({ text: 'live from Chen', authorId: 'chen' });
  });
});

describe('useThread', () => {
  it('loads the replies on mount and follows new ones', async () => {
    ({ chat, ana, wrapper } = await setupAna());
    const parent = chat.say('bo', 'general', 'Lunch plans?');
    chat.say('chen', 'general', 'Noodles', { parentId: parent.id });
    chat.say('dara', 'general', 'Tacos', { parentId: parent.id });
    await settle(chat, () => ana.loadOlder('general'));

    const { result } = renderHook(() => useThread('general', parent.id), { wrapper });
    await waitFor(() => expect(result.current.replies.map((reply) => reply.text)).toEqual(['Noodles', 'Tacos']));
    expect(result.current.parent).toMatchObject({ id: parent.id, text: 'Lunch plans?' });
    expect(result.current).toMatchObject({ hasOlder: false, loading: false, pending: [] });

    await settle(chat, () => ana.sendMessage('general', { text: 'Ramen', parentId: parent.id }));
    expect(result.current.replies.map((reply) => reply.text)).toEqual(['Noodles', 'Tacos', 'Ramen']);
    expect(result.current.pending).toHaveLength(0);
    expect(result.current.parent?.replyCount).toBe(3);
  });
});
