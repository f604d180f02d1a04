import { useEffect, useRef, type RefObject } from 'react';
import type { Composer as ComposerState, Message } from '../../react';
import { useRoomView, type ComposerHandle } from '../roomView';

/**
 * Options of {@link useRoomViewHandle}.
 *
 * @example
 * useRoomViewHandle({ composer, scope: 'room', textarea: textareaRef, moveCaret });
 */
export interface UseRoomViewHandleOptions {
  composer: Pick<ComposerState, 'startEdit' | 'startQuote'>;
  /** The room's composer, or its thread's. */
  scope: 'room' | 'thread';
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** Puts the caret at a position once the text has rendered. */
  moveCaret(position: number): void;
}

/**
 * Registers the composer with the room view around it (if any), so messages' Edit and Quote
 * actions and "focus the composer" land here: an edit puts the caret after the message's text.
 *
 * @example
 * useRoomViewHandle({ composer, scope: parentId !== undefined ? 'thread' : 'room', textarea: textareaRef, moveCaret });
 */
export function useRoomViewHandle({ composer, scope, textarea, moveCaret }: UseRoomViewHandleOptions): void {
  const view = useRoomView();
  const latest = useRef({ composer, moveCaret });
  useEffect(() => {
    latest.current = { composer, moveCaret };
  });
  useEffect(() => {
    if (!view) return;
    const handle: ComposerHandle = {
      startEdit(message: Message) {
        latest.current.composer.startEdit(message);
        latest.current.moveCaret(message.text.length);
        textarea.current?.focus();
      },
      startQuote(message: Message) {
        latest.current.composer.startQuote(message);
        textarea.current?.focus();
      },
      focus() {
        textarea.current?.focus();
      },
    };
    return view.registerComposer(handle, scope);
  }, [view, scope, textarea]);
}
