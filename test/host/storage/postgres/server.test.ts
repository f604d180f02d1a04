import type { ServerEvent } from '../../../../src/protocol';
import { createChatServer, type AsyncStorage, type ChatServer, type ChatServerSession } from '../../../../src/server';
import { createPostgresStorage } from '../../../../src/host/storage/postgres';
import { createTestDatabase, testPostgresServer } from '../../../support/postgres';

// The server's rules on two hosts over one PostgreSQL database: what people on different hosts see.
let postgres: Awaited<ReturnType<typeof testPostgresServer>>;
const storages: AsyncStorage[] = [];
let hostA: ChatServer;
let hostB: ChatServer;

beforeAll(async () => {
  postgres = await testPostgresServer();
  const url = await createTestDatabase(postgres.url);
  storages.push(await createPostgresStorage({ url, hostId: 'a' }), await createPostgresStorage({ url, hostId: 'b' }));
  hostA = createChatServer({ storage: storages[0]!, floodLimit: false });
  hostB = createChatServer({ storage: storages[1]!, floodLimit: false });
  await hostA.upsertUser({ id: 'ana', name: 'Ana' });
  await hostB.upsertUser({ id: 'bo', name: 'Bo' });
  await hostA.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
});

afterAll(async () => {
  for (const storage of storages) await storage.close();
  await postgres?.release();
});

async function connect(server: ChatServer, userId: string): Promise<{ session: ChatServerSession; events: ServerEvent[] }> {
  const events: ServerEvent[] = [];
  const session = await server.connect(userId, (event) => events.push(event));
  return { session, events };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the server’s rules on two PostgreSQL hosts', () => {
  it('shows a message sent on one host to a person on the other, once, and a resend by client id stores nothing new', async () => {
    const ana = await connect(hostA, 'ana');
    const bo = await connect(hostB, 'bo');
    const sent = await ana.session.handle({ type: 'message.send', roomId: 'general', clientId: 'c-1', text: 'hello from A' });
    expect(sent.ok).toBe(true);
    await until(() => bo.events.some((event) => event.type === 'message.created'));
    const again = await bo.session.handle({ type: 'message.history', roomId: 'general' });
    expect(again.ok && again.value.messages.map((message) => message.text)).toEqual(['hello from A']);
    const resent = await hostB.actAs('ana', { type: 'message.send', roomId: 'general', clientId: 'c-1', text: 'hello from A' });
    expect(resent.ok && sent.ok && resent.value.id).toBe(sent.ok && sent.value.id);
    const created = bo.events.filter((event) => event.type === 'message.created');
    expect(created).toHaveLength(1);
    await ana.session.close();
    await bo.session.close();
  });

  it('shows presence and typing across hosts', async () => {
    const bo = await connect(hostB, 'bo');
    const ana = await connect(hostA, 'ana');
    await until(() => bo.events.some((event) => event.type === 'presence.changed' && event.userId === 'ana' && event.presence.state === 'online'));
    await ana.session.handle({ type: 'typing.start', roomId: 'general' });
    await until(() => bo.events.some((event) => event.type === 'typing.started' && event.userId === 'ana'));
    // Ana opens a second tab on host B, then closes the first: she stays online.
    const anaAgain = await connect(hostB, 'ana');
    bo.events.length = 0;
    await ana.session.close();
    await anaAgain.session.handle({ type: 'message.send', roomId: 'general', clientId: 'c-2', text: 'still here' });
    await until(() => bo.events.some((event) => event.type === 'message.created'));
    expect(bo.events.some((event) => event.type === 'presence.changed' && event.presence.state === 'offline')).toBe(false);
    await anaAgain.session.close();
    await until(() => bo.events.some((event) => event.type === 'presence.changed' && event.userId === 'ana' && event.presence.state === 'offline'));
    await bo.session.close();
  });

  it('gives a person connecting on either host the same snapshot of rooms and history', async () => {
    const onA = await (await connect(hostA, 'bo')).session;
    const onB = await (await connect(hostB, 'bo')).session;
    const [snapshotA, snapshotB] = await Promise.all([onA.snapshot(), onB.snapshot()]);
    expect(snapshotA.epoch).toBe(snapshotB.epoch);
    expect(snapshotA.rooms).toEqual(snapshotB.rooms);
    expect(snapshotA.rooms.find((room) => room.id === 'general')?.lastSequence).toBe(2);
    await onA.close();
    await onB.close();
  });

  it('applies moderation settings changed through one host (the admin API) on the other at once, without a restart', async () => {
    const bo = await connect(hostB, 'bo');
    // Host B has read the settings (none) before its first command.
    const before = await bo.session.handle({ type: 'message.send', roomId: 'general', clientId: 'mod-1', text: 'darn, before' });
    expect(before.ok).toBe(true);
    const set = await hostA.actAsSystem({ type: 'moderation.setSettings', words: ['darn'], floodLimit: { capacity: 2, refillPerSecond: 0.01 } });
    expect(set.ok).toBe(true);
    // The change crosses the bus: host B filters the word and limits the flood from now on.
    const blocked = async () => (await bo.session.handle({ type: 'message.send', roomId: 'general', clientId: `mod-${Math.random()}`, text: 'Darn it' })).ok;
    await untilAsync(async () => !(await blocked()));
    const sends = [];
    for (let n = 0; n < 3; n++) sends.push(await bo.session.handle({ type: 'message.send', roomId: 'general', clientId: `flood-${n}`, text: `fine ${n}` }));
    // Two tokens, one of which the refused send may have spent (it passed the gate before the new one came, or after).
    const codes = sends.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code));
    expect([codes[0], codes[2]]).toEqual(['ok', 'rate_limited']);
    // And back: host A's next change reaches host B too.
    expect((await hostA.actAsSystem({ type: 'moderation.setSettings', words: [], floodLimit: false })).ok).toBe(true);
    await untilAsync(blocked);
    await bo.session.close();
  });
});

/** Waits until an asynchronous check holds (a change crossing the bus takes a notification's time). */
async function untilAsync(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
