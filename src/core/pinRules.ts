import type { Room } from '../protocol';

/**
 * Whether a person may pin and unpin in a room, as the server decides it: room admins, site
 * moderators (`role: 'moderator'` on their profile), and either person of a direct room (which
 * has no admin). Clients use it to offer the action; the server checks it again.
 *
 * @example
 * canPinIn(room, 'ana', undefined); // true when Ana is an admin of the room
 */
export function canPinIn(room: Pick<Room, 'kind' | 'members'> | undefined, userId: string | null, siteRole: unknown): boolean {
  if (!room || userId === null) return false;
  const member = room.members.find((item) => item.userId === userId);
  if (!member) return false;
  return room.kind === 'direct' || member.role === 'admin' || siteRole === 'moderator';
}
