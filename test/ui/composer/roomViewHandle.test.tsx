// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { useRef } from 'react';
import type { Message } from '../../../src/protocol';
import { useRoomViewHandle } from '../../../src/ui/composer/roomViewHandle';
import { RoomViewProvider } from '../../../src/ui/roomView';
import { createViewProbe } from './helpers';

afterEach(() => cleanup());

const message = { id: 'm1', text: 'fix me', parentId: undefined } as unknown as Message;

describe('useRoomViewHandle', () => {
  it('takes the room view’s Edit, Quote and focus while mounted, and lets go when unmounted', () => {
    const composer = { startEdit: vi.fn(), startQuote: vi.fn() };
    const moveCaret = vi.fn();
    const { ViewProbe, view } = createViewProbe();
    function Harness() {
      const textarea = useRef<HTMLTextAreaElement>(null);
      useRoomViewHandle({ composer, scope: 'room', textarea, moveCaret });
      return <textarea ref={textarea} aria-label="text" />;
    }
    const { getByLabelText, rerender } = render(
      <RoomViewProvider roomId="general">
        <ViewProbe />
        <Harness />
      </RoomViewProvider>,
    );
    const textarea = getByLabelText('text');
    view()?.startEdit(message);
    expect(composer.startEdit).toHaveBeenCalledWith(message);
    expect(moveCaret).toHaveBeenCalledWith('fix me'.length);
    expect(document.activeElement).toBe(textarea);
    textarea.blur();
    view()?.startQuote(message);
    expect(composer.startQuote).toHaveBeenCalledWith(message);
    expect(document.activeElement).toBe(textarea);
    textarea.blur();
    view()?.focusComposer();
    expect(document.activeElement).toBe(textarea);

    rerender(
      <RoomViewProvider roomId="general">
        <ViewProbe />
      </RoomViewProvider>,
    );
    view()?.startEdit(message);
    expect(composer.startEdit).toHaveBeenCalledTimes(1);
  });
});
