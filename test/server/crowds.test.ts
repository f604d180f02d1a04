import { setup } from './helpers';

/** A public room `hall` made by ana with `count` members (ana admin), on a server whose crowds start above 3. */
async function crowd(count: number) {
  const env = await setup({ crowdSize: 3, limits: { maxMembersPerRoom: 50 } });
  const ids = Array.from({ length: count }, (_, index) => (index === 0 ? 'ana' : `p${index}`));
  for (const id of ids) await env.server.upsertUser({ id, name: id.toUpperCase() });
  await env.server.createRoom({ id: 'hall', name: 'hall', kind: 'public', createdBy: 'ana', memberIds: ids.slice(1) });
  return { ...env, ids };
}

describe('crowds: rooms with more members than crowdSize', () => {
  it('carry only their admins and memberCount in views and snapshots, with the reader’s own cursor and the people shown', async () => {
    const { connect, server } = await crowd(6);
    const p1 = await connect('p1');
    await p1.ok({ type: 'message.send', roomId: 'hall', clientId: 'c1', text: 'hello' });
    await p1.ok({ type: 'cursor.set', roomId: 'hall', sequence: 1 });
    const snapshot = await p1.session.snapshot();
    const hall = snapshot.rooms.find((room) => room.id === 'hall')!;
    expect(hall.members.map((member) => [member.userId, member.role])).toEqual([['ana', 'admin']]);
    expect(hall.memberCount).toBe(6);
    expect(snapshot.cursors.map((cursor) => cursor.userId)).toEqual(['p1']);
    // Themselves, the admin the view names, the preview's author: not the other four.
    expect(snapshot.users.map((user) => user.id).sort()).toEqual(['ana', 'p1']);
    expect((await server.getRoom('hall'))?.memberCount).toBe(6);
  });

  it('keep small rooms whole', async () => {
    const { connect } = await crowd(3);
    const p1 = await connect('p1');
    const hall = (await p1.session.snapshot()).rooms.find((room) => room.id === 'hall')!;
    expect(hall.members.map((member) => member.userId)).toEqual(['ana', 'p1', 'p2']);
    expect(hall.memberCount).toBe(3);
  });

  it('page their members with profiles on demand, in join order, for members only', async () => {
    const { connect, person } = await crowd(6);
    const p2 = await connect('p2');
    const first = await p2.ok({ type: 'room.members', roomId: 'hall', limit: 4 });
    expect(first.members.map((member) => member.userId)).toEqual(['ana', 'p1', 'p2', 'p3']);
    expect(first.users.map((user) => [user.id, user.presence.state])).toEqual([
      ['ana', 'offline'],
      ['p1', 'offline'],
      ['p2', 'online'],
      ['p3', 'offline'],
    ]);
    expect(first.hasMore).toBe(true);
    const rest = await p2.ok({ type: 'room.members', roomId: 'hall', afterUserId: 'p3', limit: 4 });
    expect(rest.members.map((member) => member.userId)).toEqual(['p4', 'p5']);
    expect(rest.hasMore).toBe(false);
    const outsider = await person('zed');
    expect((await outsider.fail({ type: 'room.members', roomId: 'hall' })).code).toBe('forbidden');
  });

  it('tell a read only to the reader’s own devices, and presence only to people sharing a smaller room', async () => {
    const { connect, server } = await crowd(6);
    const p1 = await connect('p1');
    const p2 = await connect('p2');
    await server.createRoom({ id: 'pair', name: 'pair', kind: 'private', createdBy: 'p1', memberIds: ['p3'] });
    const p3 = await connect('p3');
    p1.clear();
    p2.clear();
    const p4 = await connect('p4');
    await p4.ok({ type: 'message.send', roomId: 'hall', clientId: 'm', text: 'hi' });
    expect(p2.received('message.created')).toHaveLength(1);
    expect(p2.received('presence.changed')).toEqual([]);
    p1.clear();
    p3.clear();
    const p4again = await connect('p4');
    await p1.ok({ type: 'message.send', roomId: 'hall', clientId: 'm2', text: 'hello p4' });
    p2.clear();
    await p4.ok({ type: 'cursor.set', roomId: 'hall', sequence: 2 });
    expect(p2.received('cursor.updated')).toEqual([]);
    expect(p4again.received('cursor.updated').map((event) => event.cursor.userId)).toEqual(['p4']);
    // p1 and p3 share a small room: they hear each other's presence.
    await p3.session.close();
    expect(p1.received('presence.changed').map((event) => [event.userId, event.presence.state])).toContainEqual(['p3', 'offline']);
    expect(p2.received('presence.changed')).toEqual([]);
  });

  it('tell a plain member joining or leaving only to the admins (memberCount), not to every member', async () => {
    const { connect, person } = await crowd(6);
    const ana = await connect('ana');
    const p1 = await connect('p1');
    const newbie = await person('newbie');
    for (const who of [ana, p1]) who.clear();
    const joined = await newbie.ok({ type: 'room.join', roomId: 'hall' });
    expect(joined.memberCount).toBe(7);
    expect(newbie.received('room.joined').map((event) => event.room.memberCount)).toEqual([7]);
    expect(ana.received('room.updated').map((event) => [event.room.memberCount, event.room.members.map((member) => member.userId)])).toEqual([[7, ['ana']]]);
    expect(p1.received('room.updated')).toEqual([]);
    await newbie.ok({ type: 'room.leave', roomId: 'hall' });
    await ana.ok({ type: 'room.addMembers', roomId: 'hall', userIds: ['newbie'] });
    await ana.ok({ type: 'room.removeMembers', roomId: 'hall', userIds: ['newbie'] });
    expect(ana.received('room.updated').map((event) => event.room.memberCount)).toEqual([7, 6, 7, 6]);
    expect(p1.received('room.updated')).toEqual([]);
    // p1 still learns the count with the room's next view.
    expect((await p1.session.snapshot()).rooms.find((room) => room.id === 'hall')?.memberCount).toBe(6);
  });

  it('tell every member the new count once per crowd-count sweep, however many joined and left since', async () => {
    const { connect, person, server } = await crowd(6);
    const ana = await connect('ana');
    const p1 = await connect('p1');
    const p2 = await connect('p2');
    const newcomers = [await person('n1'), await person('n2'), await person('n3')];
    for (const who of newcomers) await who.ok({ type: 'room.join', roomId: 'hall' });
    await newcomers[0]!.ok({ type: 'room.leave', roomId: 'hall' });
    for (const who of [ana, p1, p2]) who.clear();
    expect(p1.received('room.updated')).toEqual([]);
    expect(await server.sweepCrowdCounts()).toBe(1);
    for (const who of [ana, p1, p2]) expect(who.received('room.updated').map((event) => [event.room.memberCount, event.room.members.map((member) => member.userId)])).toEqual([[8, ['ana']]]);
    // Nothing changed since: the next sweep tells nobody.
    for (const who of [ana, p1, p2]) who.clear();
    expect(await server.sweepCrowdCounts()).toBe(0);
    expect(p1.received('room.updated')).toEqual([]);
  });

  it('forget a stale count of a crowd that was deleted', async () => {
    const { connect, person, server } = await crowd(6);
    const ana = await connect('ana');
    await (await person('n1')).ok({ type: 'room.join', roomId: 'hall' });
    await ana.ok({ type: 'room.delete', roomId: 'hall' });
    expect(await server.sweepCrowdCounts()).toBe(0);
    expect(await server.sweepCrowdCounts()).toBe(0);
  });

  it('tell everyone when the view changes: an admin joins or leaves, or the room becomes or stops being a crowd', async () => {
    const { connect, person } = await crowd(3);
    const p1 = await connect('p1');
    const p3 = await person('p3');
    const p4 = await person('p4');
    p1.clear();
    // 3 → 4 members: now a crowd, whose view names only the admins: everyone hears it.
    await p3.ok({ type: 'room.join', roomId: 'hall' });
    expect(p1.received('room.updated').map((event) => event.room.members.map((member) => member.userId))).toEqual([['ana']]);
    p1.clear();
    await p4.ok({ type: 'room.join', roomId: 'hall' });
    expect(p1.received('room.updated')).toEqual([]);
    await p4.ok({ type: 'room.leave', roomId: 'hall' });
    expect(p1.received('room.updated')).toEqual([]);
    // 4 → 3: a small room again, every member named.
    await p3.ok({ type: 'room.leave', roomId: 'hall' });
    expect(p1.received('room.updated').map((event) => event.room.members.map((member) => member.userId))).toEqual([['ana', 'p1', 'p2']]);
    p1.clear();
    await p3.ok({ type: 'room.join', roomId: 'hall' });
    await p4.ok({ type: 'room.join', roomId: 'hall' });
    p1.clear();
    // The admin leaving changes who the view names.
    const ana = await connect('ana');
    await ana.ok({ type: 'room.leave', roomId: 'hall' });
    expect(p1.received('room.updated')).toHaveLength(1);
  });
});
