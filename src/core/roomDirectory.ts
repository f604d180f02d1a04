import type { Room } from '../protocol';

/**
 * What a person browsing the public room directory has loaded so far: the rooms of every page in
 * id order, and whether the server may have more (the last page was full).
 *
 * @example
 * let directory: DirectoryState = { rooms: [], hasMore: true };
 * directory = appendDirectoryPage(directory, await client.listPublicRooms({ limit: 20 }), 20);
 */
export interface DirectoryState {
  rooms: readonly Room[];
  hasMore: boolean;
}

/**
 * The directory after one more page: its rooms appended (a room already listed is replaced, not
 * repeated), and more to load only when the page was full.
 *
 * @example
 * appendDirectoryPage({ rooms: [], hasMore: true }, page, 20); // { rooms: page, hasMore: page.length === 20 }
 */
export function appendDirectoryPage(previous: DirectoryState, page: readonly Room[], limit: number): DirectoryState {
  const fresh = new Map(page.map((room) => [room.id, room]));
  const kept = previous.rooms.filter((room) => !fresh.has(room.id));
  return { rooms: [...kept, ...page], hasMore: page.length >= limit };
}

/**
 * Where the next page starts: after the last room listed (undefined for the first page).
 *
 * @example
 * client.listPublicRooms({ afterId: directoryAfterId(directory), limit: 20 });
 */
export function directoryAfterId(state: DirectoryState): string | undefined {
  return state.rooms[state.rooms.length - 1]?.id;
}
