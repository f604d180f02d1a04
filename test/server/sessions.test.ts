import { ChatError, TYPING_TTL_MS, DEFAULT_LIMITS } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { setup } from './helpers';

describe('users and sessions', () => {
  it('refuses to connect an unknown user with unauthorized', () => {
    const { server } = setup();
    let error: unknown;
    try {
      server.connect('ghost', () => {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('unauthorized');
    expect((error as ChatError).message).toMatch(/ghost/);
  });

  it('upsertUser creates and updates, keeping presence, and rejects bad ids', () => {
    const { server, person } = setup();
    const ana = person('ana');
    const bo = person('bo');
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    bo.clear();
    server.upsertUser({ id: 'ana', name: 'Ana Lima', avatarUrl: 'https://x/a.png' });
    expect(server.getUser('ana')).toMatchObject({ name: 'Ana Lima', avatarUrl: 'https://x/a.png', presence: { state: 'online' } });
    expect(bo.received('user.updated')[0]?.user.name).toBe('Ana Lima');
    expect(ana.received('user.updated')).toHaveLength(1);
    expect(() => server.upsertUser({ id: 'bad id', name: 'x' })).toThrow(ChatError);
    expect(() => server.upsertUser({ id: 'ok', name: 'x', customData: JSON.parse('{"__proto__":{"polluted":1}}') })).toThrow(ChatError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(server.listUsers().map((user) => user.id)).toEqual(['ana', 'bo']);
  });

  it('is online while at least one session is open and offline with lastSeenAt when the last closes', () => {
    const { server, person, connect, clock } = setup();
    const bo = person('bo');
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
    expect(server.getUser('ana')?.presence).toEqual({ state: 'offline' });

    const tab1 = connect('ana');
    expect(bo.received('presence.changed')).toEqual([{ type: 'presence.changed', userId: 'ana', presence: { state: 'online' } }]);
    bo.clear();
    const tab2 = connect('ana');
    expect(bo.received('presence.changed')).toHaveLength(0);
    tab1.session.close();
    expect(tab1.session.closed).toBe(true);
    expect(server.getUser('ana')?.presence.state).toBe('online');
    expect(bo.received('presence.changed')).toHaveLength(0);

    clock.now += 1234;
    tab2.session.close();
    const offline = { state: 'offline', lastSeenAt: clock.now };
    expect(server.getUser('ana')?.presence).toEqual(offline);
    expect(bo.received('presence.changed')).toEqual([{ type: 'presence.changed', userId: 'ana', presence: offline }]);
    // Closing twice changes nothing.
    tab2.session.close();
    expect(bo.received('presence.changed')).toHaveLength(1);
  });

  it('pushes presence to people sharing a room and to the person’s other sessions only', () => {
    const { server, person, connect } = setup();
    const ana1 = person('ana');
    const stranger = person('stranger');
    const bo = person('bo');
    server.createRoom({ id: 'r', name: 'r', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    const ana2 = connect('ana');
    ana1.clear();
    bo.clear();
    stranger.clear();
    bo.session.close();
    expect(ana1.received('presence.changed')).toHaveLength(1);
    expect(ana2.received('presence.changed')).toHaveLength(1);
    expect(stranger.received('presence.changed')).toHaveLength(0);
    const bo2 = connect('bo');
    expect(bo2.events).toEqual([]);
    const ana3 = connect('ana');
    ana3.session.close();
    expect(ana1.received('presence.changed')).toHaveLength(2); // bo offline then online; ana3 changed nothing
  });

  it('a closed session refuses commands with unavailable and gets no more events', () => {
    const { person, server } = setup();
    const ana = person('ana');
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    ana.session.close();
    expect(ana.fail({ type: 'room.listPublic' }).code).toBe('unavailable');
    ana.clear();
    server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' });
    expect(ana.events).toEqual([]);
  });

  it('snapshot shows me, people sharing my rooms, my rooms, their cursors, blocks, live typing and limits', () => {
    const { server, person, clock } = setup();
    const ana = person('ana');
    const bo = person('bo');
    person('stranger');
    const cy = person('cy');
    server.createRoom({ id: 'mine', name: 'mine', kind: 'private', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    server.createRoom({ id: 'other', name: 'other', kind: 'public', createdBy: 'stranger' });
    bo.ok({ type: 'message.send', roomId: 'mine', clientId: 'c1', text: 'hi' });
    ana.ok({ type: 'user.block', userId: 'cy' });
    bo.ok({ type: 'typing.start', roomId: 'mine' });
    cy.ok({ type: 'typing.start', roomId: 'mine' });
    ana.ok({ type: 'typing.start', roomId: 'mine' });
    clock.now += 1000;

    const snapshot = ana.session.snapshot();
    expect(snapshot.me).toMatchObject({ id: 'ana', presence: { state: 'online' } });
    expect(snapshot.users.map((user) => user.id).sort()).toEqual(['ana', 'bo', 'cy']);
    expect(snapshot.rooms.map((room) => room.id)).toEqual(['mine']);
    expect(snapshot.rooms[0]?.lastSequence).toBe(1);
    expect(snapshot.cursors).toEqual([{ roomId: 'mine', userId: 'bo', sequence: 1, updatedAt: clock.now - 1000 }]);
    expect(snapshot.blockedUserIds).toEqual(['cy']);
    // Not my own typing, not a blocked person's typing.
    expect(snapshot.typing).toEqual([{ roomId: 'mine', userId: 'bo', ttlMs: TYPING_TTL_MS - 1000 }]);
    expect(snapshot.limits).toEqual({ ...DEFAULT_LIMITS });
    expect(snapshot.serverTime).toBe(clock.now);

    clock.now += TYPING_TTL_MS;
    expect(ana.session.snapshot().typing).toEqual([]);
  });

  it('applies limit overrides and refuses nonsense ones', () => {
    const server = createReferenceServer({ limits: { maxTextBytes: 10 } });
    expect(server.limits.maxTextBytes).toBe(10);
    expect(server.limits.maxMembersPerRoom).toBe(100);
    expect(() => createReferenceServer({ limits: { maxReplay: -1 } })).toThrow(ChatError);
  });

  it('actAs runs a command without a session, and refuses unknown people without throwing', () => {
    const { server, person } = setup();
    const bo = person('bo');
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const outcome = server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: 'c', text: 'seeded' });
    expect(outcome.ok).toBe(true);
    expect(bo.received('message.created')).toHaveLength(1);
    const unknown = server.actAs('ghost', { type: 'room.listPublic' });
    expect(unknown.ok ? null : unknown.error.code).toBe('unauthorized');
  });
});

describe('untrusted input', () => {
  const malformed: [string, unknown][] = [
    ['an empty object', {}],
    ['an unknown type', { type: 'nope' }],
    ['null', null],
    ['a string', 'message.send'],
    ['a number', 42],
    ['an array', [{ type: 'room.listPublic' }]],
    ['a wrong field type', { type: 'message.send', roomId: 'r', clientId: 'c', text: 42 }],
    ['a missing field', { type: 'message.send', roomId: 'r', text: 'x' }],
    ['a bad id', { type: 'room.join', roomId: 'has space' }],
    ['a negative sequence', { type: 'cursor.set', roomId: 'r', sequence: -1 }],
    ['a fractional limit', { type: 'message.history', roomId: 'r', limit: 1.5 }],
    ['a prototype key as id', { type: 'room.join', roomId: '__proto__' }],
    ['polluting custom data', JSON.parse('{"type":"room.update","roomId":"r","customData":{"__proto__":{"polluted":1}}}')],
    ['polluting nested custom data', JSON.parse('{"type":"message.send","roomId":"r","clientId":"c","text":"x","customData":{"a":{"constructor":{"prototype":{"polluted":1}}}}}')],
  ];

  it.each(malformed)('answers %s with invalid and never throws', (_label, input) => {
    const { person, server } = setup();
    const ana = person('ana');
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    ana.clear();
    const error = ana.fail(input);
    expect(error.code).toBe('invalid');
    expect(error.message.length).toBeGreaterThan(0);
    expect(ana.events).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(server.getRoom('r')?.customData).toBeUndefined();
  });

  it('answers a hostile getter with an error outcome instead of throwing', () => {
    const { person } = setup();
    const ana = person('ana');
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    const outcome = ana.session.handle(hostile);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error.code).toMatch(/^(invalid|internal)$/);
  });

  it('turns an unexpected exception into an internal outcome and keeps running', () => {
    let calls = 0;
    const { person, server } = setup({
      generateId: (kind) => {
        calls++;
        if (calls === 2) throw new Error('id service down');
        return `${kind}_${calls}`;
      },
    });
    const ana = person('ana');
    server.createRoom({ name: 'r', kind: 'public', createdBy: 'ana' });
    const roomId = ana.session.snapshot().rooms[0]!.id;
    ana.clear();
    const error = ana.fail({ type: 'message.send', roomId, clientId: 'c1', text: 'x' });
    expect(error.code).toBe('internal');
    expect(ana.events).toEqual([]);
    expect(server.getRoom(roomId)?.lastSequence).toBe(0);
    expect(ana.ok({ type: 'message.send', roomId, clientId: 'c1', text: 'x' }).sequence).toBe(1);
  });

  it('a throwing listener does not break the command or other sessions', () => {
    const { person, server } = setup();
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.connect('ana', () => {
      throw new Error('bad listener');
    });
    const bo = person('bo');
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    expect(bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' }).sequence).toBe(1);
    expect(bo.received('message.created')).toHaveLength(1);
  });
});

describe('event and result isolation', () => {
  it('mutating a received event or a result does not change server state or other sessions’ copies', () => {
    const { person, connect, server } = setup();
    const ana = person('ana');
    const ana2 = connect('ana');
    const bo = person('bo');
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const sent = ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'original', customData: { deep: { n: 1 } } });
    const event = bo.received('message.created')[0]!;
    event.message.text = 'hacked';
    (event.message.customData!.deep as { n: number }).n = 99;
    event.message.reactions.push({ emoji: 'x', userIds: ['bo'] });
    sent.text = 'hacked too';
    expect(ana.received('message.created')[0]?.message.text).toBe('original');
    expect(ana2.received('message.created')[0]?.message.text).toBe('original');
    const page = ana.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages[0]).toMatchObject({ text: 'original', customData: { deep: { n: 1 } }, reactions: [] });

    const joined = bo.received('room.joined')[0]!;
    joined.room.members.push({ userId: 'intruder', role: 'admin', joinedAt: 0 });
    joined.room.name = 'renamed';
    const room = server.getRoom('r')!;
    room.members.length = 0;
    expect(server.getRoom('r')?.members.map((member) => member.userId)).toEqual(['ana', 'bo']);
    expect(server.getRoom('r')?.name).toBe('r');

    const snapshot = ana.session.snapshot();
    snapshot.me.name = 'changed';
    snapshot.blockedUserIds.push('bo');
    expect(server.getUser('ana')?.name).toBe('ANA');
    expect(ana.session.snapshot().blockedUserIds).toEqual([]);
  });

  it('custom data passed in is copied, so the caller cannot change it later', () => {
    const { person, server } = setup();
    const ana = person('ana');
    const data = { a: { b: 1 } };
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', customData: data });
    data.a.b = 2;
    expect(server.getRoom('r')?.customData).toEqual({ a: { b: 1 } });
    const custom = { level: 1 };
    ana.ok({ type: 'user.update', customData: custom });
    custom.level = 2;
    expect(server.getUser('ana')?.customData).toEqual({ level: 1 });
  });
});

describe('re-entrant listeners', () => {
  it('a command run from inside a listener keeps every session’s events in order', () => {
    const { person, server } = setup();
    const bo = person('bo');
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
    let replied = false;
    const anaEvents: string[] = [];
    const ana = server.connect('ana', (event) => {
      if (event.type === 'message.created') anaEvents.push(`${event.message.sequence}`);
      if (event.type === 'message.created' && !replied) {
        replied = true;
        const outcome = ana.handle({ type: 'message.send', roomId: 'r', clientId: 'auto', text: 'auto-reply' });
        expect(outcome.ok).toBe(true);
      }
    });
    bo.clear();
    bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'hi' });
    expect(bo.received('message.created').map((e) => e.message.sequence)).toEqual([1, 2]);
    expect(anaEvents).toEqual(['1', '2']);
  });
});

describe('trusted seeding input', () => {
  it('createRoom refuses malformed input from JavaScript callers', () => {
    const { server } = setup();
    server.upsertUser({ id: 'ana', name: 'Ana' });
    const loose = server.createRoom as (input: unknown) => unknown;
    expect(() => loose({ name: 42, kind: 'public', createdBy: 'ana' })).toThrow(ChatError);
    expect(() => loose({ name: 'd', kind: 'direct', createdBy: 'ana' })).toThrow(ChatError);
    expect(() => loose({ name: 'd', kind: 'public', createdBy: 'ana', memberIds: 'bo' })).toThrow(ChatError);
    expect(() => loose({ name: 'd', kind: 'public', createdBy: 'ana', customData: JSON.parse('{"__proto__":{"x":1}}') })).toThrow(ChatError);
  });
});

describe('epoch', () => {
  it('every snapshot of one server names the same epoch, and another server names another', async () => {
    const { createReferenceServer } = await import('../../src/server');
    const first = createReferenceServer();
    first.upsertUser({ id: 'ana', name: 'Ana' });
    const a = first.connect('ana', () => {}).snapshot().epoch;
    const b = first.connect('ana', () => {}).snapshot().epoch;
    const second = createReferenceServer();
    second.upsertUser({ id: 'ana', name: 'Ana' });
    const c = second.connect('ana', () => {}).snapshot().epoch;
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const fixed = createReferenceServer({ epoch: 'restored-2026' });
    fixed.upsertUser({ id: 'ana', name: 'Ana' });
    expect(fixed.connect('ana', () => {}).snapshot().epoch).toBe('restored-2026');
  });
});
