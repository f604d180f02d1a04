import { ChatError, parseCommand, toChatError, type Command, type CommandType, type Outcome, type ResultOf } from '../protocol';
import type { Handlers, ServerContext } from './context';
import type { FloodGate } from './flood';
import { messageHandlers } from './messages';
import { readHandlers } from './reads';
import { receiptHandlers } from './receipts';
import { roomHandlers } from './rooms';
import type { UserRecord } from './state';
import { userHandlers } from './users';

/** Every command's handler; the mapped type makes a missing one a compile error. */
const handlers: Handlers = { ...userHandlers, ...roomHandlers, ...messageHandlers, ...readHandlers, ...receiptHandlers };

/**
 * Commands that change shared state and so spend a flood token. Reads, typing and cursors are
 * left out: they are frequent by nature and cheap to serve.
 */
export const FLOOD_LIMITED: ReadonlySet<CommandType> = new Set<CommandType>([
  'user.update',
  'user.block',
  'user.unblock',
  'room.create',
  'room.update',
  'room.delete',
  'room.join',
  'room.leave',
  'room.addMembers',
  'room.removeMembers',
  'room.setRole',
  'direct.open',
  'message.send',
  'message.edit',
  'message.delete',
  'reaction.toggle',
]);

/**
 * Parses and runs one untrusted command as `userId`, delivering its events only if it succeeds.
 * Never throws: every failure, including a bug, comes back as an Outcome error.
 *
 * @example
 * const outcome = runCommand(ctx, 'ana', { type: 'room.listPublic' }, gate);
 */
export function runCommand(ctx: ServerContext, userId: string, input: unknown, flood: FloodGate | undefined): Outcome<ResultOf<CommandType>> {
  try {
    const parsed = parseCommand(input);
    if (!parsed.ok) return parsed;
    const command = parsed.value;
    const actor = ctx.state.users.get(userId);
    if (!actor) return { ok: false, error: new ChatError('unauthorized', `There is no user with id "${userId}".`) };
    if (flood && FLOOD_LIMITED.has(command.type)) {
      const retryAfterMs = flood.take(userId);
      if (retryAfterMs > 0) {
        return { ok: false, error: new ChatError('rate_limited', `Too many changes too quickly; try again in ${retryAfterMs} ms.`, { retryAfterMs }) };
      }
    }
    // The parsed command's type picks its handler; TypeScript cannot correlate the two through the union.
    const handler = handlers[command.type] as (ctx: ServerContext, actor: UserRecord, command: Command) => ResultOf<CommandType>;
    const value = handler(ctx, actor, command);
    ctx.flush();
    return { ok: true, value };
  } catch (error) {
    ctx.discard();
    return { ok: false, error: error instanceof ChatError ? error : toChatError(error) };
  }
}
