import { ChatError, TYPING_TTL_MS, DEFAULT_LIMITS } from '../../src/protocol';
import { createReferenceServer } from '../../src/server';
import { setup } from './helpers';

describe('users and sessions', () => {
  it('refuses to connect an unknown user with unauthorized', async () => {
    const { server } = await setup();
    let error: unknown;
    try {
      await server.connect('ghost', () => {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('unauthorized');
    expect((error as ChatError).message).toMatch(/ghost/);
  });

  it('sweeps people left online with no open session (their host died) to offline, telling their audience', async () => {
    const { server, person, storage, clock } = await setup();
    const ana = await person('ana');
    await server.upsertUser({ id: 'bo', name: 'BO' });
    await server.upsertUser({ id: 'cy', name: 'CY' });
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    // What a host that died leaves behind: bo and cy stored as online, with no session anywhere.
    await storage.transaction((tx) => {
      for (const id of ['bo', 'cy']) tx.putUser({ ...tx.getUser(id)!.user, presence: { state: 'online' } });
    });
    ana.clear();
    clock.now += 1000;
    expect(await server.sweepPresence()).toBe(2);
    expect(ana.received('presence.changed').map((event) => [event.userId, event.presence])).toEqual([
      ['bo', { state: 'offline', lastSeenAt: clock.now }],
      ['cy', { state: 'offline', lastSeenAt: clock.now }],
    ]);
    // Ana has a session: she stays online, and a second sweep finds no one.
    expect((await server.getUser('ana'))?.presence.state).toBe('online');
    expect(await server.sweepPresence()).toBe(0);
  });

  it('upsertUser creates and updates, keeping presence, and rejects bad ids', async () => {
    const { server, person } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    bo.clear();
    await server.upsertUser({ id: 'ana', name: 'Ana Lima', avatarUrl: 'https://x/a.png' });
    expect(await server.getUser('ana')).toMatchObject({ name: 'Ana Lima', avatarUrl: 'https://x/a.png', presence: { state: 'online' } });
    expect(bo.received('user.updated')[0]?.user.name).toBe('Ana Lima');
    expect(ana.received('user.updated')).toHaveLength(1);
    await expect(server.upsertUser({ id: 'bad id', name: 'x' })).rejects.toThrow(ChatError);
    await expect(server.upsertUser({ id: 'ok', name: 'x', customData: JSON.parse('{"__proto__":{"polluted":1}}') })).rejects.toThrow(ChatError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await server.listUsers()).map((user) => user.id)).toEqual(['ana', 'bo']);
  });

  it('is online while at least one session is open and offline with lastSeenAt when the last closes', async () => {
    const { server, person, connect, clock } = await setup();
    const bo = await person('bo');
    await server.upsertUser({ id: 'ana', name: 'Ana' });
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
    expect((await server.getUser('ana'))?.presence).toEqual({ state: 'offline' });

    const tab1 = await connect('ana');
    expect(bo.received('presence.changed')).toEqual([{ type: 'presence.changed', userId: 'ana', presence: { state: 'online' } }]);
    bo.clear();
    const tab2 = await connect('ana');
    expect(bo.received('presence.changed')).toHaveLength(0);
    await tab1.session.close();
    expect(tab1.session.closed).toBe(true);
    expect((await server.getUser('ana'))?.presence.state).toBe('online');
    expect(bo.received('presence.changed')).toHaveLength(0);

    clock.now += 1234;
    await tab2.session.close();
    const offline = { state: 'offline', lastSeenAt: clock.now };
    expect((await server.getUser('ana'))?.presence).toEqual(offline);
    expect(bo.received('presence.changed')).toEqual([{ type: 'presence.changed', userId: 'ana', presence: offline }]);
    // Closing twice changes nothing.
    await tab2.session.close();
    expect(bo.received('presence.changed')).toHaveLength(1);
  });

  it('pushes presence to people sharing a room and to the person’s other sessions only', async () => {
    const { server, person, connect } = await setup();
    const ana1 = await person('ana');
    const stranger = await person('stranger');
    const bo = await person('bo');
    await server.createRoom({ id: 'r', name: 'r', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
    const ana2 = await connect('ana');
    ana1.clear();
    bo.clear();
    stranger.clear();
    await bo.session.close();
    expect(ana1.received('presence.changed')).toHaveLength(1);
    expect(ana2.received('presence.changed')).toHaveLength(1);
    expect(stranger.received('presence.changed')).toHaveLength(0);
    const bo2 = await connect('bo');
    expect(bo2.events).toEqual([]);
    const ana3 = await connect('ana');
    await ana3.session.close();
    expect(ana1.received('presence.changed')).toHaveLength(2); // bo offline then online; ana3 changed nothing
  });

  it('a closed session refuses commands with unavailable and gets no more events', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    await ana.session.close();
    expect((await ana.fail({ type: 'room.listPublic' })).code).toBe('unavailable');
    ana.clear();
    await server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' });
    expect(ana.events).toEqual([]);
  });

  it('snapshot shows me, people sharing my rooms, my rooms, their cursors, blocks, live typing and limits', async () => {
    const { server, person, clock } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await person('stranger');
    const cy = await person('cy');
    await server.createRoom({ id: 'mine', name: 'mine', kind: 'private', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    await server.createRoom({ id: 'other', name: 'other', kind: 'public', createdBy: 'stranger' });
    await bo.ok({ type: 'message.send', roomId: 'mine', clientId: 'c1', text: 'hi' });
    await ana.ok({ type: 'user.block', userId: 'cy' });
    await bo.ok({ type: 'typing.start', roomId: 'mine' });
    await cy.ok({ type: 'typing.start', roomId: 'mine' });
    await ana.ok({ type: 'typing.start', roomId: 'mine' });
    clock.now += 1000;

    const snapshot = await ana.session.snapshot();
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
    expect((await ana.session.snapshot()).typing).toEqual([]);
  });

  it('applies limit overrides and refuses nonsense ones', async () => {
    const server = createReferenceServer({ limits: { maxTextBytes: 10 } });
    expect(server.limits.maxTextBytes).toBe(10);
    expect(server.limits.maxMembersPerRoom).toBe(100);
    expect(() => createReferenceServer({ limits: { maxReplay: -1 } })).toThrow(ChatError);
  });

  it('actAs runs a command without a session, and refuses unknown people without throwing', async () => {
    const { server, person } = await setup();
    const bo = await person('bo');
    await server.upsertUser({ id: 'ana', name: 'Ana' });
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const outcome = await server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: 'c', text: 'seeded' });
    expect(outcome.ok).toBe(true);
    expect(bo.received('message.created')).toHaveLength(1);
    const unknown = await server.actAs('ghost', { type: 'room.listPublic' });
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

  it.each(malformed)('answers %s with invalid and never throws', async (_label, input) => {
    const { person, server } = await setup();
    const ana = await person('ana');
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana' });
    ana.clear();
    const error = await ana.fail(input);
    expect(error.code).toBe('invalid');
    expect(error.message.length).toBeGreaterThan(0);
    expect(ana.events).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((await server.getRoom('r'))?.customData).toBeUndefined();
  });

  it('answers a hostile getter with an error outcome instead of throwing', async () => {
    const { person } = await setup();
    const ana = await person('ana');
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    const outcome = await ana.session.handle(hostile);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error.code).toMatch(/^(invalid|internal)$/);
  });

  it('turns an unexpected exception into an internal outcome and keeps running', async () => {
    let calls = 0;
    const { person, server } = await setup({
      generateId: (kind) => {
        calls++;
        if (calls === 2) throw new Error('id service down');
        return `${kind}_${calls}`;
      },
    });
    const ana = await person('ana');
    await server.createRoom({ name: 'r', kind: 'public', createdBy: 'ana' });
    const roomId = (await ana.session.snapshot()).rooms[0]!.id;
    ana.clear();
    const error = await ana.fail({ type: 'message.send', roomId, clientId: 'c1', text: 'x' });
    expect(error.code).toBe('internal');
    expect(ana.events).toEqual([]);
    expect((await server.getRoom(roomId))?.lastSequence).toBe(0);
    expect((await ana.ok({ type: 'message.send', roomId, clientId: 'c1', text: 'x' })).sequence).toBe(1);
  });

  it('a throwing listener does not break the command or other sessions', async () => {
    const { person, server } = await setup();
    await server.upsertUser({ id: 'ana', name: 'Ana' });
    await server.connect('ana', () => {
      throw new Error('bad listener');
    });
    const bo = await person('bo');
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    expect((await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' })).sequence).toBe(1);
    expect(bo.received('message.created')).toHaveLength(1);
  });
});

describe('event and result isolation', () => {
  it('mutating a received event or a result does not change server state or other sessions’ copies', async () => {
    const { person, connect, server } = await setup();
    const ana = await person('ana');
    const ana2 = await connect('ana');
    const bo = await person('bo');
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'original', customData: { deep: { n: 1 } } });
    const event = bo.received('message.created')[0]!;
    event.message.text = 'hacked';
    (event.message.customData!.deep as { n: number }).n = 99;
    event.message.reactions.push({ emoji: 'x', userIds: ['bo'] });
    sent.text = 'hacked too';
    expect(ana.received('message.created')[0]?.message.text).toBe('original');
    expect(ana2.received('message.created')[0]?.message.text).toBe('original');
    const page = await ana.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages[0]).toMatchObject({ text: 'original', customData: { deep: { n: 1 } }, reactions: [] });

    const joined = bo.received('room.joined')[0]!;
    joined.room.members.push({ userId: 'intruder', role: 'admin', joinedAt: 0 });
    joined.room.name = 'renamed';
    const room = (await server.getRoom('r'))!;
    room.members.length = 0;
    expect((await server.getRoom('r'))?.members.map((member) => member.userId)).toEqual(['ana', 'bo']);
    expect((await server.getRoom('r'))?.name).toBe('r');

    const snapshot = await ana.session.snapshot();
    snapshot.me.name = 'changed';
    snapshot.blockedUserIds.push('bo');
    expect((await server.getUser('ana'))?.name).toBe('ANA');
    expect((await ana.session.snapshot()).blockedUserIds).toEqual([]);
  });

  it('custom data passed in is copied, so the caller cannot change it later', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const data = { a: { b: 1 } };
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', customData: data });
    data.a.b = 2;
    expect((await server.getRoom('r'))?.customData).toEqual({ a: { b: 1 } });
    const custom = { level: 1 };
    await ana.ok({ type: 'user.update', customData: custom });
    custom.level = 2;
    expect((await server.getUser('ana'))?.customData).toEqual({ level: 1 });
  });
});

describe('re-entrant listeners', () => {
  it('a command run from inside a listener keeps every session’s events in order', async () => {
    const { person, server } = await setup();
    const bo = await person('bo');
    await server.upsertUser({ id: 'ana', name: 'Ana' });
    await server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
    let replied = false;
    let reply: ReturnType<typeof ana.handle> | undefined;
    const anaEvents: string[] = [];
    const ana = await server.connect('ana', (event) => {
      if (event.type === 'message.created') anaEvents.push(`${event.message.sequence}`);
      if (event.type === 'message.created' && !replied) {
        replied = true;
        reply = ana.handle({ type: 'message.send', roomId: 'r', clientId: 'auto', text: 'auto-reply' });
      }
    });
    bo.clear();
    await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'hi' });
    // The reply is its own transaction: on an asynchronous engine it commits after bo's send answered.
    expect((await reply)?.ok).toBe(true);
    expect(bo.received('message.created').map((e) => e.message.sequence)).toEqual([1, 2]);
    expect(anaEvents).toEqual(['1', '2']);
  });
});

