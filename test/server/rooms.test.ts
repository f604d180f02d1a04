import type { Room } from '../../src/protocol';
import { setup, type Person } from './helpers';

async function people(make: (id: string) => Promise<Person>, count: number, prefix = 'u'): Promise<Person[]> {
  const made: Person[] = [];
  for (let index = 0; index < count; index++) made.push(await make(`${prefix}${index + 1}`));
  return made;
}

describe('room.create', () => {
  it('makes the creator admin, adds members, and tells each of them room.joined', async () => {
    const { person } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const room = await ana.ok({ type: 'room.create', name: '  Team  ', kind: 'private', memberIds: ['bo', 'bo', 'ana'], customData: { topic: 'x' } });
    expect(room).toMatchObject({ name: 'Team', kind: 'private', createdBy: 'ana', lastSequence: 0, customData: { topic: 'x' } });
    expect(room.members.map((m) => [m.userId, m.role])).toEqual([
      ['ana', 'admin'],
      ['bo', 'member'],
    ]);
    expect(ana.received('room.joined')[0]?.room).toEqual(room);
    expect(bo.received('room.joined')[0]?.room).toEqual(room);
  });

  it('accepts a 60-character name and refuses 61 with too_large; names count code points and are trimmed', async () => {
    const { person } = await setup();
    const ana = await person('ana');
    expect((await ana.ok({ type: 'room.create', name: 'a'.repeat(60), kind: 'public' })).name).toHaveLength(60);
    expect((await ana.ok({ type: 'room.create', name: '😀'.repeat(60), kind: 'public' })).name).toBe('😀'.repeat(60));
    expect((await ana.ok({ type: 'room.create', name: ` ${'b'.repeat(60)} `, kind: 'public' })).name).toBe('b'.repeat(60));
    const error = await ana.fail({ type: 'room.create', name: 'a'.repeat(61), kind: 'public' });
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/60/);
    expect((await ana.fail({ type: 'room.create', name: '😀'.repeat(61), kind: 'public' })).code).toBe('too_large');
    expect((await ana.fail({ type: 'room.create', name: '   ', kind: 'public' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'room.create', name: '', kind: 'public' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'room.create', name: 'x', kind: 'direct' })).code).toBe('invalid');
  });

  it('counts memberIds against the per-request and per-room limits, and refuses unknown people', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const ten = (await people(person, 11)).map((p) => p.id);
    expect((await ana.ok({ type: 'room.create', name: 'ten', kind: 'private', memberIds: ten.slice(0, 10) })).members).toHaveLength(11);
    expect((await ana.fail({ type: 'room.create', name: 'eleven', kind: 'private', memberIds: ten })).code).toBe('too_large');
    expect((await ana.fail({ type: 'room.create', name: 'ghost', kind: 'private', memberIds: ['ghost'] })).code).toBe('not_found');

    const small = await setup({ limits: { maxMembersPerRoom: 3 } });
    const cy = await small.person('cy');
    await people(small.person, 3);
    expect((await cy.ok({ type: 'room.create', name: 'three', kind: 'public', memberIds: ['u1', 'u2'] })).members).toHaveLength(3);
    expect((await cy.fail({ type: 'room.create', name: 'four', kind: 'public', memberIds: ['u1', 'u2', 'u3'] })).code).toBe('too_large');
    expect(await server.listUsers()).toHaveLength(12);
  });

  it('trusted createRoom validates too and refuses a duplicate id', async () => {
    const { server } = await setup();
    await server.upsertUser({ id: 'ana', name: 'Ana' });
    await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana' });
    await expect(server.createRoom({ id: 'general', name: 'again', kind: 'public', createdBy: 'ana' })).rejects.toThrow(/already exists/);
    await expect(server.createRoom({ name: 'x', kind: 'public', createdBy: 'ghost' })).rejects.toThrow(/ghost/);
    await expect(server.createRoom({ name: 'x'.repeat(61), kind: 'public', createdBy: 'ana' })).rejects.toThrow(/60/);
    await expect(server.createRoom({ id: 'bad id', name: 'x', kind: 'public', createdBy: 'ana' })).rejects.toThrow();
  });
});

