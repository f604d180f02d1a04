import { useMemo, useState, type ReactNode } from 'react';
import { createRequiredContext } from '../react';
import type { Message } from '../protocol';

/**
 * What the composer of a room view accepts from elsewhere in the view: a message's "Edit" and
 * "Quote" actions land here.
 */
export interface ComposerHandle {
  startEdit(message: Message): void;
  startQuote(message: Message): void;
  focus(): void;
}

/**
 * The actions that tie the parts of one room view together: a message opens its thread, sends its
 * text to the composer to edit or quote. `<Chat>` provides it; a custom layout can too.
 *
 * @example
 * const view = useRoomView();
 * view.openThread(message.id);
 */
export interface RoomView {
  roomId: string;
  /** The open thread's parent id, or null. */
  threadParentId: string | null;
  openThread(parentId: string): void;
  closeThread(): void;
  startEdit(message: Message): void;
  startQuote(message: Message): void;
  focusComposer(): void;
  /** A composer registers itself here; returns the unregister function. */
  registerComposer(handle: ComposerHandle, scope: 'room' | 'thread'): () => void;
}

const RoomViewContext = createRequiredContext<RoomView>('RoomViewProvider', 'wrap the list, the thread and the composers of one room in <RoomViewProvider roomId={roomId}> (<Chat> does).');

/**
 * Props of {@link RoomViewProvider}.
 *
 * @example
 * <RoomViewProvider roomId="general" threadParentId={open} onThreadChange={setOpen}>…</RoomViewProvider>
 */
export interface RoomViewProviderProps {
  roomId: string;
  threadParentId?: string | null;
  onThreadChange?: (parentId: string | null) => void;
  children?: ReactNode;
}

/**
 * Connects the message list, the thread panel and the composers of one room.
 *
 * @example
 * <RoomViewProvider roomId={roomId}><MessageList roomId={roomId} /><Composer roomId={roomId} /></RoomViewProvider>
 */
export function RoomViewProvider({ roomId, threadParentId = null, onThreadChange, children }: RoomViewProviderProps): ReactNode {
  // A registry, not state: registering a composer must not re-render the view.
  const [composers] = useState(() => new Map<'room' | 'thread', ComposerHandle>());
  const value = useMemo<RoomView>(() => {
    // Edits and quotes of a thread reply go to the thread's composer when one is open.
    const target = (message: Message) => (message.parentId !== undefined ? composers.get('thread') : undefined) ?? composers.get('room');
    return {
      roomId,
      threadParentId,
      openThread: (parentId) => onThreadChange?.(parentId),
      closeThread: () => onThreadChange?.(null),
      startEdit: (message) => target(message)?.startEdit(message),
      startQuote: (message) => target(message)?.startQuote(message),
      focusComposer: () => composers.get('room')?.focus(),
      registerComposer: (handle, scope) => {
        composers.set(scope, handle);
        return () => {
          if (composers.get(scope) === handle) composers.delete(scope);
        };
      },
    };
  }, [roomId, threadParentId, onThreadChange, composers]);
  return <RoomViewContext.Provider value={value}>{children}</RoomViewContext.Provider>;
}

/**
 * The room view around a part.
 *
 * - Without an argument: the view, or null outside a {@link RoomViewProvider}. The built-in list,
 *   message, actions and composer work alone this way, by design: the actions that need the view
 *   (thread, quote, edit) are then hidden.
 * - With the part's name: the view, or a {@link ConfabContextError} naming the part and
 *   `<RoomViewProvider>`, for a part of your own that means nothing without the view.
 *
 * @example
 * const view = useRoomView();                      // RoomView | null
 * const view = useRoomView('<OpenThreadButton>');  // RoomView, or throws outside the provider
 */
export function useRoomView(): RoomView | null;
export function useRoomView(part: string): RoomView;
export function useRoomView(part?: string): RoomView | null {
  return RoomViewContext.use(part) ?? null;
}
