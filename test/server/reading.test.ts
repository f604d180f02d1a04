import { setup } from './helpers';

/** Ana, Bo and Cy in room r; Cy sent messages 1..10 (their ids are m1..m10 by sequence). */
async function room() {
  const env = await setup();
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  const cy = await env.person('cy');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
  const ids: string[] = [];
  for (let i = 1; i <= 10; i++) ids.push((await cy.ok({ type: 'message.send', roomId: 'r', clientId: `c${i}`, text: `${i}` })).id);
  for (const who of [ana, bo, cy]) who.clear();
  return { ...env, ana, bo, cy, ids };
}

describe('cursor.markUnread', () => {
  it('moves one’s own cursor back to just before the message and tells only one’s own sessions', async () => {
    const env = await room();
    const { ana, bo, ids } = env;
    await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 9 });
    const boOtherTab = await env.connect('bo');
    ana.clear();
    bo.clear();
    const cursor = await bo.ok({ type: 'cursor.markUnread', roomId: 'r', messageId: ids[5]! });
    expect(cursor).toMatchObject({ userId: 'bo', sequence: 5, markedUnread: true });
    expect(boOtherTab.received('cursor.updated').map((event) => event.cursor)).toEqual([cursor]);
    // Marking unread is a note to oneself: Ana keeps seeing Bo's receipt at 9.
    expect(ana.received('cursor.updated')).toEqual([]);
    const seenByAna = (await ana.ok({ type: 'cursor.list', roomId: 'r' })).find((item) => item.userId === 'bo');
    expect(seenByAna).toMatchObject({ sequence: 9 });
    expect(seenByAna?.markedUnread).toBeUndefined();
  });

  it('survives a new session (the snapshot carries the lower cursor and the flag) until the person reads on', async () => {
    const env = await room();
    const { bo, ana, ids } = env;
    await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 10 });
    await bo.ok({ type: 'cursor.markUnread', roomId: 'r', messageId: ids[2]! });
    const reloaded = await env.connect('bo');
    const snapshot = await reloaded.session.snapshot();
    expect(snapshot.cursors.find((item) => item.userId === 'bo')).toMatchObject({ sequence: 2, markedUnread: true });
    ana.clear();
    // Reading on clears the flag; Ana hears nothing until Bo passes where she saw him (10).
    const read = await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 6 });
    expect(read.markedUnread).toBeUndefined();
    expect(read.sequence).toBe(6);
    expect(ana.received('cursor.updated')).toEqual([]);
    const again = await env.connect('bo');
    expect((await again.session.snapshot()).cursors.find((item) => item.userId === 'bo')?.markedUnread).toBeUndefined();
    await env.server.actAs('cy', { type: 'message.send', roomId: 'r', clientId: 'c11', text: '11' });
    await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 11 });
    expect(ana.received('cursor.updated').map((event) => event.cursor.sequence)).toEqual([11]);
  });

  it('never moves forward, and refuses a message that is not in the room or a room one is not in', async () => {
    const { bo, ids, person } = await room();
    await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 3 });
    expect(await bo.ok({ type: 'cursor.markUnread', roomId: 'r', messageId: ids[7]! })).toMatchObject({ sequence: 3 });
    expect((await bo.fail({ type: 'cursor.markUnread', roomId: 'r', messageId: 'nope' })).code).toBe('not_found');
    const dee = await person('dee');
    expect((await dee.fail({ type: 'cursor.markUnread', roomId: 'r', messageId: ids[0]! })).code).toBe('forbidden');
    expect((await bo.fail({ type: 'cursor.markUnread', roomId: 'r' })).code).toBe('invalid');
  });

  it('is undone by sending a message (sending reads the room)', async () => {
    const { bo, ids } = await room();
    await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 10 });
    await bo.ok({ type: 'cursor.markUnread', roomId: 'r', messageId: ids[4]! });
    await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'b1', text: 'back' });
    expect((await bo.ok({ type: 'cursor.list', roomId: 'r' })).find((item) => item.userId === 'bo')).toMatchObject({ sequence: 11 });
    expect((await bo.ok({ type: 'cursor.list', roomId: 'r' })).find((item) => item.userId === 'bo')?.markedUnread).toBeUndefined();
  });
});

describe('cursor.delivered', () => {
  it('stores the highest sequence that reached a person and tells the others, not the reporter', async () => {
    const { ana, bo, cy } = await room();
    const cursor = await bo.ok({ type: 'cursor.delivered', roomId: 'r', sequence: 7 });
    expect(cursor).toMatchObject({ userId: 'bo', sequence: 0, deliveredSequence: 7 });
    expect(cy.received('cursor.updated').map((event) => event.cursor)).toEqual([expect.objectContaining({ userId: 'bo', deliveredSequence: 7 })]);
    expect(ana.received('cursor.updated')).toHaveLength(1);
    expect(bo.received('cursor.updated')).toEqual([]);
    // Lower, equal, or already read: nothing changes and nobody hears of it.
    cy.clear();
    expect(await bo.ok({ type: 'cursor.delivered', roomId: 'r', sequence: 5 })).toMatchObject({ deliveredSequence: 7 });
    await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 9 });
    cy.clear();
    expect((await bo.ok({ type: 'cursor.delivered', roomId: 'r', sequence: 9 })).deliveredSequence).toBeUndefined();
    expect(cy.received('cursor.updated')).toEqual([]);
    const listed = (await cy.ok({ type: 'cursor.list', roomId: 'r' })).find((item) => item.userId === 'bo');
    expect(listed).toMatchObject({ sequence: 9 });
  });

  it('is listed for members who have not read anything yet, and survives a new session', async () => {
    const env = await room();
    await env.bo.ok({ type: 'cursor.delivered', roomId: 'r', sequence: 10 });
    const fresh = await env.connect('cy');
    const snapshot = await fresh.session.snapshot();
    expect(snapshot.cursors.find((item) => item.userId === 'bo')).toMatchObject({ sequence: 0, deliveredSequence: 10 });
  });

  it('in a crowd, is stored but told to nobody (the others ask cursor.list), like reads', async () => {
    const env = await setup({ crowdSize: 2 });
    const ana = await env.person('ana');
    const bo = await env.person('bo');
    const cy = await env.person('cy');
    await env.server.createRoom({ id: 'big', name: 'big', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    await cy.ok({ type: 'message.send', roomId: 'big', clientId: 'c1', text: 'hello crowd' });
    ana.clear();
    cy.clear();
    expect(await bo.ok({ type: 'cursor.delivered', roomId: 'big', sequence: 1 })).toMatchObject({ deliveredSequence: 1 });
    expect(cy.received('cursor.updated')).toEqual([]);
    expect(ana.received('cursor.updated')).toEqual([]);
    expect((await cy.ok({ type: 'cursor.list', roomId: 'big' })).find((item) => item.userId === 'bo')).toMatchObject({ deliveredSequence: 1 });
  });

  it('refuses a sequence beyond the room’s newest, and a non-member', async () => {
    const { bo, person } = await room();
    expect((await bo.fail({ type: 'cursor.delivered', roomId: 'r', sequence: 11 })).code).toBe('invalid');
    const dee = await person('dee');
    expect((await dee.fail({ type: 'cursor.delivered', roomId: 'r', sequence: 1 })).code).toBe('forbidden');
  });
});
