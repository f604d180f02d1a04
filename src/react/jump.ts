import { useCallback } from 'react';
import { useStore } from 'zustand';
import { selectFocus, type MessageFocus } from '../core';
import { useClientFor } from './provider';

/**
 * A function that takes the reader to a message (a search result, a quote, a pin): see
 * `client.jumpToMessage`. `<Chat>` opens the message's room; the room's list scrolls to it.
 *
 * @example
 * const jump = useJumpToMessage();
 * <button onClick={() => void jump(hit.message.roomId, hit.message.id, hit.message.sequence)}>Show</button>
 */
export function useJumpToMessage(): (roomId: string, messageId: string, sequence?: number) => Promise<void> {
  const client = useClientFor('useJumpToMessage');
  return useCallback((roomId, messageId, sequence) => client.jumpToMessage(roomId, messageId, sequence), [client]);
}

/**
 * The pending jump into one room (null: none), for its list to scroll to, and `done` to let it
 * go once it has.
 *
 * @example
 * const { focus, done } = useMessageFocus(roomId);
 * useEffect(() => { if (focus) { scrollTo(focus.sequence); done(focus.token); } }, [focus, done]);
 */
export function useMessageFocus(roomId: string): { focus: MessageFocus | null; done: (token: number) => void } {
  const client = useClientFor('useMessageFocus');
  const focus = useStore(client.store, (state) => selectFocus(state, roomId));
  const done = useCallback((token: number) => client.clearFocus(token), [client]);
  return { focus, done };
}

/**
 * The pending jump, whatever its room (null: none): what a layout watches to open the room.
 *
 * @example
 * const focus = usePendingJump();
 * useEffect(() => { if (focus && focus.roomId !== openRoomId) openRoom(focus.roomId); }, [focus]);
 */
export function usePendingJump(): MessageFocus | null {
  return useStore(useClientFor('usePendingJump').store, (state) => state.focus);
}
