import type { Message, ReadCursor, RoomMember, User } from '../../../../protocol';
import type { RoomPatch, RoomRow } from '../../../../server';

/**
 * One change to write when the work has finished, in the order the work made them.
 *
 * @example
 * const write: Write = { kind: 'insertMessage', message };
 */
export type Write =
  | { kind: 'putUser'; user: User }
  | { kind: 'setBlocked'; userId: string; blocked: string[] }
  | { kind: 'insertRoom'; room: RoomRow }
  /** `extra`: the room's extension fields after the patch, when it changed any (the room is loaded and locked). */
  | { kind: 'updateRoom'; roomId: string; patch: RoomPatch; extra?: string | null }
  | { kind: 'deleteRoom'; roomId: string }
  | { kind: 'putMember'; roomId: string; member: RoomMember }
  | { kind: 'deleteMember'; roomId: string; userId: string }
  | { kind: 'putCursor'; cursor: ReadCursor }
  | { kind: 'setDirectRoom'; low: string; high: string; roomId: string }
  | { kind: 'insertMessage'; message: Message }
  | { kind: 'updateMessage'; message: Message }
  | { kind: 'sessions'; userId: string; change: number }
  | { kind: 'deleteUser'; userId: string }
  | { kind: 'deleteDirectPair'; low: string; high: string }
  | { kind: 'putRecord'; recordKind: string; scope: string; key: string; value: unknown }
  | { kind: 'deleteRecord'; recordKind: string; scope: string; key: string }
  | { kind: 'deleteRecords'; recordKind: string; scope: string };
