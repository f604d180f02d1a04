import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialConnection, type ConnectionSlice } from './connection';
import { initialCursors, type CursorsSlice } from './cursors';
import { initialMemberPages, type MemberPagesSlice } from './memberPages';
import { initialFocus, type FocusSlice } from './focus';
import { initialInvitations, type InvitationsSlice } from './invitations';
import { MessagePlaces, type MessagePlacesSlice } from './messagePlaces';
import { initialReports, type ReportsSlice } from './reports';
import { initialPollVotes, type PollVotesSlice } from './polls';
import { initialRooms, type RoomsSlice } from './rooms';
import { initialRoomSettings, type RoomSettingsSlice } from './roomSettings';
import { initialBotCommands, type BotCommandsSlice } from './slashCommands';
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
export type ChatState = ConnectionSlice &
  UsersSlice &
  RoomsSlice &
  TimelinesSlice &
  CursorsSlice &
  TypingSlice &
  MessagePlacesSlice &
  FocusSlice &
  ReportsSlice &
  InvitationsSlice &
  MemberPagesSlice &
  RoomSettingsSlice &
  // Slash commands and polls (issue #14)
  BotCommandsSlice &
  PollVotesSlice;

/** A writable store, as `createChatStore` makes it (for tests and custom clients). */
export type ChatStore = StoreApi<ChatState>;

/**
 * The store as a ChatClient's users see it: read with `getState`/`subscribe`, or through the React
 * hooks (zustand's `useStore` takes it as is). Only the client writes to it.
 *
 * @example
 * const unsubscribe = client.store.subscribe((state, previous) => {
 *   if (state.connection !== previous.connection) console.log(state.connection.state);
 * });
 */
export type ReadonlyChatStore = Pick<ChatStore, 'getState' | 'getInitialState' | 'subscribe'>;

/**
 * A read-only view of a store: the same state and subscriptions, no `setState`.
 *
 * @example
 * const view = readonlyStore(createChatStore());
 * 'setState' in view; // false
 */
export function readonlyStore(store: ChatStore): ReadonlyChatStore {
  return Object.freeze({ getState: store.getState, getInitialState: store.getInitialState, subscribe: store.subscribe });
}

/** The state of a fresh store, but for its own cache of message places (see `createChatStore`). */
export const initialChatState: Omit<ChatState, 'messagePlaces'> = {
  ...initialConnection,
  ...initialUsers,
  ...initialRooms,
  ...initialTimelines,
  ...initialCursors,
  ...initialTyping,
  ...initialMemberPages,
  ...initialRoomSettings,
  ...initialFocus,
  ...initialReports,
  ...initialInvitations,
  ...initialBotCommands,
  ...initialPollVotes,
};

/**
 * A fresh store. The ChatClient makes one; tests and custom clients may too.
 *
 * @example
 * const store = createChatStore();
 * store.getState().connection; // { state: 'connecting' }
 */
export function createChatStore(initial: Partial<ChatState> = {}): ChatStore {
  const messagePlaces = new MessagePlaces();
  const store = createStore<ChatState>()(() => ({ ...initialChatState, messagePlaces, ...initial }));
  // The cache of where messages sit is this store's alone, and lets go of rooms it no longer holds.
  store.subscribe((state, previous) => {
    if (state.timelines !== previous.timelines) state.messagePlaces.keepOnly((roomId) => Object.hasOwn(state.timelines, roomId));
  });
  return store;
}

export * from './connection';
export { withBlockedUserIds } from './blocking';
export * from './cursors';
export * from './memberPages';
export * from './focus';
export * from './invitations';
export { MessagePlaces, type MessagePlace, type MessagePlacesSlice } from './messagePlaces';
export * from './records';
export * from './reports';
export * from './polls';
export * from './slashCommands';
export * from './rooms';
export * from './roomSettings';
export * from './timelines';
export * from './streaming';
export * from './typing';
export * from './unread';
export * from './users';
export { applyEvent, applySnapshot, forgetHistory, roomsWithForeignHistory } from './events';
