// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { selectTypingUserIds } from '../../src/core';
import { useComposer, useMessages, type ChatClient } from '../../src/react';
import type { TestChat } from '../../src/testing';
import { settle, setupAna } from './helpers';

let chat: TestChat;
let ana: ChatClient;
let wrapper: Awaited<ReturnType<typeof setupAna>>['wrapper'];
beforeEach(async () => {
  ({ chat, ana, wrapper } = await setupAna({ server: { limits: { maxTextBytes: 10 } } }));
});
afterEach(() => {
  cleanup(); // unmount before the sessions close, so no update lands outside act
  chat.close();
});

function useBoth(options?: { parentId?: string }) {
  return { composer: useComposer('general', options), timeline: useMessages('general') };
}

describe('useComposer', () => {
  it('counts UTF-8 bytes against the server’s limit', () => {
    const { result } = renderHook(() => useComposer('general'), { wrapper });
    expect(result.current).toMatchObject({ text: '', byteCount: 0, byteLimit: 10, canSend: false, error: null });
    act(() => result.current.setText('héllo'));
    expect(result.current).toMatchObject({ text: 'héllo', byteCount: 6, canSend: true });
    act(() => result.current.setText('😀😀😀'));
    expect(result.current.byteCount).toBe(12);
    expect(result.current.canSend).toBe(false);
  });

  it('refuses an over-limit send with a clear error and keeps the draft', async () => {
    const { result } = renderHook(() => useBoth(), { wrapper });
    await settle(chat);
    act(() => result.current.composer.setText('0123456789x'));
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.composer.send();
    });
    expect(ok).toBe(false);
    expect(result.current.composer.text).toBe('0123456789x');
    expect(result.current.composer.error).toMatchObject({ code: 'too_large' });
    expect(result.current.composer.error?.message).toBe('The message is 11 bytes; the limit is 10 bytes (UTF-8). Shorten it or send it in parts.');
    expect(result.current.timeline.pending).toHaveLength(0);
    // Editing the draft clears the error.
    act(() => result.current.composer.setText('0123456789'));
    expect(result.current.composer.error).toBeNull();
    expect(result.current.composer.canSend).toBe(true);
  });

  it('refuses a blank draft', async () => {
    const { result } = renderHook(() => useComposer('general'), { wrapper });
    act(() => result.current.setText('   '));
    expect(result.current.canSend).toBe(false);
    await act(async () => {
      await result.current.send();
    });
    expect(result.current.error).toMatchObject({ code: 'invalid', message: 'A message needs text or an attachment.' });
    expect(result.current.text).toBe('   ');
  });

  it('sends: the draft clears at once and the message shows as pending, then confirmed', async () => {
    const { result } = renderHook(() => useBoth(), { wrapper });
    await settle(chat);
    act(() => result.current.composer.setText('hi all'));
    act(() => {
      void result.current.composer.send();
    });
    expect(result.current.composer.text).toBe('');
    expect(result.current.timeline.pending.map((p) => p.text)).toEqual(['hi all']);
    await settle(chat);
    expect(result.current.timeline.pending).toHaveLength(0);
    expect(result.current.timeline.messages.map((m) => m.text)).toEqual(['hi all']);
  });

  it('tells the room the user is typing as the draft changes', async () => {
    const bo = await chat.connect('bo');
    const { result } = renderHook(() => useComposer('general'), { wrapper });
    await settle(chat, () => result.current.setText('h'));
    await waitFor(() => expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual(['ana']));
    await settle(chat, () => result.current.setText(''));
    await waitFor(() => expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual([]));
  });

  it('changes the text quietly with { typing: false }, as when a saved draft comes back', async () => {
    const bo = await chat.connect('bo');
    const { result } = renderHook(() => useComposer('general'), { wrapper });
    await settle(chat, () => result.current.setText('restored draft', { typing: false }));
    expect(result.current.text).toBe('restored draft');
    expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual([]);
    // The next keystroke is typing again.
    await settle(chat, () => result.current.setText('restored draft!'));
    await waitFor(() => expect(selectTypingUserIds(bo.store.getState(), 'general')).toEqual(['ana']));
  });

  it('edits a message, then gives back the draft that was put aside', async () => {
    const { result } = renderHook(() => useBoth(), { wrapper });
    await settle(chat, () => ana.sendMessage('general', { text: 'teh typo' }));
    const message = result.current.timeline.messages[0]!;
    act(() => result.current.composer.setText('draft'));
    act(() => result.current.composer.startEdit(message));
    expect(result.current.composer).toMatchObject({ editing: message, text: 'teh typo' });
    act(() => result.current.composer.setText('the typo'));
    await settle(chat, () => result.current.composer.send());
    expect(result.current.timeline.messages[0]).toMatchObject({ id: message.id, text: 'the typo' });
    expect(result.current.timeline.messages[0]?.editedAt).toBeTypeOf('number');
    expect(result.current.composer).toMatchObject({ editing: null, text: 'draft' });

    act(() => result.current.composer.startEdit(result.current.timeline.messages[0]!));
    act(() => result.current.composer.cancelEdit());
    expect(result.current.composer).toMatchObject({ editing: null, text: 'draft' });
  });

  it('quotes a message and sends attachments and thread replies', async () => {
    const { result } = renderHook(() => useBoth(), { wrapper });
    await settle(chat, () => ana.sendMessage('general', { text: 'quote me' }));
    const quoted = result.current.timeline.messages[0]!;
    act(() => result.current.composer.startQuote(quoted));
    act(() =>
      result.current.composer.addAttachment({ id: 'f1', name: 'cat.png', type: 'image/png', size: 10, url: 'https://cdn.example/f1' }),
    );
    act(() => result.current.composer.addAttachment({ id: 'f2', name: 'dog.png', type: 'image/png', size: 10, url: 'https://cdn.example/f2' }));
    act(() => result.current.composer.removeAttachment('f1'));
    expect(result.current.composer.attachments.map((a) => a.id)).toEqual(['f2']);
    // An attachment is enough without text.
    expect(result.current.composer.canSend).toBe(true);
    await settle(chat, () => result.current.composer.send());
    expect(result.current.timeline.messages[1]).toMatchObject({ text: '', quotedId: quoted.id, attachments: [{ id: 'f2' }] });
    expect(result.current.composer).toMatchObject({ quoting: null, attachments: [] });

    const reply = renderHook(() => useComposer('general', { parentId: quoted.id }), { wrapper });
    act(() => reply.result.current.setText('in thread'));
    await settle(chat, () => reply.result.current.send());
    await waitFor(() => expect(result.current.timeline.messages[0]?.replyCount).toBe(1));
  });
});
