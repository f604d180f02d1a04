import * as v from 'valibot';

/**
 * Slash commands that every client runs itself (never registered by a bot): a bot may not take
 * their names.
 *
 * @example
 * BUILT_IN_COMMAND_NAMES.includes('me'); // true
 */
export const BUILT_IN_COMMAND_NAMES: readonly string[] = Object.freeze(['me', 'shrug', 'mute', 'unmute', 'invite', 'leave', 'topic', 'poll']);

/** A command's name: lower-case letters, digits, `-` and `_`, starting with a letter, at most 32. */
export const CommandNameSchema = v.pipe(
  v.string('A command name must be a string.'),
  v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'A command name is 1–32 lower-case letters, digits, - or _, starting with a letter.'),
);

/**
 * A command as a bot registers it: its name (typed after `/`), what it does, and how its
 * arguments read (help only; the bot parses them).
 *
 * @example
 * const weather: BotCommandInput = { name: 'weather', description: 'Today’s weather', args: '<city>' };
 */
export type BotCommandInput = v.InferOutput<typeof BotCommandInputSchema>;
export const BotCommandInputSchema = v.object({
  name: CommandNameSchema,
  description: v.pipe(v.string(), v.trim(), v.minLength(1, 'Describe what the command does.'), v.maxLength(200, 'A command description may be at most 200 characters.')),
  args: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'A command’s argument help may be at most 100 characters.'))),
});

/**
 * A command a bot registered, as clients learn it (in the session snapshot and by
 * `commands.updated`): a person types `/name args` in a room the bot is in.
 *
 * @example
 * const weather: BotCommand = { name: 'weather', description: 'Today’s weather', args: '<city>', botId: 'weatherbot' };
 */
export type BotCommand = v.InferOutput<typeof BotCommandSchema>;
export const BotCommandSchema = v.object({
  ...BotCommandInputSchema.entries,
  botId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
});

/** Bot commands one bot may register. */
export const MAX_BOT_COMMANDS = 50;

/** Characters of the argument text of one invocation. */
export const MAX_COMMAND_ARGS_LENGTH = 2000;
