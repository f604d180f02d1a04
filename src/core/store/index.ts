import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialConnection, type ConnectionSlice } from './connection';
import { initialCursors, type CursorsSlice } from './cursors';
import { initialRooms, type RoomsSlice } from './rooms';
import { initialTimelines, type TimelinesSlice } from './timelines';
import { initialTyping, type TypingSlice } from './typing';
import { initialUsers, type UsersSlice } from './users';

/**
 * Everything a chat client knows, in one zustand/vanilla store. Slices live beside their reducers
 * and selectors in this folder; only the ChatClient writes to it.
 *
 * @example
 * const unsubscribe = client.store.subscribe((state) => console.log(state.connection.state));
 */
export type ChatState = ConnectionSlice & UsersSlice & RoomsSlice & TimelinesSlice & CursorsSlice & TypingSlice;

/** The store type: read with `getState`/`subscribe`, or through the React hooks. */
export type ChatStore = StoreApi<ChatState>;

export const initialChatState: ChatState = {
  ...initialConnection,
  ...initialUsers,
  ...initialRooms,
  ...initialTimelines,
  ...initialCursors,
  ...initialTyping,
};

/**
 * A fresh store. The ChatClient makes one; tests and custom clients may too.
 *
 * @example
 * const store = createChatStore();
 * store.getState().connection; // { state: 'connecting' }
 */
export function createChatStore(initial: Partial<ChatState> = {}): ChatStore {
  return createStore<ChatState>()(() => ({ ...initialChatState, ...initial }));
}

export * from './connection';
export * from './cursors';
export * from './records';
export * from './rooms';
export * from './timelines';
export * from './typing';
export * from './unread';
export * from './users';
export { applyEvent, applySnapshot } from './events';
