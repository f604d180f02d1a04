import { BUILT_IN_COMMAND_NAMES, ChatError, type BotCommand } from '../protocol';
import { isMember, type Handlers, type ServerContext } from './context';

/** Bot commands are site-wide: one name, one bot. */
const SITE = 'site';
/** Commands read per page of storage. */
const PAGE = 500;

/**
 * Every registered bot command, by name.
 *
 * @example
 * const commands = listBotCommands(ctx); // [{ name: 'weather', botId: 'weatherbot', … }]
 */
export function listBotCommands(ctx: ServerContext): BotCommand[] {
  const out: BotCommand[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = ctx.tx.listRecords('botCommand', SITE, { ...(afterKey !== undefined ? { afterKey } : {}), limit: PAGE });
    for (const { value } of page) out.push({ ...value });
    if (page.length < PAGE) return out;
    afterKey = page[page.length - 1]?.key;
  }
}

/** Tells the people who share a room with the bot (who could run its commands) and the bot itself. */
function announceCommands(ctx: ServerContext, botId: string): void {
  ctx.sendTo(ctx.audienceOf(botId), { type: 'commands.updated', commands: listBotCommands(ctx) });
}

/**
 * Deletes a bot's commands, for the rule that deletes the person.
 *
 * @example
 * forgetBotCommands(ctx, 'weatherbot');
 */
export function forgetBotCommands(ctx: ServerContext, botId: string): void {
  const mine = listBotCommands(ctx).filter((command) => command.botId === botId);
  for (const command of mine) ctx.tx.deleteRecord('botCommand', SITE, command.name);
  if (mine.length > 0) announceCommands(ctx, botId);
}

/**
 * Commands of slash commands. Only a bot (a user the host app's backend marked `bot: true`) may
 * register: anyone else could otherwise take a name like `/kick` and collect what people type.
 */
export const slashCommandHandlers: Handlers<'command.register' | 'command.list' | 'command.invoke'> = {
  'command.register': (ctx, actor, command) => {
    const botId = actor.user.id;
    if (actor.user.bot !== true) throw new ChatError('forbidden', 'Only a bot may register slash commands; the host app marks a user as a bot (bot: true).');
    const names = new Set<string>();
    for (const { name } of command.commands) {
      if (BUILT_IN_COMMAND_NAMES.includes(name)) throw new ChatError('conflict', `/${name} is a built-in command; choose another name.`);
      if (names.has(name)) throw new ChatError('invalid', `/${name} is listed twice.`);
      names.add(name);
    }
    const existing = listBotCommands(ctx);
    const taken = existing.find((other) => names.has(other.name) && other.botId !== botId);
    if (taken) throw new ChatError('conflict', `/${taken.name} belongs to another bot ("${taken.botId}").`);
    for (const old of existing) if (old.botId === botId && !names.has(old.name)) ctx.tx.deleteRecord('botCommand', SITE, old.name);
    const mine: BotCommand[] = command.commands.map(({ name, description, args }) => ({ name, description, ...(args ? { args } : {}), botId }));
    for (const entry of mine) ctx.tx.putRecord('botCommand', SITE, entry.name, entry);
    announceCommands(ctx, botId);
    return { commands: mine.map((entry) => ({ ...entry })) };
  },

  'command.list': (ctx) => listBotCommands(ctx),

  'command.invoke': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const found = ctx.tx.getRecord('botCommand', SITE, command.name);
    if (!found) throw new ChatError('not_found', `There is no command /${command.name} here; type / to see the commands you can use.`);
    if (!isMember(room, found.botId)) {
      throw new ChatError('conflict', `/${command.name} is run by "${found.botId}", who is not in this room; add them to the room first.`);
    }
    // An id from the message id generator: unique in the room, for the bot to answer by.
    const invocationId = ctx.newMessageId(room);
    ctx.send(found.botId, { type: 'command.invoked', roomId: room.id, userId: actor.user.id, name: command.name, args: command.args, invocationId });
    return { invocationId };
  },
};