describe('trusted seeding input', () => {
  it('createRoom refuses malformed input from JavaScript callers', async () => {
    const { server } = await setup();
    await server.upsertUser({ id: 'ana', name: 'Ana' });
    const loose = server.createRoom as (input: unknown) => Promise<unknown>;
    await expect(loose({ name: 42, kind: 'public', createdBy: 'ana' })).rejects.toThrow(ChatError);
    await expect(loose({ name: 'd', kind: 'direct', createdBy: 'ana' })).rejects.toThrow(ChatError);
    await expect(loose({ name: 'd', kind: 'public', createdBy: 'ana', memberIds: 'bo' })).rejects.toThrow(ChatError);
    await expect(loose({ name: 'd', kind: 'public', createdBy: 'ana', customData: JSON.parse('{"__proto__":{"x":1}}') })).rejects.toThrow(ChatError);
  });
});

describe('epoch', () => {
  it('every snapshot of one server names the same epoch, and another server names another', async () => {
    const first = await setup();
    await first.person('ana');
    const a = (await (await first.connect('ana')).session.snapshot()).epoch;
    const b = (await (await first.connect('ana')).session.snapshot()).epoch;
    const second = await setup();
    const c = (await (await second.person('ana')).session.snapshot()).epoch;
    // Random per store: 32 hex digits for memory, a UUID made with a SQL database.
    expect(a).toMatch(/^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const fixed = await setup({ epoch: 'restored-2026' });
    expect((await (await fixed.person('ana')).session.snapshot()).epoch).toBe('restored-2026');
  });
});
