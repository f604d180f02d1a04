// @vitest-environment jsdom
// <Chat locale> shows the locale's language from its first painted frame: nothing (not English)
// while a dictionary loads the first time, the previous language while switching, right to left
// for Arabic, and the `strings` given on top.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { TestChat } from '../../../src/testing';
import { Chat } from '../../../src/ui/Chat';
import { ChatUIProvider, useStrings, useTextDirection } from '../../../src/ui/config';
import { loadChatStrings } from '../../../src/ui/i18n/catalog';
import { connectAna } from '../shell-helpers';

let chat: TestChat;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeEach(async () => {
  ({ chat, Wrapper } = await connectAna());
});
afterEach(() => {
  cleanup();
  chat.close();
});

const root = () => document.querySelector('.confab-chat') as HTMLElement | null;

function Probe() {
  const strings = useStrings();
  return (
    <p data-testid="probe" dir={useTextDirection()}>
      {strings.send} · {strings.members(3)}
    </p>
  );
}

// The order matters: each language is loaded for the first time by the test that names it.
describe('Chat locale', () => {
  it('renders nothing until a language loads the first time, then that language (no English in between)', async () => {
    const seen: string[] = [];
    const { container } = render(
      <Wrapper>
        <Chat locale="ja" />
      </Wrapper>,
    );
    seen.push(container.textContent ?? '');
    expect(root()).toBeNull();
    await waitFor(() => expect(root()).not.toBeNull());
    seen.push(container.textContent ?? '');
    expect(seen[0]).toBe('');
    expect(screen.getByText('ルームを選んでチャットを始めましょう。')).toBeTruthy();
    expect(container.textContent).not.toMatch(/Rooms|Pick a room/);
    expect(root()?.getAttribute('dir')).toBe('ltr');
  });

  it('shows a fallback while the first language loads, when given one', async () => {
    render(
      <Wrapper>
        <Chat locale="es" localeFallback={<p>…</p>} />
      </Wrapper>,
    );
    expect(screen.getByText('…')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Elige una sala para empezar a chatear.')).toBeTruthy());
  });

  it('keeps the previous language while the next one loads, then switches', async () => {
    await loadChatStrings('de');
    const { rerender } = render(
      <Wrapper>
        <Chat locale="de" />
      </Wrapper>,
    );
    // Loaded before the first render: German at once.
    expect(screen.getByText('Wähle einen Raum, um loszulegen.')).toBeTruthy();
    rerender(
      <Wrapper>
        <Chat locale="fr" />
      </Wrapper>,
    );
    expect(screen.getByText('Wähle einen Raum, um loszulegen.')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Choisissez un salon pour commencer à discuter.')).toBeTruthy());
  });

  it('makes the chat right to left in Arabic, unless told otherwise', async () => {
    await act(() => loadChatStrings('ar'));
    const { rerender } = render(
      <Wrapper>
        <Chat locale="ar-EG" />
      </Wrapper>,
    );
    expect(root()?.getAttribute('dir')).toBe('rtl');
    expect(screen.getByText('اختر غرفة لبدء الدردشة.')).toBeTruthy();
    rerender(
      <Wrapper>
        <Chat locale="ar-EG" dir="ltr" />
      </Wrapper>,
    );
    expect(root()?.getAttribute('dir')).toBe('ltr');
  });

  it('leaves the direction to the page without a locale, and shows English', () => {
    render(
      <Wrapper>
        <Chat />
      </Wrapper>,
    );
    expect(root()?.hasAttribute('dir')).toBe(false);
    expect(screen.getByText('Pick a room to start chatting.')).toBeTruthy();
  });

  it('falls back to English for a language it has no texts for', () => {
    render(
      <Wrapper>
        <Chat locale="it" />
      </Wrapper>,
    );
    expect(screen.getByText('Pick a room to start chatting.')).toBeTruthy();
  });

  it('puts `strings` over the dictionary, and nested providers inherit both', async () => {
    await act(() => loadChatStrings('pt-BR'));
    render(
      <ChatUIProvider locale="pt-BR" strings={{ send: 'Mandar' }}>
        <ChatUIProvider strings={{ cancel: 'Desistir' }}>
          <Probe />
        </ChatUIProvider>
      </ChatUIProvider>,
    );
    expect(screen.getByTestId('probe').textContent).toBe('Mandar · 3 membros');
    expect(screen.getByTestId('probe').getAttribute('dir')).toBe('ltr');
  });
});