describe('room.update and room.delete', () => {
  async function twoPeople() {
    const env = await setup();
    const ana = await env.person('ana');
    const bo = await env.person('bo');
    await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    ana.clear();
    bo.clear();
    return { ...env, ana, bo };
  }

  it('lets an admin rename and change custom data, telling every member', async () => {
    const { ana, bo } = await twoPeople();
    const room = await ana.ok({ type: 'room.update', roomId: 'r', name: ' New name ', customData: { a: 1 } });
    expect(room).toMatchObject({ name: 'New name', customData: { a: 1 } });
    expect(bo.received('room.updated')[0]?.room).toEqual(room);
    expect(ana.received('room.updated')).toHaveLength(1);
    expect((await ana.ok({ type: 'room.update', roomId: 'r', name: 'x'.repeat(60) })).name).toHaveLength(60);
    expect((await ana.fail({ type: 'room.update', roomId: 'r', name: 'x'.repeat(61) })).code).toBe('too_large');
    expect((await ana.fail({ type: 'room.update', roomId: 'r', name: ' ' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'room.update', roomId: 'r', customData: { big: 'x'.repeat(5200) } })).code).toBe('too_large');
  });

  it('refuses a non-admin', async () => {
    const { bo } = await twoPeople();
    expect((await bo.fail({ type: 'room.update', roomId: 'r', name: 'mine' })).code).toBe('forbidden');
    expect((await bo.fail({ type: 'room.delete', roomId: 'r' })).code).toBe('forbidden');
  });

  it('deletes for an admin: members get room.left deleted and the room is gone', async () => {
    const { ana, bo, server } = await twoPeople();
    expect(await ana.ok({ type: 'room.delete', roomId: 'r' })).toEqual({ roomId: 'r' });
    expect(bo.received('room.left')).toEqual([{ type: 'room.left', roomId: 'r', reason: 'deleted' }]);
    expect(ana.received('room.left')).toEqual([{ type: 'room.left', roomId: 'r', reason: 'deleted' }]);
    expect(await server.getRoom('r')).toBeUndefined();
    expect((await bo.session.snapshot()).rooms).toEqual([]);
    expect((await bo.fail({ type: 'message.history', roomId: 'r' })).code).toBe('not_found');
  });
});

describe('joining and leaving', () => {
  it('anyone may join a public room; others hear room.updated; joining twice is a no-op', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await server.createRoom({ id: 'pub', name: 'pub', kind: 'public', createdBy: 'ana' });
    ana.clear();
    const room = await bo.ok({ type: 'room.join', roomId: 'pub' });
    expect(room.members.map((m) => m.userId)).toEqual(['ana', 'bo']);
    expect(bo.received('room.joined')[0]?.room).toEqual(room);
    expect(bo.received('room.updated')).toHaveLength(0);
    expect(ana.received('room.updated')[0]?.room).toEqual(room);
    bo.clear();
    expect(await bo.ok({ type: 'room.join', roomId: 'pub' })).toEqual(room);
    expect(bo.events).toEqual([]);
  });

  it('answers joining a private or direct room one is not in like an unknown room: not_found', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const cy = await person('cy');
    await server.createRoom({ id: 'priv', name: 'priv', kind: 'private', createdBy: 'ana' });
    const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
    expect((await cy.fail({ type: 'room.join', roomId: 'priv' })).code).toBe('not_found');
    expect((await cy.fail({ type: 'room.join', roomId: direct.id })).code).toBe('not_found');
    expect((await bo.fail({ type: 'room.join', roomId: 'nope' })).code).toBe('not_found');
  });

  it('lets the 100th member join and refuses the 101st with too_large', async () => {
    const { person, server } = await setup();
    const crowd = await people(person, 101);
    await server.createRoom({ id: 'big', name: 'big', kind: 'public', createdBy: 'u1' });
    for (const member of crowd.slice(1, 100)) await member.ok({ type: 'room.join', roomId: 'big' });
    expect((await server.getRoom('big'))?.members).toHaveLength(100);
    const error = await crowd[100]!.fail({ type: 'room.join', roomId: 'big' });
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/100/);
    expect((await server.getRoom('big'))?.members).toHaveLength(100);
  });

  it('leave sends room.left to the leaver and room.updated to the rest; the eldest member inherits admin', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const cy = await person('cy');
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    bo.clear();
    expect(await ana.ok({ type: 'room.leave', roomId: 'r' })).toEqual({ roomId: 'r' });
    expect(ana.received('room.left')).toEqual([{ type: 'room.left', roomId: 'r', reason: 'left' }]);
    const updated = bo.received('room.updated')[0]?.room;
    expect(updated?.members.map((m) => [m.userId, m.role])).toEqual([
      ['bo', 'admin'],
      ['cy', 'member'],
    ]);
    expect((await ana.fail({ type: 'room.leave', roomId: 'r' })).code).toBe('forbidden');
    await bo.ok({ type: 'room.leave', roomId: 'r' });
    await cy.ok({ type: 'room.leave', roomId: 'r' });
    expect((await server.getRoom('r'))?.members).toEqual([]);
    // A room everyone left is claimed by whoever comes back first.
    expect((await ana.ok({ type: 'room.join', roomId: 'r' })).members).toEqual([{ userId: 'ana', role: 'admin', joinedAt: expect.any(Number) }]);
  });

  it('a direct room cannot be left', async () => {
    const { person } = await setup();
    const ana = await person('ana');
    await person('bo');
    const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
    expect((await ana.fail({ type: 'room.leave', roomId: direct.id })).code).toBe('forbidden');
  });
});

