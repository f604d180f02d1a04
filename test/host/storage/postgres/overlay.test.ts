import type { AsyncStorage, StorageTx } from '../../../../src/server';
import { createPostgresStorage } from '../../../../src/host/storage/postgres';
import { createTestDatabase, testPostgresServer } from '../../../support/postgres';
import { message, roomRow, user } from '../../../storage/suite';

// The PostgreSQL engine answers reads from what a transaction loaded, with the transaction's own
// writes applied: these pin that a work sees what it wrote before anything is stored.
let server: Awaited<ReturnType<typeof testPostgresServer>>;
let storage: AsyncStorage;

beforeAll(async () => {
  server = await testPostgresServer();
  storage = await createPostgresStorage({ url: await createTestDatabase(server.url) });
  await storage.transaction((tx) => {
    for (const id of ['ana', 'bo', 'cy']) tx.putUser(user(id));
    tx.insertRoom(roomRow('stored'));
    tx.putMember('stored', { userId: 'ana', role: 'admin', joinedAt: 1 });
    tx.putMember('stored', { userId: 'bo', role: 'member', joinedAt: 2 });
    for (let sequence = 1; sequence <= 5; sequence++) tx.insertMessage(message('stored', sequence));
    tx.updateRoom('stored', { lastSequence: 5 });
  });
});

afterAll(async () => {
  await storage?.close();
  await server?.release();
});

/** Everything a work can ask, as one value, to compare inside and after the transaction. */
function everything(tx: StorageTx) {
  return {
    roomsOfAna: tx.roomIdsOf('ana'),
    roomsOfCy: tx.roomIdsOf('cy'),
    audienceOfCy: tx.audienceOf('cy'),
    audienceOfBo: tx.audienceOf('bo'),
    publicRooms: tx.listPublicRooms({ limit: 10 }).map((room) => [room.id, room.members.map((member) => member.userId)]),
    users: tx.listUsers({ limit: 10 }).map((person) => person.name),
    some: tx.getUsers(['dee', 'nobody', 'ana']).map((person) => person.id),
    blockersOfBo: tx.blockersOf('bo'),
    direct: tx.directRoomId('cy', 'ana'),
    page: tx.topLevelBefore('stored', 100, 3).map((m) => m.sequence),
    after: tx.topLevelAfter('stored', 4, 10).map((m) => [m.sequence, m.text]),
    between: tx.messagesBetween('stored', 5, 7).map((m) => m.sequence),
    replies: tx.repliesBefore('stored', 'stored-5', 100, 10).map((m) => m.sequence),
    byClientId: tx.getMessageByClientId('stored', 'ana', 'c-stored-6')?.id,
    edited: tx.getMessage('stored', 'stored-2')?.text,
  };
}

describe('PostgreSQL transactions read their own writes', () => {
  it('answers every read with the transaction’s writes applied, and the same once committed', async () => {
    let attempts = 0;
    const inside = await storage.transaction((tx) => {
      attempts++;
      tx.putUser(user('dee', { name: 'Dee' }));
      tx.putUser(user('ana', { name: 'Ana renamed' }));
      tx.setBlocked('ana', ['bo']);
      tx.insertRoom(roomRow('fresh'));
      tx.putMember('fresh', { userId: 'cy', role: 'admin', joinedAt: 3 });
      tx.putMember('fresh', { userId: 'ana', role: 'member', joinedAt: 4 });
      tx.deleteMember('stored', 'bo');
      tx.setDirectRoom('ana', 'cy', 'fresh');
      tx.insertMessage(message('stored', 6));
      tx.insertMessage(message('stored', 7, { parentId: 'stored-5' }));
      tx.updateMessage({ ...message('stored', 2), text: 'edited' });
      tx.updateRoom('stored', { lastSequence: 7 });
      return everything(tx);
    });
    expect(attempts).toBeGreaterThan(1);
    expect(inside).toEqual({
      roomsOfAna: ['stored', 'fresh'],
      roomsOfCy: ['fresh'],
      audienceOfCy: ['ana', 'cy'],
      audienceOfBo: ['bo'],
      publicRooms: [
        ['fresh', ['cy', 'ana']],
        ['stored', ['ana']],
      ],
      users: ['Ana renamed', 'BO', 'CY', 'Dee'],
      some: ['dee', 'ana'],
      blockersOfBo: ['ana'],
      direct: 'fresh',
      page: [4, 5, 6],
      after: [
        [5, 'message 5'],
        [6, 'message 6'],
      ],
      between: [5, 6, 7],
      replies: [7],
      byClientId: 'stored-6',
      edited: 'edited',
    });
    expect(await storage.transaction(everything, { readOnly: true })).toEqual(inside);
  });

  it('forgets a deleted room in every read of the same transaction', async () => {
    const inside = await storage.transaction((tx) => {
      tx.deleteRoom('fresh');
      return { room: tx.getRoom('fresh'), rooms: tx.roomIdsOf('cy'), direct: tx.directRoomId('ana', 'cy'), listed: tx.listPublicRooms({ limit: 10 }).map((room) => room.id) };
    });
    expect(inside).toEqual({ room: undefined, rooms: [], direct: undefined, listed: ['stored'] });
    expect(await storage.transaction((tx) => tx.getRoom('fresh'), { readOnly: true })).toBeUndefined();
  });

  it('loads what it needs even when the work catches every error it meets', async () => {
    const found = await storage.transaction((tx) => {
      try {
        return tx.getUser('bo')?.user.name;
      } catch {
        return 'swallowed';
      }
    });
    expect(found).toBe('BO');
  });
});
