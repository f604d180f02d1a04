import { setup } from './helpers';

async function world() {
  const made = await setup();
  await made.server.upsertUser({ id: 'weatherbot', name: 'Weather', bot: true });
  const bot = await made.connect('weatherbot');
  const ana = await made.person('ana');
  const bo = await made.person('bo');
  const roomId = (await ana.ok({ type: 'room.create', name: 'Team', kind: 'private', memberIds: ['bo', 'weatherbot'] })).id;
  return { ...made, bot, ana, bo, roomId };
}

const weather = { name: 'weather', description: 'Today’s weather', args: '<city>' };

describe('command.register', () => {
  it('stores a bot’s commands, tells the people who share a room with it, and puts them in snapshots', async () => {
    const { bot, bo, connect } = await world();
    bo.clear();
    const { commands } = await bot.ok({ type: 'command.register', commands: [weather, { name: 'forecast', description: 'Next 3 days' }] });
    expect(commands).toEqual([
      { ...weather, botId: 'weatherbot' },
      { name: 'forecast', description: 'Next 3 days', botId: 'weatherbot' },
    ]);
    const listed = [
      { name: 'forecast', description: 'Next 3 days', botId: 'weatherbot' },
      { ...weather, botId: 'weatherbot' },
    ];
    expect(bo.received('commands.updated')).toEqual([{ type: 'commands.updated', commands: listed }]);
    expect((await (await connect('bo')).session.snapshot()).commands).toEqual(listed);
    expect(await bo.ok({ type: 'command.list' })).toEqual(listed);
    // Registering again replaces the bot's list.
    await bot.ok({ type: 'command.register', commands: [weather] });
    expect(await bo.ok({ type: 'command.list' })).toEqual([{ ...weather, botId: 'weatherbot' }]);
  });

  it('refuses people who are not bots, built-in names, names of another bot, duplicates and bad names', async () => {
    const { server, connect, bot, ana } = await world();
    expect(await ana.fail({ type: 'command.register', commands: [weather] })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only a bot/) });
    expect(await bot.fail({ type: 'command.register', commands: [{ name: 'me', description: 'x' }] })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/built-in/) });
    expect((await bot.fail({ type: 'command.register', commands: [weather, weather] })).code).toBe('invalid');
    expect((await bot.fail({ type: 'command.register', commands: [{ name: 'Bad Name', description: 'x' }] })).code).toBe('invalid');
    expect((await bot.fail({ type: 'command.register', commands: [{ name: 'ok', description: '' }] })).code).toBe('invalid');
    await bot.ok({ type: 'command.register', commands: [weather] });
    await server.upsertUser({ id: 'otherbot', name: 'Other', bot: true });
    const other = await connect('otherbot');
    expect(await other.fail({ type: 'command.register', commands: [weather] })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/another bot/) });
  });

  it('forgets a bot’s commands when the bot is deleted', async () => {
    const { server, bot, bo } = await world();
    await bot.ok({ type: 'command.register', commands: [weather] });
    bo.clear();
    await server.deleteUser('weatherbot');
    expect(bo.received('commands.updated')).toEqual([{ type: 'commands.updated', commands: [] }]);
    expect(await bo.ok({ type: 'command.list' })).toEqual([]);
  });
});

describe('command.invoke', () => {
  it('delivers command.invoked to the bot with the room, the person, the name, the arguments and an invocation id', async () => {
    const { bot, ana, bo, roomId } = await world();
    await bot.ok({ type: 'command.register', commands: [weather] });
    bot.clear();
    const { invocationId } = await ana.ok({ type: 'command.invoke', roomId, name: 'weather', args: 'Lisbon tomorrow' });
    expect(invocationId).toEqual(expect.any(String));
    expect(bot.received('command.invoked')).toEqual([{ type: 'command.invoked', roomId, userId: 'ana', name: 'weather', args: 'Lisbon tomorrow', invocationId }]);
    // Nothing is posted to the room and nobody else hears of it.
    expect(bo.received('command.invoked')).toEqual([]);
    expect((await ana.ok({ type: 'message.history', roomId })).messages).toEqual([]);
  });

  it('answers an unknown command with not_found, and a bot outside the room with a clear conflict', async () => {
    const { bot, ana, roomId } = await world();
    await bot.ok({ type: 'command.register', commands: [weather] });
    expect(await ana.fail({ type: 'command.invoke', roomId, name: 'nope', args: '' })).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no command \/nope/) });
    const lonely = (await ana.ok({ type: 'room.create', name: 'Solo', kind: 'private' })).id;
    expect(await ana.fail({ type: 'command.invoke', roomId: lonely, name: 'weather', args: '' })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/not in this room/) });
  });

  it('checks the invoker’s membership like any command', async () => {
    const { bot, person, roomId } = await world();
    await bot.ok({ type: 'command.register', commands: [weather] });
    const dan = await person('dan');
    expect((await dan.fail({ type: 'command.invoke', roomId, name: 'weather', args: '' })).code).toBe('not_found');
    bot.clear();
    expect(bot.received('command.invoked')).toEqual([]);
  });
});

describe('room topic and /me', () => {
  it('sets, trims and clears a room topic through room.update, and tells the members', async () => {
    const { ana, bo, roomId } = await world();
    bo.clear();
    expect((await ana.ok({ type: 'room.update', roomId, topic: '  Release on Friday ' })).topic).toBe('Release on Friday');
    expect(bo.received('room.updated').at(-1)?.room.topic).toBe('Release on Friday');
    expect((await ana.ok({ type: 'room.update', roomId, name: 'Renamed' })).topic).toBe('Release on Friday');
    expect((await ana.ok({ type: 'room.update', roomId, topic: '' })).topic).toBeUndefined();
    expect((await ana.fail({ type: 'room.update', roomId, topic: 'x'.repeat(251) })).code).toBe('too_large');
    expect((await bo.fail({ type: 'room.update', roomId, topic: 'mine' })).code).toBe('forbidden');
  });

  it('stores an action message with kind action', async () => {
    const { ana, bo, roomId } = await world();
    const message = await ana.ok({ type: 'message.send', roomId, clientId: 'me1', text: 'waves', kind: 'action' });
    expect(message).toMatchObject({ text: 'waves', kind: 'action' });
    expect((await bo.ok({ type: 'message.history', roomId })).messages[0]?.kind).toBe('action');
  });
});
