import { ChatError, type CustomData } from '../protocol';
import { assertPersonId } from './people';
import type { NewRoom } from './rooms';
import { assertCustomData, isValidId } from './validate';

/**
 * A person as the host app's backend gives them to `upsertUser`. Internal to the server.
 *
 * @example
 * const input: UserInput = { id: 'ana', name: 'Ana' };
 */
export interface UserInput {
  id: string;
  name: string;
  avatarUrl?: string;
  customData?: CustomData;
  /** A program rather than a person: it may register slash commands. */
  bot?: boolean;
}

/**
 * A room as the host app's backend gives it to `createRoom`. Internal to the server.
 *
 * @example
 * const input: RoomInput = { id: 'general', name: 'general', kind: 'public', createdBy: 'ana' };
 */
export interface RoomInput {
  id?: string;
  name: string;
  kind: 'public' | 'private';
  createdBy: string;
  memberIds?: string[];
  customData?: CustomData;
}

/**
 * Throws `invalid` unless `input` is a person the backend may store; plain JavaScript callers can
 * pass anything, so every field is checked before a transaction starts.
 *
 * @example
 * checkUserInput({ id: 'ana', name: 'Ana' });
 */
export function checkUserInput(input: UserInput): void {
  if (typeof input !== 'object' || input === null || !isValidId(input.id)) {
    throw new ChatError('invalid', 'A user needs an id of letters, digits and _ . : @ ~ - (at most 128 characters).');
  }
  assertPersonId(input.id);
  if (typeof input.name !== 'string') throw new ChatError('invalid', 'A user needs a name, as a string.');
  // Trusted: the host app's backend vouches for the avatar URL it gives (people's own go through checkAvatarUrl in user.update).
  if (input.avatarUrl !== undefined && typeof input.avatarUrl !== 'string') throw new ChatError('invalid', 'An avatar URL must be a string.');
  if (input.customData !== undefined) assertCustomData(input.customData);
  if (input.bot !== undefined && typeof input.bot !== 'boolean') throw new ChatError('invalid', 'bot must be true or false.');
}

/**
 * Checks a backend's room and copies only the fields it gave into the rule's `NewRoom`.
 *
 * @example
 * const newRoom = checkRoomInput({ name: 'general', kind: 'public', createdBy: 'ana' });
 */
export function checkRoomInput(input: RoomInput): NewRoom {
  if (input.id !== undefined && !isValidId(input.id)) {
    throw new ChatError('invalid', 'A room id may contain only letters, digits and _ . : @ ~ - (at most 128 characters).');
  }
  if (typeof input.name !== 'string') throw new ChatError('invalid', 'A room name must be a string.');
  if (input.kind !== 'public' && input.kind !== 'private') throw new ChatError('invalid', 'A room is public or private; direct rooms open with direct.open.');
  if (input.memberIds !== undefined && (!Array.isArray(input.memberIds) || !input.memberIds.every(isValidId))) {
    throw new ChatError('invalid', 'memberIds must be an array of user ids.');
  }
  if (input.customData !== undefined) assertCustomData(input.customData);
  const newRoom: NewRoom = { name: input.name, kind: input.kind, createdBy: input.createdBy };
  if (input.id !== undefined) newRoom.id = input.id;
  if (input.memberIds !== undefined) newRoom.memberIds = input.memberIds;
  if (input.customData !== undefined) newRoom.customData = input.customData;
  return newRoom;
}
