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
});
