import type { Message } from '../../../../src/protocol';
import type { AsyncStorage, StorageTx } from '../../../../src/server';

/** A person as the rules would store them. */
export function person(id: string) {
  return { id, name: id.toUpperCase(), presence: { state: 'offline' as const } };
}

/** Creates a public room with these members (and their profiles). */
export async function seedRoom(storage: AsyncStorage, roomId: string, memberIds: readonly string[]): Promise<void> {
  await storage.transaction((tx) => {
    for (const id of memberIds) tx.putUser(person(id));
    tx.insertRoom({ id: roomId, name: roomId, kind: 'public', createdBy: memberIds[0] ?? 'nobody', createdAt: 1, lastActivityAt: 1, lastSequence: 0 });
    memberIds.forEach((userId, index) => tx.putMember(roomId, { userId, role: index === 0 ? 'admin' : 'member', joinedAt: 1 + index }));
  });
}

/**
 * What the rules do to send: lock the room, answer the stored message for a client id seen
 * before, otherwise store it at lastSequence + 1 and publish it to the members.
 */
export function send(tx: StorageTx, roomId: string, authorId: string, clientId: string, text: string): Message {
  const room = tx.getRoom(roomId);
  if (!room) throw new Error(`no room ${roomId}`);
  const existing = tx.getMessageByClientId(roomId, authorId, clientId);
  if (existing) return existing;
  const sequence = room.lastSequence + 1;
  const message: Message = {
    id: `m-${roomId}-${sequence}`,
    clientId,
    roomId,
    sequence,
    authorId,
    text,
    attachments: [],
    mentions: [],
    reactions: [],
    replyCount: 0,
    createdAt: 1000 + sequence,
  };
  tx.insertMessage(message);
  tx.updateRoom(roomId, { lastSequence: sequence, lastActivityAt: message.createdAt });
  tx.publish([{ userIds: room.members.map((member) => member.userId), event: { type: 'message.created', message } }]);
  return message;
}
