import type { Command } from '../../src/protocol';
import { setup } from './helpers';

/** Every command that names a room, as an outsider would send it. room.join is the one a non-member may use. */
function roomCommands(roomId: string, messageId: string): Command[] {
  return [
    { type: 'room.update', roomId, name: 'mine' },
    { type: 'room.delete', roomId },
    { type: 'room.leave', roomId },
    { type: 'room.addMembers', roomId, userIds: ['outsider'] },
    { type: 'room.removeMembers', roomId, userIds: ['ana'] },
    { type: 'room.setRole', roomId, userId: 'outsider', role: 'admin' },
    { type: 'message.send', roomId, clientId: 'c', text: 'hi' },
    { type: 'message.edit', roomId, messageId, text: 'x' },
    { type: 'message.delete', roomId, messageId },
    { type: 'message.history', roomId },
    { type: 'thread.history', roomId, parentId: messageId },
    { type: 'room.resume', roomId, afterSequence: 0 },
    { type: 'reaction.toggle', roomId, messageId, emoji: '👍' },
    { type: 'cursor.set', roomId, sequence: 1 },
    { type: 'cursor.list', roomId },
    { type: 'typing.start', roomId },
    { type: 'typing.stop', roomId },
  ];
}

async function world() {
  const env = await setup();
  const ana = await env.person('ana');
  const outsider = await env.person('outsider');
  const bo = await env.person('bo');
  await env.server.createRoom({ id: 'pub', name: 'pub', kind: 'public', createdBy: 'ana' });
  await env.server.createRoom({ id: 'priv', name: 'priv', kind: 'private', createdBy: 'ana' });
  const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
  const ids = {
    pub: (await ana.ok({ type: 'message.send', roomId: 'pub', clientId: 'm', text: 'x' })).id,
    priv: (await ana.ok({ type: 'message.send', roomId: 'priv', clientId: 'm', text: 'x' })).id,
    [direct.id]: (await ana.ok({ type: 'message.send', roomId: direct.id, clientId: 'm', text: 'x' })).id,
  };
  for (const who of [ana, outsider, bo]) who.clear();
  return { ...env, ana, bo, outsider, direct, ids };
}

describe('membership is checked on every read and write', () => {
  const types = roomCommands('x', 'y').map((command) => command.type);

  it.each(types)('%s by a non-member of a public room → forbidden, "join the room first"', async (type) => {
    const { outsider, ana, server, ids } = await world();
    const command = roomCommands('pub', ids.pub!).find((c) => c.type === type)!;
    const before = JSON.stringify(await server.getRoom('pub'));
    const error = await outsider.fail(command);
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/join the room first/);
    expect(JSON.stringify(await server.getRoom('pub'))).toBe(before);
    expect(ana.events).toEqual([]);
  });

  /** What an outsider hears for a room id: the whole answer, code and sentence, with the id itself left out. */
  async function answerAbout(outsider: { fail(command: unknown): Promise<{ code: string; message: string }> }, command: Command, roomId: string): Promise<string> {
    const error = await outsider.fail(command);
    return `${error.code}: ${error.message.replace(roomId, '<id>')}`;
  }

  it.each([...types, 'room.join'])('%s by a non-member of a private room answers exactly like an unknown room', async (type) => {
    const { outsider, ana, server, ids } = await world();
    const pick = (roomId: string, messageId: string) => [...roomCommands(roomId, messageId), { type: 'room.join', roomId } as Command].find((c) => c.type === type)!;
    const before = JSON.stringify(await server.getRoom('priv'));
    const hidden = await answerAbout(outsider, pick('priv', ids.priv!), 'priv');
    expect(hidden).toMatch(/^not_found: /);
    expect(hidden).toBe(await answerAbout(outsider, pick('none', ids.priv!), 'none'));
    expect(JSON.stringify(await server.getRoom('priv'))).toBe(before);
    expect(ana.events).toEqual([]);
  });

  it.each([...types, 'room.join'])('%s by a non-member of a direct room answers exactly like an unknown room', async (type) => {
    const { outsider, ana, direct, ids } = await world();
    const pick = (roomId: string, messageId: string) => [...roomCommands(roomId, messageId), { type: 'room.join', roomId } as Command].find((c) => c.type === type)!;
    const hidden = await answerAbout(outsider, pick(direct.id, ids[direct.id]!), direct.id);
    expect(hidden).toMatch(/^not_found: /);
    expect(hidden).toBe(await answerAbout(outsider, pick('none', ids[direct.id]!), 'none'));
    expect(ana.events).toEqual([]);
  });

  it('makes room and message ids unguessable: 128 random bits, never the next of a sequence', async () => {
    const { ana, server } = await world();
    const rooms: string[] = [];
    const messages: string[] = [];
    for (let i = 0; i < 50; i++) rooms.push((await ana.ok({ type: 'room.create', name: `r${i}`, kind: 'private' })).id);
    for (let i = 0; i < 50; i++) messages.push((await ana.ok({ type: 'message.send', roomId: 'priv', clientId: `u${i}`, text: 'x' })).id);
    for (const id of rooms) expect(id).toMatch(/^room_[a-z2-7]{26}$/);
    for (const id of messages) expect(id).toMatch(/^msg_[a-z2-7]{26}$/);
    expect(new Set(rooms).size).toBe(50);
    expect(new Set(messages).size).toBe(50);
    expect(await server.getRoom('room_1')).toBeUndefined();
    expect(await server.getRoom('room_2')).toBeUndefined();
  });

  it.each([...types, 'room.join'])('%s on an unknown room → not_found', async (type) => {
    const { outsider } = await world();
    const command = [...roomCommands('nope', 'm'), { type: 'room.join', roomId: 'nope' } as Command].find((c) => c.type === type)!;
    expect((await outsider.fail(command)).code).toBe('not_found');
  });

  it('a person removed from a room loses access at once and hears nothing more', async () => {
    const { ana, bo, server } = await world();
    await server.actAs('bo', { type: 'room.join', roomId: 'pub' });
    await ana.ok({ type: 'room.removeMembers', roomId: 'pub', userIds: ['bo'] });
    bo.clear();
    await ana.ok({ type: 'message.send', roomId: 'pub', clientId: 'after', text: 'private now' });
    await ana.ok({ type: 'typing.start', roomId: 'pub' });
    expect(bo.events).toEqual([]);
    expect((await bo.fail({ type: 'room.resume', roomId: 'pub', afterSequence: 0 })).code).toBe('forbidden');
  });
});
