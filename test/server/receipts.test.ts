import { TYPING_TTL_MS } from '../../src/protocol';
import { setup } from './helpers';

async function room() {
  const env = await setup();
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  const cy = await env.person('cy');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
  for (let i = 1; i <= 10; i++) await env.server.actAs('cy', { type: 'message.send', roomId: 'r', clientId: `c${i}`, text: `${i}` });
  for (const who of [ana, bo, cy]) who.clear();
  return { ...env, ana, bo, cy };
}

describe('read cursors', () => {
  it('moves forward, tells the room, and never moves backwards', async () => {
    const { ana, bo, clock } = await room();
    const first = await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 5 });
    expect(first).toEqual({ roomId: 'r', userId: 'bo', sequence: 5, updatedAt: clock.now });
    expect(ana.received('cursor.updated')).toEqual([{ type: 'cursor.updated', cursor: first }]);
    expect(bo.received('cursor.updated')).toHaveLength(1);
    ana.clear();
    clock.now += 10;
    expect(await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 3 })).toEqual(first);
    expect(await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 5 })).toEqual(first);
    expect(ana.events).toEqual([]);
    expect(await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 10 })).toEqual({ roomId: 'r', userId: 'bo', sequence: 10, updatedAt: clock.now });
    expect(ana.received('cursor.updated')).toHaveLength(1);
  });

  it('cannot pass the room’s last sequence', async () => {
    const { bo } = await room();
    expect((await bo.fail({ type: 'cursor.set', roomId: 'r', sequence: 11 })).code).toBe('invalid');
    expect((await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 10 })).sequence).toBe(10);
  });

  it('lists the room’s cursors, forgetting people who left', async () => {
    const { ana, bo, cy } = await room();
    await ana.ok({ type: 'cursor.set', roomId: 'r', sequence: 2 });
    await bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 4 });
    const listed = await cy.ok({ type: 'cursor.list', roomId: 'r' });
    expect(listed.map((c) => [c.userId, c.sequence])).toEqual([
      ['cy', 10],
      ['ana', 2],
      ['bo', 4],
    ]);
    await bo.ok({ type: 'room.leave', roomId: 'r' });
    expect((await cy.ok({ type: 'cursor.list', roomId: 'r' })).map((c) => c.userId)).toEqual(['cy', 'ana']);
  });
});

describe('typing', () => {
  it('tells the others with a ttl, and ends by typing.stop', async () => {
    const { ana, bo, cy } = await room();
    expect(await ana.ok({ type: 'typing.start', roomId: 'r' })).toEqual({ ttlMs: TYPING_TTL_MS });
    expect(bo.received('typing.started')).toEqual([{ type: 'typing.started', roomId: 'r', userId: 'ana', ttlMs: TYPING_TTL_MS }]);
    expect(cy.received('typing.started')).toHaveLength(1);
    expect(ana.received('typing.started')).toEqual([]);
    expect(await ana.ok({ type: 'typing.stop', roomId: 'r' })).toEqual({});
    expect(bo.received('typing.stopped')).toEqual([{ type: 'typing.stopped', roomId: 'r', userId: 'ana' }]);
    bo.clear();
    await ana.ok({ type: 'typing.stop', roomId: 'r' });
    expect(bo.events).toEqual([]);
  });

  it('expires on tick by the injected clock, and renewals push the start again', async () => {
    const { ana, bo, clock, server } = await room();
    await ana.ok({ type: 'typing.start', roomId: 'r' });
    clock.now += TYPING_TTL_MS - 1;
    await server.tick();
    expect(bo.received('typing.stopped')).toEqual([]);
    await ana.ok({ type: 'typing.start', roomId: 'r' });
    expect(bo.received('typing.started')).toHaveLength(2);
    clock.now += TYPING_TTL_MS - 1;
    await server.tick();
    expect(bo.received('typing.stopped')).toEqual([]);
    clock.now += 1;
    await server.tick();
    expect(bo.received('typing.stopped')).toEqual([{ type: 'typing.stopped', roomId: 'r', userId: 'ana' }]);
    await server.tick();
    expect(bo.received('typing.stopped')).toHaveLength(1);
  });

  it('is ephemeral: never in history or resume', async () => {
    const { ana, bo } = await room();
    await ana.ok({ type: 'typing.start', roomId: 'r' });
    expect((await bo.ok({ type: 'message.history', roomId: 'r' })).messages).toHaveLength(10);
    expect((await bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 10 })).messages).toEqual([]);
    expect((await bo.session.snapshot()).rooms[0]?.lastSequence).toBe(10);
  });

  it('stops when the typist’s last session closes or they leave', async () => {
    const { ana, bo, cy } = await room();
    await ana.ok({ type: 'typing.start', roomId: 'r' });
    await cy.ok({ type: 'typing.start', roomId: 'r' });
    await ana.session.close();
    expect(bo.received('typing.stopped')).toEqual([{ type: 'typing.stopped', roomId: 'r', userId: 'ana' }]);
    await cy.ok({ type: 'room.leave', roomId: 'r' });
    expect(bo.received('typing.stopped')).toHaveLength(2);
    expect((await bo.session.snapshot()).typing).toEqual([]);
  });
});
