import { roomCommands, selectRoomBotCommands } from '../../../src/core';
import type { BotCommand, Room } from '../../../src/protocol';

const weather: BotCommand = { name: 'weather', description: 'Weather', botId: 'weatherbot' };
const room = (id: string, kind: Room['kind'], memberIds: string[], memberCount?: number): Room => ({
  id,
  name: id,
  kind,
  createdBy: 'ana',
  createdAt: 0,
  lastSequence: 0,
  lastActivityAt: 0,
  members: memberIds.map((userId) => ({ userId, role: 'member', joinedAt: 0 })),
  ...(memberCount !== undefined ? { memberCount } : {}),
});

describe('selectRoomBotCommands', () => {
  it('offers a bot’s commands where the bot is a member, and keeps the same array while nothing changes', () => {
    const state = { botCommands: [weather], rooms: { team: room('team', 'private', ['ana', 'weatherbot']), solo: room('solo', 'private', ['ana']) } };
    expect(selectRoomBotCommands(state, 'team')).toEqual([weather]);
    expect(selectRoomBotCommands(state, 'team')).toBe(selectRoomBotCommands(state, 'team'));
    expect(selectRoomBotCommands(state, 'solo')).toEqual([]);
    expect(selectRoomBotCommands(state, 'missing')).toEqual([]);
  });

  it('offers every bot’s commands in a crowd, whose view names only some members', () => {
    const state = { botCommands: [weather], rooms: { hall: room('hall', 'public', ['ana'], 500) } };
    expect(selectRoomBotCommands(state, 'hall')).toEqual([weather]);
  });
});

describe('roomCommands', () => {
  it('leaves out /topic, /invite and /leave in a direct room', () => {
    const state = { botCommands: [], rooms: { dm: room('dm', 'direct', ['ana', 'bo']) } };
    expect(roomCommands(state, 'dm').map((command) => command.name)).toEqual(['me', 'shrug', 'poll', 'mute', 'unmute']);
  });
});
