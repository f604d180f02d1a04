import type { Message, ReadCursor, RoomMember } from '../protocol';

/**
 * Where one's own message stands with the others in its room, like Stream's and WhatsApp's ticks:
 * `sent` (the server has it), `delivered` (it reached a device of every other member), `read`
 * (every other member's read cursor passed it). `readBy` and `of` count the others who read it
 * and the others who were in the room when it was sent, for "Read by N" in groups.
 *
 * @example
 * const status: DeliveryStatus = { state: 'delivered', readBy: 1, of: 3 };
 */
export interface DeliveryStatus {
  state: 'sent' | 'delivered' | 'read';
  readBy: number;
  of: number;
}

/**
 * The delivery status of a message given the room's members and everyone's cursors. Counts only
 * the others who were members when it was sent (someone who joined later never had it "sent" to
 * them). A room with nobody else leaves it `sent`; so does a crowd (`memberCount` above the members
 * listed), whose members and cursors a client does not hold.
 *
 * @example
 * deliveryStatusOf({ sequence: 5, authorId: 'ana', createdAt: 10 }, members, cursors); // { state: 'read', readBy: 1, of: 1 }
 */
export function deliveryStatusOf(
  message: Pick<Message, 'sequence' | 'authorId' | 'createdAt'>,
  members: readonly RoomMember[],
  cursors: (userId: string) => ReadCursor | undefined,
  memberCount?: number,
): DeliveryStatus {
  if (memberCount !== undefined && memberCount > members.length) return { state: 'sent', readBy: 0, of: 0 };
  let of = 0;
  let readBy = 0;
  let deliveredTo = 0;
  for (const member of members) {
    if (member.userId === message.authorId || member.joinedAt > message.createdAt) continue;
    of += 1;
    const cursor = cursors(member.userId);
    const read = cursor?.sequence ?? 0;
    if (read >= message.sequence) readBy += 1;
    if (Math.max(read, cursor?.deliveredSequence ?? 0) >= message.sequence) deliveredTo += 1;
  }
  const state = of > 0 && readBy === of ? 'read' : of > 0 && deliveredTo === of ? 'delivered' : 'sent';
  return { state, readBy, of };
}
