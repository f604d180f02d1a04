import type { BotCommand } from '../../protocol';
import type { ChatState } from './index';
import { lookup, memoizeByIdentity } from './records';

/**
 * The slash commands bots registered, as the server last said (snapshot and `commands.updated`).
 *
 * @example
 * const names = client.store.getState().botCommands.map((command) => command.name);
 */
export interface BotCommandsSlice {
  botCommands: readonly BotCommand[];
}

export const initialBotCommands: BotCommandsSlice = { botCommands: [] };

// One cache per list of commands: a new list (commands.updated) starts afresh.
const byRoom = memoizeByIdentity((_commands: readonly BotCommand[]) => new Map<string, BotCommand[]>());

/**
 * The bot commands one may run in a room: those whose bot is a member of it (the server refuses
 * the others); in a crowd, whose view lists only some members, every bot's. The same array until the commands or the room's members change.
 *
 * @example
 * selectRoomBotCommands(client.store.getState(), 'general'); // [{ name: 'weather', … }]
 */
export function selectRoomBotCommands(state: Pick<ChatState, 'botCommands' | 'rooms'>, roomId: string): readonly BotCommand[] {
  const room = lookup(state.rooms, roomId);
  if (!room) return NO_COMMANDS;
  const cache = byRoom(state.botCommands);
  const key = `${roomId} ${room.members.map((member) => member.userId).join(',')}`;
  let found = cache.get(key);
  if (!found) {
    const members = new Set(room.members.map((member) => member.userId));
    // A crowd's view names only some members: any bot may be in it, and the server says if not.
    const partial = room.memberCount !== undefined && room.memberCount > room.members.length;
    found = state.botCommands.filter((command) => partial || members.has(command.botId));
    cache.set(key, found);
  }
  return found.length === 0 ? NO_COMMANDS : found;
}

const NO_COMMANDS: readonly BotCommand[] = Object.freeze([]);
