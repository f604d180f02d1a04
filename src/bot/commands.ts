/**
 * A slash command a bot offers, as it registers it with `command.register` when it connects.
 *
 * @example
 * const weather: BotCommandSpec = { name: 'weather', description: 'The forecast for a city', args: '<city>' };
 */
export interface BotCommandSpec {
  name: string;
  description: string;
  /** A hint of what follows the name, shown beside it. */
  args?: string;
}

/**
 * Someone ran one of the bot's slash commands in a room (the `command.invoked` event).
 *
 * @example
 * const invocation: CommandInvocation = { roomId: 'general', userId: 'ana', name: 'weather', args: 'Lisbon', invocationId: 'inv_1' };
 */
export interface CommandInvocation {
  roomId: string;
  userId: string;
  name: string;
  /** Everything typed after the command's name, as typed. */
  args: string;
  invocationId: string;
}

/**
 * Reads a `command.invoked` event, which this package's protocol may not know yet (slash commands
 * are their own feature): anything else, or a malformed one, is undefined.
 *
 * @example
 * commandInvocationOf({ type: 'command.invoked', roomId: 'r', userId: 'ana', name: 'joke', args: '', invocationId: 'i1' })?.name; // 'joke'
 */
export function commandInvocationOf(event: { type: string }): CommandInvocation | undefined {
  if (event.type !== 'command.invoked') return undefined;
  const { roomId, userId, name, args, invocationId } = event as Partial<Record<keyof CommandInvocation, unknown>>;
  if (typeof roomId !== 'string' || typeof userId !== 'string' || typeof name !== 'string' || typeof args !== 'string' || typeof invocationId !== 'string') return undefined;
  return { roomId, userId, name, args, invocationId };
}
