import type { BotCommandInput, ServerEventOf } from '../protocol';
import type { ReferenceServer } from '../server';

/**
 * Options of {@link startTestBot}.
 *
 * @example
 * const options: TestBotOptions = { id: 'weatherbot', name: 'Weather', rooms: ['general'], commands: [{ name: 'weather', description: 'Today’s weather', args: '<city>' }], reply: ({ args }) => `Sunny in ${args}` };
 */
export interface TestBotOptions {
  id: string;
  name: string;
  /** Rooms the bot is added to (by the host app's backend). */
  rooms: readonly string[];
  commands: readonly BotCommandInput[];
  /** What the bot answers in the room to an invocation; nothing when it returns undefined. */
  reply(invocation: ServerEventOf<'command.invoked'>): string | undefined;
}

/**
 * A bot on the in-memory reference server, for stories, demos and tests: made a bot user
 * (`bot: true`), added to its rooms, connected, its commands registered, and answering every
 * `command.invoked` with a message in the room. Returns a function that disconnects it.
 *
 * @example
 * const stop = startTestBot(chat.server, { id: 'dice', name: 'Dice', rooms: ['general'], commands: [{ name: 'roll', description: 'Roll a die' }], reply: () => `🎲 ${1 + Math.floor(Math.random() * 6)}` });
 */
export function startTestBot(server: ReferenceServer, options: TestBotOptions): () => void {
  server.upsertUser({ id: options.id, name: options.name, bot: true });
  for (const roomId of options.rooms) server.actAsSystem({ type: 'room.addMembers', roomId, userIds: [options.id] });
  let answered = 0;
  const session = server.connect(options.id, (event) => {
    if (event.type !== 'command.invoked') return;
    const text = options.reply(event);
    if (text === undefined) return;
    // Answered after the invoker's command returns, as a bot across a network would.
    queueMicrotask(() => {
      server.actAs(options.id, { type: 'message.send', roomId: event.roomId, clientId: `${event.invocationId}-${++answered}`, text });
    });
  });
  const registered = session.handle({ type: 'command.register', commands: options.commands.map((command) => ({ ...command })) });
  if (!registered.ok) throw registered.error;
  return () => session.close();
}
