import { ChatError, type CommandOf, type CommandType, type Message, type ResultOf, type Room } from '../../protocol';
import type { SendMessageInput } from '../client';
import { lookup, validateMessage, type ReadonlyChatStore } from '../store';
import { roomCommands } from './registry';

/** The shrug a `/shrug` adds. */
export const SHRUG = '¯\\_(ツ)_/¯';

/**
 * A slash command to run: its name and argument text, and the people the draft mentions (picked
 * from the `@` suggestions), which `/invite` takes before names typed out.
 *
 * @example
 * const invocation: SlashInvocation = { name: 'invite', args: '@Bo Svensson', mentions: ['bo'] };
 */
export interface SlashInvocation {
  name: string;
  args: string;
  mentions?: readonly string[];
  /** Run from a thread's composer: messages a command sends (`/me`, `/shrug`) are replies there. */
  parentId?: string;
}

/**
 * What running a command did. `sent` is the delivery of a message it sent (`/me`, `/shrug`): the
 * message already shows as pending; the promise settles as any send does.
 *
 * @example
 * const outcome = await client.runCommand('general', { name: 'me', args: 'waves' });
 * outcome.sent?.catch(showError);
 */
export interface SlashOutcome {
  sent?: Promise<Message>;
}

/**
 * What a command runs on: the parts of a ChatClient it needs, so it can be tested with a fake.
 * `setRoomSettings` (the person's own settings of a room, `room.settings.set`) is optional: a
 * client without it answers `/mute` and `/unmute` with a clear `unavailable`.
 *
 * @example
 * const host: SlashCommandHost = client;
 */
export interface SlashCommandHost {
  readonly store: ReadonlyChatStore;
  sendMessage(roomId: string, input: SendMessageInput): Promise<Message>;
  addMembers(roomId: string, userIds: string[]): Promise<Room>;
  leaveRoom(roomId: string): Promise<void>;
  updateRoom(roomId: string, patch: { topic?: string }): Promise<Room>;
  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>>;
  setRoomSettings?(roomId: string, patch: { muted: boolean }): Promise<unknown>;
}

/**
 * Who `/invite` names: a person picked from the `@` suggestions, else `@Name` or `@id` typed out
 * matching exactly one person the client knows (case aside).
 *
 * @example
 * inviteeOf({ name: 'invite', args: '@bo' }, users); // 'bo'
 */
export function inviteeOf(invocation: SlashInvocation, users: Readonly<Record<string, { id: string; name: string }>>): string {
  const picked = invocation.mentions?.[0];
  if (picked !== undefined) return picked;
  const typed = invocation.args.replace(/^@/u, '').trim().toLowerCase();
  if (typed === '') throw new ChatError('invalid', 'Name the person to invite: /invite @name.');
  const found = Object.values(users).filter((user) => user.id.toLowerCase() === typed || user.name.toLowerCase() === typed);
  if (found.length !== 1) throw new ChatError('not_found', `Nobody here is called "${invocation.args.trim()}"; pick the person from the list after @.`);
  return (found[0] as { id: string }).id;
}

function threadOf(invocation: SlashInvocation): { parentId?: string } {
  return invocation.parentId !== undefined ? { parentId: invocation.parentId } : {};
}

function send(host: SlashCommandHost, roomId: string, input: SendMessageInput): SlashOutcome {
  // Checked before anything shows, so a refusal leaves the draft in the composer.
  const problem = validateMessage(host.store.getState(), roomId, input, 'send');
  if (problem) throw problem;
  return { sent: host.sendMessage(roomId, input) };
}

/**
 * Runs a slash command in a room. Built-ins run here; a bot's command goes to the server as
 * `command.invoke`. A name that is neither is refused with `not_found` and nothing is sent, so a
 * mistyped command never reaches the room as text. `/poll` opens a form, which is the UI's: it is
 * refused here.
 *
 * @example
 * await runSlashCommand(client, 'general', { name: 'topic', args: 'Release on Friday' });
 */
export async function runSlashCommand(host: SlashCommandHost, roomId: string, invocation: SlashInvocation): Promise<SlashOutcome> {
  const state = host.store.getState();
  const command = roomCommands(state, roomId).find((candidate) => candidate.name === invocation.name);
  if (!command) {
    const room = lookup(state.rooms, roomId);
    const builtIn = room && ['topic', 'invite', 'leave'].includes(invocation.name);
    throw new ChatError(
      builtIn ? 'invalid' : 'not_found',
      builtIn ? `/${invocation.name} does not apply to a direct conversation.` : `There is no command /${invocation.name}. Type / to see the commands, or start with // to send text that begins with a slash.`,
    );
  }
  if (command.runs === 'bot') {
    await host.request({ type: 'command.invoke', roomId, name: command.name, args: invocation.args });
    return {};
  }
  const { args } = invocation;
  switch (command.name) {
    case 'me':
      if (args === '') throw new ChatError('invalid', 'Say what you are doing: /me waves.');
      return send(host, roomId, { text: args, kind: 'action', ...threadOf(invocation) });
    case 'shrug':
      return send(host, roomId, { text: args === '' ? SHRUG : `${args} ${SHRUG}`, ...threadOf(invocation), ...(invocation.mentions?.length ? { mentions: [...invocation.mentions] } : {}) });
    case 'topic':
      await host.updateRoom(roomId, { topic: args });
      return {};
    case 'invite':
      await host.addMembers(roomId, [inviteeOf(invocation, state.users)]);
      return {};
    case 'leave':
      await host.leaveRoom(roomId);
      return {};
    case 'mute':
    case 'unmute':
      if (!host.setRoomSettings) throw new ChatError('unavailable', `/${command.name} is not available yet: this client cannot mute rooms.`);
      await host.setRoomSettings(roomId, { muted: command.name === 'mute' });
      return {};
    default:
      throw new ChatError('invalid', `/${command.name} opens a form; use it from the composer.`);
  }
}