describe('room.addMembers and room.removeMembers', () => {
  it('adds 10 in one request and refuses 11 with too_large', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const others = (await people(person, 11)).map((p) => p.id);
    await server.createRoom({ id: 'a', name: 'a', kind: 'private', createdBy: 'ana' });
    await server.createRoom({ id: 'b', name: 'b', kind: 'private', createdBy: 'ana' });
    expect((await ana.ok({ type: 'room.addMembers', roomId: 'a', userIds: others.slice(0, 10) })).members).toHaveLength(11);
    const error = await ana.fail({ type: 'room.addMembers', roomId: 'b', userIds: others });
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/10/);
    expect((await server.getRoom('b'))?.members).toHaveLength(1);
  });

  it('fills a room to exactly 100 and refuses the 101st member', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const crowd = (await people(person, 100)).map((p) => p.id);
    await server.createRoom({ id: 'r', name: 'r', kind: 'private', createdBy: 'ana' });
    for (let i = 0; i < 99; i += 9) await ana.ok({ type: 'room.addMembers', roomId: 'r', userIds: crowd.slice(i, Math.min(i + 9, 99)) });
    expect((await server.getRoom('r'))?.members).toHaveLength(100);
    expect((await ana.fail({ type: 'room.addMembers', roomId: 'r', userIds: [crowd[99]!] })).code).toBe('too_large');
    // Already-members do not count as new.
    expect((await ana.ok({ type: 'room.addMembers', roomId: 'r', userIds: [crowd[0]!] })).members).toHaveLength(100);
  });

  it('sends room.joined to newcomers and room.updated to existing members; refuses unknown people', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const cy = await person('cy');
    await server.createRoom({ id: 'r', name: 'r', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    ana.clear();
    bo.clear();
    const room = await ana.ok({ type: 'room.addMembers', roomId: 'r', userIds: ['cy'] });
    expect(cy.received('room.joined')[0]?.room).toEqual(room);
    expect(cy.received('room.updated')).toEqual([]);
    expect(bo.received('room.updated')[0]?.room).toEqual(room);
    expect(ana.received('room.updated')).toHaveLength(1);
    const error = await ana.fail({ type: 'room.addMembers', roomId: 'r', userIds: ['ghost'] });
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/ghost/);
  });

  it('private rooms need an admin to add; public rooms let any member add', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await person('cy');
    await server.createRoom({ id: 'priv', name: 'priv', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    await server.createRoom({ id: 'pub', name: 'pub', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    expect((await bo.fail({ type: 'room.addMembers', roomId: 'priv', userIds: ['cy'] })).code).toBe('forbidden');
    expect((await bo.ok({ type: 'room.addMembers', roomId: 'pub', userIds: ['cy'] })).members).toHaveLength(3);
    expect((await ana.ok({ type: 'room.addMembers', roomId: 'priv', userIds: ['cy'] })).members).toHaveLength(3);
  });

  it('removes people (admin only), with room.left removed; 10 per request, 11 refused', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const crowd = (await people(person, 11)).map((p) => p.id);
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    for (const id of crowd) await server.actAs(id, { type: 'room.join', roomId: 'r' });
    expect((await bo.fail({ type: 'room.removeMembers', roomId: 'r', userIds: ['u1'] })).code).toBe('forbidden');
    expect((await ana.fail({ type: 'room.removeMembers', roomId: 'r', userIds: crowd })).code).toBe('too_large');
    expect((await ana.fail({ type: 'room.removeMembers', roomId: 'r', userIds: ['ghost'] })).code).toBe('not_found');
    ana.clear();
    bo.clear();
    const room = await ana.ok({ type: 'room.removeMembers', roomId: 'r', userIds: ['bo', ...crowd.slice(0, 9)] });
    expect(room.members.map((m) => m.userId)).toEqual(['ana', 'u10', 'u11']);
    expect(bo.received('room.left')).toEqual([{ type: 'room.left', roomId: 'r', reason: 'removed' }]);
    expect(bo.received('room.updated')).toEqual([]);
    expect(ana.received('room.updated')).toHaveLength(1);
    expect((await bo.fail({ type: 'message.history', roomId: 'r' })).code).toBe('forbidden');
  });

  it('lets a member remove only themselves, which counts as leaving', async () => {
    const { person, server } = await setup();
    const bo = await person('bo');
    await person('ana');
    await server.createRoom({ id: 'r', name: 'r', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    await bo.ok({ type: 'room.removeMembers', roomId: 'r', userIds: ['bo'] });
    expect(bo.received('room.left')).toEqual([{ type: 'room.left', roomId: 'r', reason: 'left' }]);
  });

  it('refuses managing members of a direct room', async () => {
    const { person } = await setup();
    const ana = await person('ana');
    await person('bo');
    await person('cy');
    const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
    expect((await ana.fail({ type: 'room.addMembers', roomId: direct.id, userIds: ['cy'] })).code).toBe('forbidden');
    expect((await ana.fail({ type: 'room.removeMembers', roomId: direct.id, userIds: ['bo'] })).code).toBe('forbidden');
    expect((await ana.fail({ type: 'room.setRole', roomId: direct.id, userId: 'bo', role: 'admin' })).code).toBe('forbidden');
    expect((await ana.fail({ type: 'room.update', roomId: direct.id, name: 'x' })).code).toBe('forbidden');
    expect((await ana.fail({ type: 'room.delete', roomId: direct.id })).code).toBe('forbidden');
  });
});

describe('room.setRole', () => {
  it('lets an admin promote and demote, telling members; the last admin cannot step down', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await server.createRoom({ id: 'r', name: 'r', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    expect((await bo.fail({ type: 'room.setRole', roomId: 'r', userId: 'bo', role: 'admin' })).code).toBe('forbidden');
    const last = await ana.fail({ type: 'room.setRole', roomId: 'r', userId: 'ana', role: 'member' });
    expect(last.code).toBe('conflict');
    bo.clear();
    const room = await ana.ok({ type: 'room.setRole', roomId: 'r', userId: 'bo', role: 'admin' });
    expect(room.members.find((m) => m.userId === 'bo')?.role).toBe('admin');
    expect(bo.received('room.updated')[0]?.room).toEqual(room);
    bo.clear();
    expect(await ana.ok({ type: 'room.setRole', roomId: 'r', userId: 'bo', role: 'admin' })).toEqual(room);
    expect(bo.events).toEqual([]);
    expect((await ana.ok({ type: 'room.setRole', roomId: 'r', userId: 'ana', role: 'member' })).members[0]?.role).toBe('member');
    expect((await ana.fail({ type: 'room.setRole', roomId: 'r', userId: 'ana', role: 'admin' })).code).toBe('forbidden');
    expect((await bo.fail({ type: 'room.setRole', roomId: 'r', userId: 'ghost', role: 'admin' })).code).toBe('not_found');
  });
});

describe('room.listPublic and direct.open', () => {
  it('lists public rooms only', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    await person('bo');
    await server.createRoom({ id: 'pub', name: 'pub', kind: 'public', createdBy: 'bo' });
    await server.createRoom({ id: 'priv', name: 'priv', kind: 'private', createdBy: 'bo' });
    await ana.ok({ type: 'direct.open', userId: 'bo' });
    expect((await ana.ok({ type: 'room.listPublic' })).map((room: Room) => room.id)).toEqual(['pub']);
  });

  it('opens one direct room per pair whoever opens it, and tells both', async () => {
    const { person } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const room = await ana.ok({ type: 'direct.open', userId: 'bo' });
    expect(room).toMatchObject({ kind: 'direct', name: '', createdBy: 'ana' });
    expect(room.members.map((m) => [m.userId, m.role])).toEqual([
      ['ana', 'member'],
      ['bo', 'member'],
    ]);
    expect(bo.received('room.joined')[0]?.room).toEqual(room);
    expect(ana.received('room.joined')).toHaveLength(1);
    bo.clear();
    expect((await bo.ok({ type: 'direct.open', userId: 'ana' })).id).toBe(room.id);
    expect((await ana.ok({ type: 'direct.open', userId: 'bo' })).id).toBe(room.id);
    expect(bo.events).toEqual([]);
    expect((await ana.fail({ type: 'direct.open', userId: 'ana' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'direct.open', userId: 'ghost' })).code).toBe('not_found');
  });
});
