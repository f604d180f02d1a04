import type { Message, ReadCursor, RoomMember, User } from '../../../../protocol';
import type { RoomPatch, RoomRow } from '../../../../server';
import { directPairOf, roomExtraAfter, roomExtraText } from '../../sql';
import { copy } from './attempt';
import { keyOf } from './loaded';
import { MessageReads } from './messageReads';

/**
 * Writes of people, rooms, members, cursors, direct pairs and messages: applied to this
 * attempt's own reads and recorded, in order, for the engine to store when the work ends.
 */
export abstract class EntityWrites extends MessageReads {
  putUser(user: User): void {
    const current = this.currentUser(user.id);
    this.deletedUsers.delete(user.id);
    this.users.set(user.id, { user: copy(user), blocked: current ? [...current.blocked] : [] });
    this.writes.push({ kind: 'putUser', user: copy(user) });
  }

  setBlocked(userId: string, blocked: readonly string[]): void {
    const current = this.currentUser(userId);
    if (!current) throw new Error(`setBlocked: there is no person "${userId}" to block for.`);
    this.users.set(userId, { user: copy(current.user), blocked: [...blocked] });
    this.writes.push({ kind: 'setBlocked', userId, blocked: [...blocked] });
  }

  insertRoom(room: RoomRow): void {
    this.rooms.set(room.id, { ...copy(room), members: [], cursors: [] });
    this.writes.push({ kind: 'insertRoom', room: copy(room) });
  }

  updateRoom(roomId: string, patch: RoomPatch): void {
    const room = this.changeRoom(roomId);
    if (!room) throw new Error(`updateRoom: there is no room "${roomId}".`);
    const before = roomExtraText(room);
    for (const [field, value] of Object.entries(patch)) if (value !== undefined) Object.assign(room, { [field]: copy(value) });
    const extra = roomExtraAfter(before, patch);
    this.writes.push(extra === undefined ? { kind: 'updateRoom', roomId, patch: copy(patch) } : { kind: 'updateRoom', roomId, patch: copy(patch), extra });
  }

  deleteRoom(roomId: string): void {
    this.rooms.set(roomId, null);
    this.messages.delete(roomId);
    for (const [pair, directRoomId] of this.directs) if (directRoomId === roomId) this.directs.delete(pair);
    this.writes.push({ kind: 'deleteRoom', roomId });
  }

  putMember(roomId: string, member: RoomMember): void {
    const room = this.changeRoom(roomId);
    if (!room) throw new Error(`putMember: there is no room "${roomId}".`);
    const index = room.members.findIndex((existing) => existing.userId === member.userId);
    if (index >= 0) room.members[index] = copy(member);
    else room.members.push(copy(member));
    this.writes.push({ kind: 'putMember', roomId, member: copy(member) });
  }

  deleteMember(roomId: string, userId: string): void {
    const room = this.changeRoom(roomId);
    if (!room) return;
    room.members = room.members.filter((member) => member.userId !== userId);
    room.cursors = room.cursors.filter((cursor) => cursor.userId !== userId);
    this.writes.push({ kind: 'deleteMember', roomId, userId });
  }

  putCursor(cursor: ReadCursor): void {
    const room = this.changeRoom(cursor.roomId);
    if (!room) throw new Error(`putCursor: there is no room "${cursor.roomId}".`);
    const index = room.cursors.findIndex((existing) => existing.userId === cursor.userId);
    if (index >= 0) room.cursors[index] = copy(cursor);
    else room.cursors.push(copy(cursor));
    this.writes.push({ kind: 'putCursor', cursor: copy(cursor) });
  }

  deleteUser(userId: string): void {
    // The profile and every block naming the person go; rooms and messages were changed before.
    this.users.delete(userId);
    this.deletedUsers.add(userId);
    for (const written of this.users.values()) written.blocked = written.blocked.filter((id) => id !== userId);
    this.writes.push({ kind: 'deleteUser', userId });
  }

  deleteDirectPair(userId: string, otherUserId: string): void {
    const [low, high] = directPairOf(userId, otherUserId);
    // An empty room id records "no pair" for this attempt's reads (directRoomId answers undefined).
    this.directs.set(keyOf(low, high), '');
    this.writes.push({ kind: 'deleteDirectPair', low, high });
  }

  setDirectRoom(userId: string, otherUserId: string, roomId: string): void {
    const [low, high] = directPairOf(userId, otherUserId);
    this.directs.set(keyOf(low, high), roomId);
    this.writes.push({ kind: 'setDirectRoom', low, high, roomId });
  }

  insertMessage(message: Message): void {
    this.writeMessage(message);
    this.writes.push({ kind: 'insertMessage', message: copy(message) });
  }

  updateMessage(message: Message): void {
    this.writeMessage(message);
    this.writes.push({ kind: 'updateMessage', message: copy(message) });
  }

  private writeMessage(message: Message): void {
    let room = this.messages.get(message.roomId);
    if (!room) this.messages.set(message.roomId, (room = new Map()));
    room.set(message.id, copy(message));
  }
}
