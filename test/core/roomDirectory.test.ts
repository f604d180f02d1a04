import { appendDirectoryPage, directoryAfterId, type DirectoryState } from '../../src/core';
import type { Room } from '../../src/protocol';

const room = (id: string, members = 1): Room => ({
  id,
  name: id,
  kind: 'public',
  createdBy: 'ana',
  createdAt: 0,
  members: Array.from({ length: members }, (_, index) => ({ userId: `u${index}`, role: 'member' as const, joinedAt: 0 })),
  lastSequence: 0,
  lastActivityAt: 0,
});

describe('the room directory’s pages', () => {
  it('appends pages, says there may be more only after a full page, and starts the next after the last room', () => {
    let directory: DirectoryState = { rooms: [], hasMore: true };
    expect(directoryAfterId(directory)).toBeUndefined();
    directory = appendDirectoryPage(directory, [room('a'), room('b')], 2);
    expect(directory.hasMore).toBe(true);
    expect(directoryAfterId(directory)).toBe('b');
    directory = appendDirectoryPage(directory, [room('c')], 2);
    expect(directory.rooms.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(directory.hasMore).toBe(false);
  });

  it('replaces a room listed again (fresher member count) instead of repeating it', () => {
    const first = appendDirectoryPage({ rooms: [], hasMore: true }, [room('a'), room('b')], 2);
    const again = appendDirectoryPage(first, [room('b', 3), room('c')], 2);
    expect(again.rooms.map((item) => [item.id, item.members.length])).toEqual([
      ['a', 1],
      ['b', 3],
      ['c', 1],
    ]);
  });
});
