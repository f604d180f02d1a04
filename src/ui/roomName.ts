import { useCurrentUser, useUser, type Room } from '../react';
import { useStrings } from './config';

/**
 * The other person of a direct room (its name is '' by design: each side shows the other), or
 * null for other rooms.
 *
 * @example
 * directPartnerId(room, 'ana'); // "bo"
 */
export function directPartnerId(room: Pick<Room, 'kind' | 'members'> | undefined, meId: string | null): string | null {
  if (!room || room.kind !== 'direct') return null;
  const other = room.members.find((member) => member.userId !== meId);
  return (other ?? room.members[0])?.userId ?? null;
}

/** What a room is called on screen, and who the other person is when it is a direct room. */
export interface RoomDisplay {
  name: string;
  /** The other person of a direct room, else null. */
  partnerId: string | null;
}

/**
 * A room's display name: its name, or for a direct room the other person's name.
 *
 * @example
 * const { name, partnerId } = useRoomDisplay(room);
 */
export function useRoomDisplay(room: Room | undefined): RoomDisplay {
  const { id: meId } = useCurrentUser();
  const strings = useStrings();
  const partnerId = directPartnerId(room, meId);
  const partner = useUser(partnerId ?? '');
  if (partnerId !== null) return { name: partner?.name || strings.someone, partnerId };
  return { name: room?.name ?? '', partnerId: null };
}
