import { BUILT_IN_COMMANDS, createChatClient, matchCommands, roomCommands, runSlashCommand, selectMessages, SHRUG, type ChatClient } from '../../../src/core';
import { createReferenceServer } from '../../../src/server';
import { createMemoryTransport } from '../../../src/transports/memory';

const clients: ChatClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));

async function world() {
  const server = createReferenceServer({ floodLimit: false });
  server.upsertUser({ id: 'ana', name: 'Ana Lima' });
  server.upsertUser({ id: 'bo', name: 'Bo Svensson' });
  server.upsertUser({ id: 'weatherbot', name: 'Weather', bot: true });
  server.createRoom({ id: 'team', name: 'Team', kind: 'private', createdBy: 'ana', memberIds: ['weatherbot'] });
  server.createRoom({ id: 'general', name: 'General', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  const invoked: unknown[] = [];
  const bot = server.connect('weatherbot', (event) => {
    if (event.type === 'command.invoked') invoked.push(event);
  });
  bot.handle({ type: 'command.register', commands: [{ name: 'weather', description: 'Today’s weather', args: '<city>' }] });
  const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
  clients.push(client);
  await client.connect();
  return { server, client, invoked };
}

describe('the command registry', () => {
  it('offers the built-ins that fit the room and the commands of bots in it, with their help', async () => {
    const { client } = await world();
    const state = client.store.getState();
    expect(roomCommands(state, 'team').map((command) => command.name)).toEqual([...BUILT_IN_COMMANDS.map((command) => command.name), 'weather']);
    expect(roomCommands(state, 'team').at(-1)).toEqual({ name: 'weather', description: 'Today’s weather', args: '<city>', runs: 'bot', botId: 'weatherbot' });
    // The bot is not in general: its command is not offered there.
    expect(roomCommands(state, 'general').map((command) => command.name)).not.toContain('weather');
    expect(matchCommands(roomCommands(state, 'team'), 'w').map((command) => command.name)).toEqual(['weather']);
  });
});

describe('client.runCommand', () => {
  it('/me sends an action message and /shrug appends the shrug', async () => {
    const { client } = await world();
    await (await client.runCommand('general', { name: 'me', args: 'waves' })).sent;
    await (await client.runCommand('general', { name: 'shrug', args: 'no idea' })).sent;
    await client.loadOlder('general');
    const messages = selectMessages(client.store.getState(), 'general');
    expect(messages.map((message) => [message.text, message.kind])).toEqual([
      ['waves', 'action'],
      [`no idea ${SHRUG}`, undefined],
    ]);
  });

  it('/topic sets the room topic, /invite adds a person by @name, /leave leaves', async () => {
    const { client, server } = await world();
    await client.runCommand('team', { name: 'topic', args: 'Release on Friday' });
    expect(client.store.getState().rooms['team']?.topic).toBe('Release on Friday');
    await client.getUsers(['bo']);
    await client.runCommand('team', { name: 'invite', args: '@Bo Svensson' });
    expect((await server.getRoom('team'))?.members.map((member) => member.userId)).toContain('bo');
    await client.runCommand('general', { name: 'leave', args: '' });
    expect(client.store.getState().rooms['general']).toBeUndefined();
  });

  it('sends a bot command to the server, which delivers it to the bot', async () => {
    const { client, invoked } = await world();
    await client.runCommand('team', { name: 'weather', args: 'Lisbon' });
    expect(invoked).toEqual([expect.objectContaining({ type: 'command.invoked', roomId: 'team', userId: 'ana', name: 'weather', args: 'Lisbon' })]);
  });

  it('refuses an unknown command, a bot command where the bot is not, and /me without text, sending nothing', async () => {
    const { client } = await world();
    await expect(client.runCommand('general', { name: 'nosuch', args: 'x' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no command \/nosuch/) });
    await expect(client.runCommand('general', { name: 'weather', args: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.runCommand('general', { name: 'me', args: '' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(client.runCommand('general', { name: 'invite', args: '@nobody' })).rejects.toMatchObject({ code: 'not_found' });
    await client.loadOlder('general');
    expect(selectMessages(client.store.getState(), 'general')).toEqual([]);
    expect(client.store.getState().timelines['general']?.pending ?? []).toEqual([]);
  });


});

describe('/mute and /unmute', () => {
  it('set the room’s own settings through the host', async () => {
    const { client } = await world();
    const calls: unknown[] = [];
    const host = {
      store: client.store,
      sendMessage: client.sendMessage.bind(client),
      addMembers: client.addMembers.bind(client),
      leaveRoom: client.leaveRoom.bind(client),
      updateRoom: client.updateRoom.bind(client),
      request: client.request.bind(client),
      setRoomSettings: async (roomId: string, patch: { muted: boolean }) => {
        calls.push([roomId, patch]);
      },
    };
    await runSlashCommand(host, 'general', { name: 'mute', args: '' });
    await runSlashCommand(host, 'general', { name: 'unmute', args: '' });
    expect(calls).toEqual([
      ['general', { muted: true }],
      ['general', { muted: false }],
    ]);
  });

  it('answer that they are not available on a host that cannot mute rooms', async () => {
    const { client } = await world();
    const { store, sendMessage, addMembers, leaveRoom, updateRoom, request } = client;
    const host = { store, sendMessage, addMembers, leaveRoom, updateRoom, request };
    await expect(runSlashCommand(host, 'general', { name: 'mute', args: '' })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/not available/) });
  });
});
