import { TYPING_TTL_MS } from '../../src/protocol';
import { setup } from './helpers';

function room() {
  const env = setup();
  const ana = env.person('ana');
  const bo = env.person('bo');
  const cy = env.person('cy');
  env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
  for (let i = 1; i <= 10; i++) env.server.actAs('cy', { type: 'message.send', roomId: 'r', clientId: `c${i}`, text: `${i}` });
  for (const who of [ana, bo, cy]) who.clear();
  return { ...env, ana, bo, cy };
}

describe('read cursors', () => {
  it('moves forward, tells the room, and never moves backwards', () => {
    const { ana, bo, clock } = room();
    const first = bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 5 });
    expect(first).toEqual({ roomId: 'r', userId: 'bo', sequence: 5, updatedAt: clock.now });
    expect(ana.received('cursor.updated')).toEqual([{ type: 'cursor.updated', cursor: first }]);
    expect(bo.received('cursor.updated')).toHaveLength(1);
    ana.clear();
    clock.now += 10;
    expect(bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 3 })).toEqual(first);
    expect(bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 5 })).toEqual(first);
    expect(ana.events).toEqual([]);
    expect(bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 10 })).toEqual({ roomId: 'r', userId: 'bo', sequence: 10, updatedAt: clock.now });
    expect(ana.received('cursor.updated')).toHaveLength(1);
  });

  it('cannot pass the room’s last sequence', () => {
    const { bo } = room();
    expect(bo.fail({ type: 'cursor.set', roomId: 'r', sequence: 11 }).code).toBe('invalid');
    expect(bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 10 }).sequence).toBe(10);
  });

  it('lists the room’s cursors, forgetting people who left', () => {
    const { ana, bo, cy } = room();
    ana.ok({ type: 'cursor.set', roomId: 'r', sequence: 2 });
    bo.ok({ type: 'cursor.set', roomId: 'r', sequence: 4 });
    const listed = cy.ok({ type: 'cursor.list', roomId: 'r' });
    expect(listed.map((c) => [c.userId, c.sequence])).toEqual([
      ['cy', 10],
      ['ana', 2],
      ['bo', 4],
    ]);
    bo.ok({ type: 'room.leave', roomId: 'r' });
    expect(cy.ok({ type: 'cursor.list', roomId: 'r' }).map((c) => c.userId)).toEqual(['cy', 'ana']);
  });
});

describe('typing', () => {
  it('tells the others with a ttl, and ends by typing.stop', () => {
    const { ana, bo, cy } = room();
    expect(ana.ok({ type: 'typing.start', roomId: 'r' })).toEqual({ ttlMs: TYPING_TTL_MS });
    expect(bo.received('typing.started')).toEqual([{ type: 'typing.started', roomId: 'r', userId: 'ana', ttlMs: TYPING_TTL_MS }]);
    expect(cy.received('typing.started')).toHaveLength(1);
    expect(ana.received('typing.started')).toEqual([]);
    expect(ana.ok({ type: 'typing.stop', roomId: 'r' })).toEqual({});
    expect(bo.received('typing.stopped')).toEqual([{ type: 'typing.stopped', roomId: 'r', userId: 'ana' }]);
    bo.clear();
    ana.ok({ type: 'typing.stop', roomId: 'r' });
    expect(bo.events).toEqual([]);
  });

  it('expires on tick by the injected clock, and renewals push the start again', () => {
    const { ana, bo, clock, server } = room();
    ana.ok({ type: 'typing.start', roomId: 'r' });
    clock.now += TYPING_TTL_MS - 1;
    server.tick();
    expect(bo.received('typing.stopped')).toEqual([]);
    ana.ok({ type: 'typing.start', roomId: 'r' });
    expect(bo.received('typing.started')).toHaveLength(2);
    clock.now += TYPING_TTL_MS - 1;
    server.tick();
    expect(bo.received('typing.stopped')).toEqual([]);
    clock.now += 1;
    server.tick();
    expect(bo.received('typing.stopped')).toEqual([{ type: 'typing.stopped', roomId: 'r', userId: 'ana' }]);
    server.tick();
    expect(bo.received('typing.stopped')).toHaveLength(1);
  });

  it('is ephemeral: never in history or resume', () => {
    const { ana, bo } = room();
    ana.ok({ type: 'typing.start', roomId: 'r' });
    expect(bo.ok({ type: 'message.history', roomId: 'r' }).messages).toHaveLength(10);
    expect(bo.ok({ type: 'room.resume', roomId: 'r', afterSequence: 10 }).messages).toEqual([]);
    expect(bo.session.snapshot().rooms[0]?.lastSequence).toBe(10);
  });

  it('stops when the typist’s last session closes or they leave', () => {
    const { ana, bo, cy } = room();
    ana.ok({ type: 'typing.start', roomId: 'r' });
    cy.ok({ type: 'typing.start', roomId: 'r' });
    ana.session.close();
    expect(bo.received('typing.stopped')).toEqual([{ type: 'typing.stopped', roomId: 'r', userId: 'ana' }]);
    cy.ok({ type: 'room.leave', roomId: 'r' });
    expect(bo.received('typing.stopped')).toHaveLength(2);
    expect(bo.session.snapshot().typing).toEqual([]);
  });
});
