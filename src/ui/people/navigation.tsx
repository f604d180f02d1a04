import { createContext, useContext } from 'react';

/**
 * What a part deep inside `<Chat>` may ask of it: open a room (a direct room the profile card just
 * opened, a room joined from the directory, an invitation accepted). Outside `<Chat>` there is
 * none, and such parts take an `onOpenRoom` prop instead.
 *
 * @example
 * const navigation: ChatNavigation = { openRoom: (roomId) => setRoomId(roomId) };
 */
export interface ChatNavigation {
  /** Shows the room, with its composer focused (it was just opened to be written in). */
  openRoom(roomId: string): void;
}

const NavigationContext = createContext<ChatNavigation | null>(null);

/** Provides {@link ChatNavigation} to the parts below (`<Chat>` does it). */
export const ChatNavigationProvider = NavigationContext.Provider;

/**
 * The chat's navigation, or null outside `<Chat>` (a part used on its own).
 *
 * @example
 * const navigation = useChatNavigation();
 * navigation?.openRoom(room.id);
 */
export function useChatNavigation(): ChatNavigation | null {
  return useContext(NavigationContext);
}
