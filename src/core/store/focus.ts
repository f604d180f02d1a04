/**
 * A message the reader asked to be taken to (a search result, a quote, a pin): the list of its
 * room scrolls to it, marks it for a moment and then lets the request go.
 *
 * @example
 * const focus: MessageFocus = { roomId: 'general', messageId: 'm42', sequence: 42, token: 1 };
 */
export interface MessageFocus {
  roomId: string;
  /** The message the list shows: the one asked for, or the parent of a thread reply. */
  messageId: string;
  sequence: number;
  /** When the message asked for is a thread reply: its id (the thread of `messageId` opens). */
  replyId?: string;
  /** Tells one request from the next, so that jumping twice to one message scrolls twice. */
  token: number;
}

/**
 * The pending "take me to this message" request, or null.
 *
 * @example
 * const { focus } = client.store.getState();
 */
export interface FocusSlice {
  focus: MessageFocus | null;
}

export const initialFocus: FocusSlice = { focus: null };

/**
 * The focus request for one room, or null (another room's request, or none).
 *
 * @example
 * const focus = selectFocus(client.store.getState(), 'general');
 */
export function selectFocus(state: FocusSlice, roomId: string): MessageFocus | null {
  return state.focus !== null && state.focus.roomId === roomId ? state.focus : null;
}
