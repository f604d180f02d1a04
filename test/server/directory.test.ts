import { setup } from './helpers';

describe('room.listPublic: the public room directory', () => {
  it('pages by id with afterId and limit (at most 100), public rooms only, with their members', async () => {
    const { server, person } = await setup({ generateId: counterIds() });
    const ana = await person('ana');
    await person('bo');
    for (let index = 0; index < 7; index++) await server.createRoom({ id: `r${index}`, name: `room ${index}`, kind: 'public', createdBy: 'ana', memberIds: index === 0 ? ['bo'] : [] });
    await server.createRoom({ id: 'secret', name: 'room secret', kind: 'private', createdBy: 'ana' });
    await ana.ok({ type: 'direct.open', userId: 'bo' });

    const first = await ana.ok({ type: 'room.listPublic', limit: 3 });
    expect(first.map((room) => room.id)).toEqual(['r0', 'r1', 'r2']);
    expect(first[0]?.members.map((member) => member.userId)).toEqual(['ana', 'bo']);
    const second = await ana.ok({ type: 'room.listPublic', limit: 3, afterId: 'r2' });
    expect(second.map((room) => room.id)).toEqual(['r3', 'r4', 'r5']);
    const last = await ana.ok({ type: 'room.listPublic', limit: 3, afterId: 'r5' });
    expect(last.map((room) => room.id)).toEqual(['r6']);
    // Without a limit: one page of at most 100.
    expect(await ana.ok({ type: 'room.listPublic' })).toHaveLength(7);
    expect((await ana.fail({ type: 'room.listPublic', limit: 0 })).code).toBe('invalid');
    expect((await ana.fail({ type: 'room.listPublic', afterId: '' })).code).toBe('invalid');
  });

  it('caps a page at 100 rooms', async () => {
    const { server, person } = await setup();
    const ana = await person('ana');
    for (let index = 0; index < 102; index++) await server.createRoom({ id: `r${String(index).padStart(3, '0')}`, name: `r${index}`, kind: 'public', createdBy: 'ana' });
    const page = await ana.ok({ type: 'room.listPublic', limit: 500 });
    expect(page).toHaveLength(100);
    expect(await ana.ok({ type: 'room.listPublic', afterId: page[99]?.id ?? '' })).toHaveLength(2);
  });

  it('filters by a part of the name, any case, and pages the matches', async () => {
    const { server, person } = await setup();
    const ana = await person('ana');
    const names = ['Design', 'random', 'design-reviews', 'Product', 'redesign', 'music'];
    for (const [index, name] of names.entries()) await server.createRoom({ id: `r${index}`, name, kind: 'public', createdBy: 'ana' });
    const matches = await ana.ok({ type: 'room.listPublic', nameContains: '  DESIGN ' });
    expect(matches.map((room) => room.name)).toEqual(['Design', 'design-reviews', 'redesign']);
    const firstTwo = await ana.ok({ type: 'room.listPublic', nameContains: 'design', limit: 2 });
    expect(firstTwo.map((room) => room.name)).toEqual(['Design', 'design-reviews']);
    const rest = await ana.ok({ type: 'room.listPublic', nameContains: 'design', limit: 2, afterId: firstTwo[1]?.id ?? '' });
    expect(rest.map((room) => room.name)).toEqual(['redesign']);
    expect(await ana.ok({ type: 'room.listPublic', nameContains: 'nothing like it' })).toEqual([]);
  });
});

describe('joining and leaving', () => {
  it('join from the directory, leave, and join again; a private room one left cannot be rejoined', async () => {
    const { server, person } = await setup();
    await person('ana');
    const bo = await person('bo');
    await server.createRoom({ id: 'open', name: 'open', kind: 'public', createdBy: 'ana' });
    await server.createRoom({ id: 'closed', name: 'closed', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    expect((await bo.ok({ type: 'room.join', roomId: 'open' })).members).toHaveLength(2);
    await bo.ok({ type: 'room.leave', roomId: 'open' });
    expect(bo.received('room.left')).toEqual([{ type: 'room.left', roomId: 'open', reason: 'left' }]);
    expect((await bo.fail({ type: 'message.history', roomId: 'open' })).code).toBe('forbidden');
    expect((await bo.ok({ type: 'room.join', roomId: 'open' })).members).toHaveLength(2);
    await bo.ok({ type: 'room.leave', roomId: 'closed' });
    expect((await bo.fail({ type: 'room.join', roomId: 'closed' })).code).toBe('not_found');
    expect((await bo.fail({ type: 'room.leave', roomId: 'closed' })).code).toBe('not_found');
  });

  it('the last admin who leaves hands the role to the longest-standing member; an emptied public room makes its next joiner admin', async () => {
    const { server, person, clock } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const cy = await person('cy');
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    clock.now += 1000;
    await bo.ok({ type: 'room.join', roomId: 'r' });
    clock.now += 1000;
    await cy.ok({ type: 'room.join', roomId: 'r' });
    await ana.ok({ type: 'room.leave', roomId: 'r' });
    const after = await server.getRoom('r');
    expect(after?.members.map((member) => [member.userId, member.role])).toEqual([
      ['bo', 'admin'],
      ['cy', 'member'],
    ]);
    await bo.ok({ type: 'room.leave', roomId: 'r' });
    await cy.ok({ type: 'room.leave', roomId: 'r' });
    expect((await server.getRoom('r'))?.members).toEqual([]);
    expect((await ana.ok({ type: 'room.join', roomId: 'r' })).members).toEqual([{ userId: 'ana', role: 'admin', joinedAt: clock.now }]);
  });
});

function counterIds(): (kind: 'room' | 'message') => string {
  let next = 0;
  return (kind) => `${kind}_${String(++next).padStart(4, '0')}`;
}
