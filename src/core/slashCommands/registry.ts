import type { BotCommand, RoomKind } from '../../protocol';
import { lookup, selectRoomBotCommands, type ChatState } from '../store';

/**
 * A slash command as the composer offers it: its name, how its arguments read, what it does, and
 * who runs it: the client itself (a built-in) or a bot in the room (sent as `command.invoke`).
 *
 * @example
 * const topic: SlashCommandSpec = { name: 'topic', args: '<text>', description: 'Set the room’s topic', runs: 'client' };
 */
export interface SlashCommandSpec {
  name: string;
  /** Help for the arguments, e.g. `<text>` or `@person`. */
  args?: string;
  description: string;
  runs: 'client' | 'bot';
  /** The bot that runs it, for `runs: 'bot'`. */
  botId?: string;
  /** Kinds of room it makes sense in (all when absent). */
  rooms?: readonly RoomKind[];
}

const GROUP_ROOMS: readonly RoomKind[] = ['public', 'private'];

/**
 * The commands every client runs itself, in the order they are offered. Descriptions are English
 * defaults; a UI shows its own translation by name.
 *
 * @example
 * BUILT_IN_COMMANDS.map((command) => command.name); // ['me', 'shrug', 'poll', …]
 */
export const BUILT_IN_COMMANDS: readonly SlashCommandSpec[] = Object.freeze([
  { name: 'me', args: '<action>', description: 'Say what you are doing, e.g. "/me waves"', runs: 'client' },
  { name: 'shrug', args: '[message]', description: 'Add ¯\\_(ツ)_/¯ to your message', runs: 'client' },
  { name: 'poll', args: '[question]', description: 'Create a poll', runs: 'client' },
  { name: 'topic', args: '<text>', description: 'Set the room’s topic (empty clears it)', runs: 'client', rooms: GROUP_ROOMS },
  { name: 'invite', args: '@person', description: 'Add someone to this room', runs: 'client', rooms: GROUP_ROOMS },
  { name: 'leave', description: 'Leave this room', runs: 'client', rooms: GROUP_ROOMS },
  { name: 'mute', description: 'Mute this room for yourself', runs: 'client' },
  { name: 'unmute', description: 'Unmute this room for yourself', runs: 'client' },
] satisfies SlashCommandSpec[]);

function fromBot(command: BotCommand): SlashCommandSpec {
  return { name: command.name, description: command.description, runs: 'bot', botId: command.botId, ...(command.args ? { args: command.args } : {}) };
}

/**
 * The commands one may run in a room: the built-ins that fit its kind, then the commands of the
 * bots that are members of it.
 *
 * @example
 * roomCommands(client.store.getState(), 'general').map((command) => command.name); // ['me', 'shrug', …, 'weather']
 */
export function roomCommands(state: Pick<ChatState, 'botCommands' | 'rooms'>, roomId: string): SlashCommandSpec[] {
  const kind = lookup(state.rooms, roomId)?.kind;
  const builtIns = BUILT_IN_COMMANDS.filter((command) => !command.rooms || (kind !== undefined && command.rooms.includes(kind)));
  return [...builtIns, ...selectRoomBotCommands(state, roomId).map(fromBot)];
}

/**
 * The commands whose name starts with what was typed after `/`, in offering order.
 *
 * @example
 * matchCommands(BUILT_IN_COMMANDS, 'sh'); // [{ name: 'shrug', … }]
 */
export function matchCommands(commands: readonly SlashCommandSpec[], query: string): SlashCommandSpec[] {
  const wanted = query.toLowerCase();
  return commands.filter((command) => command.name.startsWith(wanted));
}
