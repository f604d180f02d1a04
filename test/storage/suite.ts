import { ChatError, type Message, type ServerEvent, type User } from '../../src/protocol';
import type { Delivery, RoomRow, StorageEngine, StorageTx, TransactionOptions } from '../../src/server';

declare module '../../src/server/storage/records' {
  interface RecordTypes {
    /** A kind of record only this suite uses. */
    contractNote: { text: string; tags: string[] };
    contractOther: number;
  }
}

/**
 * One storage engine under test. `open` makes an engine with no data; `reopen` (durable engines
 * only) closes the engine it is given and opens the same data again; `dispose` removes whatever
 * the engines left (a temp folder, a database).
 */
export interface StorageHarness {
  open(): Promise<StorageEngine>;
  reopen?(engine: StorageEngine): Promise<StorageEngine>;
  dispose(): Promise<void> | void;
}

/**
 * The contract of `StorageTx` and `StorageEngine` (src/server/storage/types.ts), run against one
 * engine. Every work passed to `transaction` touches nothing outside but through `tx` (it may read
 * outer variables): an asynchronous engine may run it more than once.
 *
 * @example
 * describeStorageContract('memory', async () => ({ open: async () => createMemoryStorage(), dispose() {} }));
 */
export function describeStorageContract(name: string, makeHarness: () => Promise<StorageHarness> | StorageHarness): void {
  describe(`storage contract: ${name}`, () => {
    let harness: StorageHarness;
    let engine: StorageEngine;

    beforeEach(async () => {
      harness = await makeHarness();
      engine = await harness.open();
    });
    afterEach(async () => {
      await engine.close();
      await harness.dispose();
    });

    /** Runs a work and waits for it whether the engine is sync or async. */
    const run = async <T>(work: (tx: StorageTx) => T, options?: TransactionOptions): Promise<T> => await engine.transaction(work, options);
    /** Runs a work that must fail and answers its error. */
    const fails = async (work: (tx: StorageTx) => unknown, options?: TransactionOptions): Promise<unknown> => {
      try {
        await engine.transaction(work, options);
      } catch (error) {
        return error;
      }
      throw new Error('expected the transaction to fail');
    };

    describe('people', () => {
      it('stores a profile and reads back an equal, unshared copy', async () => {
        const ana = user('ana', { avatarUrl: 'https://example.com/a.png', customData: { team: 'blue', tags: ['x'] }, presence: { state: 'offline', lastSeenAt: 42 } });
        await run((tx) => tx.putUser(ana));
        ana.name = 'changed after put';
        const first = await run((tx) => tx.getUser('ana'));
        expect(first).toStrictEqual({ user: user('ana', { avatarUrl: 'https://example.com/a.png', customData: { team: 'blue', tags: ['x'] }, presence: { state: 'offline', lastSeenAt: 42 } }), blocked: [] });
        first!.user.name = 'changed after get';
        (first!.user.customData!.tags as string[]).push('y');
        expect((await run((tx) => tx.getUser('ana')))!.user).toStrictEqual(user('ana', { avatarUrl: 'https://example.com/a.png', customData: { team: 'blue', tags: ['x'] }, presence: { state: 'offline', lastSeenAt: 42 } }));
      });

      it('replaces a profile whole: fields left out are gone', async () => {
        await run((tx) => tx.putUser(user('ana', { avatarUrl: 'https://example.com/a.png', customData: { a: 1 }, presence: { state: 'online' } })));
        await run((tx) => tx.putUser(user('ana', { name: 'Ana B.', presence: { state: 'offline', lastSeenAt: 7 } })));
        expect((await run((tx) => tx.getUser('ana')))!.user).toStrictEqual({ id: 'ana', name: 'Ana B.', presence: { state: 'offline', lastSeenAt: 7 } });
      });

      it('answers undefined for someone never stored', async () => {
        expect(await run((tx) => tx.getUser('nobody'))).toBeUndefined();
      });

      it('keeps whom a person blocks in the order given, and replaces the list', async () => {
        await run((tx) => {
          tx.putUser(user('ana'));
          tx.setBlocked('ana', ['zed', 'bo', 'cy']);
        });
        expect((await run((tx) => tx.getUser('ana')))!.blocked).toEqual(['zed', 'bo', 'cy']);
        await run((tx) => tx.setBlocked('ana', ['cy']));
        expect((await run((tx) => tx.getUser('ana')))!.blocked).toEqual(['cy']);
        await run((tx) => tx.setBlocked('ana', []));
        expect((await run((tx) => tx.getUser('ana')))!.blocked).toEqual([]);
      });

      it('reads many profiles at once, in the order asked, leaving out those never stored', async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo', 'cy']) tx.putUser(user(id, { customData: { id } }));
        });
        const found = await run((tx) => tx.getUsers(['cy', 'nobody', 'ana', 'cy']));
        expect(found).toStrictEqual([user('cy', { customData: { id: 'cy' } }), user('ana', { customData: { id: 'ana' } }), user('cy', { customData: { id: 'cy' } })]);
        found[0]!.customData!.id = 'changed';
        expect(found[2]!.customData).toEqual({ id: 'cy' });
        expect(await run((tx) => tx.getUsers([]))).toEqual([]);
        const many = Array.from({ length: 1200 }, (_, index) => `p${String(index).padStart(4, '0')}`);
        await run((tx) => {
          for (const id of many) tx.putUser(user(id));
        });
        expect((await run((tx) => tx.getUsers([...many].reverse()))).map((u) => u.id)).toEqual([...many].reverse());
      });

      it('answers who blocks a person', async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo', 'cy', 'dee']) tx.putUser(user(id));
          tx.setBlocked('cy', ['dee', 'bo']);
          tx.setBlocked('ana', ['bo']);
          tx.setBlocked('dee', ['ana']);
        });
        expect((await run((tx) => tx.blockersOf('bo'))).sort()).toEqual(['ana', 'cy']);
        expect(await run((tx) => tx.blockersOf('ana'))).toEqual(['dee']);
        expect(await run((tx) => tx.blockersOf('cy'))).toEqual([]);
        await run((tx) => tx.setBlocked('cy', []));
        expect(await run((tx) => tx.blockersOf('bo'))).toEqual(['ana']);
      });

      it('lists people by id in byte order, after an id, at most a limit', async () => {
        await run((tx) => {
          for (const id of ['bo', 'Zoe', 'ana', 'cy', 'Ana', 'ana.b']) tx.putUser(user(id));
        });
        const ids = async (page: { afterId?: string; limit: number }) => (await run((tx) => tx.listUsers(page))).map((u) => u.id);
        expect(await ids({ limit: 100 })).toEqual(['Ana', 'Zoe', 'ana', 'ana.b', 'bo', 'cy']);
        expect(await ids({ limit: 2 })).toEqual(['Ana', 'Zoe']);
        expect(await ids({ afterId: 'Zoe', limit: 2 })).toEqual(['ana', 'ana.b']);
        expect(await ids({ afterId: 'anb', limit: 10 })).toEqual(['bo', 'cy']);
        expect(await ids({ afterId: 'cy', limit: 10 })).toEqual([]);
        expect(await ids({ limit: 0 })).toEqual([]);
        expect((await run((tx) => tx.listUsers({ limit: 1 })))[0]).toStrictEqual(user('Ana'));
      });
    });

    describe('rooms and members', () => {
      it('stores a room with its members in join order and its cursors', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('general', { customData: { topic: 'all' } }));
          tx.putMember('general', { userId: 'zed', role: 'admin', joinedAt: 5 });
          tx.putMember('general', { userId: 'ana', role: 'member', joinedAt: 6 });
          tx.putMember('general', { userId: 'bo', role: 'member', joinedAt: 6 });
          tx.putCursor({ roomId: 'general', userId: 'ana', sequence: 0, updatedAt: 9 });
        });
        const room = await run((tx) => tx.getRoom('general'));
        expect(room).toStrictEqual({
          ...roomRow('general', { customData: { topic: 'all' } }),
          members: [
            { userId: 'zed', role: 'admin', joinedAt: 5 },
            { userId: 'ana', role: 'member', joinedAt: 6 },
            { userId: 'bo', role: 'member', joinedAt: 6 },
          ],
          cursors: [{ roomId: 'general', userId: 'ana', sequence: 0, updatedAt: 9 }],
        });
        room!.members.pop();
        room!.customData!.topic = 'changed';
        const again = await run((tx) => tx.getRoom('general'));
        expect(again!.members).toHaveLength(3);
        expect(again!.customData).toEqual({ topic: 'all' });
      });

      it('answers undefined for a room never stored', async () => {
        expect(await run((tx) => tx.getRoom('nowhere'))).toBeUndefined();
      });

      it('changes a role in place: the member keeps their place in join order', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putMember('r', { userId: 'bo', role: 'member', joinedAt: 2 });
          tx.putMember('r', { userId: 'cy', role: 'member', joinedAt: 3 });
        });
        await run((tx) => tx.putMember('r', { userId: 'ana', role: 'member', joinedAt: 1 }));
        await run((tx) => tx.putMember('r', { userId: 'bo', role: 'admin', joinedAt: 2 }));
        expect((await run((tx) => tx.getRoom('r')))!.members).toEqual([
          { userId: 'ana', role: 'member', joinedAt: 1 },
          { userId: 'bo', role: 'admin', joinedAt: 2 },
          { userId: 'cy', role: 'member', joinedAt: 3 },
        ]);
      });

      it('puts a member who left and came back at the end of the join order', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putMember('r', { userId: 'bo', role: 'member', joinedAt: 2 });
        });
        await run((tx) => tx.deleteMember('r', 'ana'));
        await run((tx) => tx.putMember('r', { userId: 'ana', role: 'member', joinedAt: 3 }));
        expect((await run((tx) => tx.getRoom('r')))!.members.map((m) => m.userId)).toEqual(['bo', 'ana']);
      });

      it('removes a member together with their cursor, and no one else', async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo']) tx.putUser(user(id));
          tx.insertRoom(roomRow('r'));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putMember('r', { userId: 'bo', role: 'member', joinedAt: 2 });
          tx.putCursor({ roomId: 'r', userId: 'ana', sequence: 0, updatedAt: 1 });
          tx.putCursor({ roomId: 'r', userId: 'bo', sequence: 0, updatedAt: 1 });
        });
        await run((tx) => tx.deleteMember('r', 'ana'));
        const room = await run((tx) => tx.getRoom('r'));
        expect(room!.members.map((m) => m.userId)).toEqual(['bo']);
        expect(room!.cursors.map((c) => c.userId)).toEqual(['bo']);
        expect(await run((tx) => tx.roomIdsOf('ana'))).toEqual([]);
        expect(await run((tx) => tx.roomIdsOf('bo'))).toEqual(['r']);
      });

      it('lists a room’s cursors in the order they were first set', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          for (const userId of ['ana', 'bo', 'cy']) tx.putMember('r', { userId, role: 'member', joinedAt: 1 });
          tx.putCursor({ roomId: 'r', userId: 'cy', sequence: 1, updatedAt: 1 });
          tx.putCursor({ roomId: 'r', userId: 'ana', sequence: 1, updatedAt: 1 });
        });
        await run((tx) => tx.putCursor({ roomId: 'r', userId: 'bo', sequence: 1, updatedAt: 2 }));
        await run((tx) => tx.putCursor({ roomId: 'r', userId: 'cy', sequence: 5, updatedAt: 3 }));
        expect((await run((tx) => tx.getRoom('r')))!.cursors.map((c) => [c.userId, c.sequence])).toEqual([
          ['cy', 5],
          ['ana', 1],
          ['bo', 1],
        ]);
      });

      it('replaces a cursor', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putCursor({ roomId: 'r', userId: 'ana', sequence: 3, updatedAt: 10 });
        });
        await run((tx) => tx.putCursor({ roomId: 'r', userId: 'ana', sequence: 8, updatedAt: 20 }));
        expect((await run((tx) => tx.getRoom('r')))!.cursors).toEqual([{ roomId: 'r', userId: 'ana', sequence: 8, updatedAt: 20 }]);
      });

      it('patches only the fields given to updateRoom', async () => {
        await run((tx) => tx.insertRoom(roomRow('r', { customData: { a: 1 } })));
        await run((tx) => tx.updateRoom('r', { lastSequence: 4, lastActivityAt: 99 }));
        expect(await run((tx) => tx.getRoom('r'))).toMatchObject({ name: 'r', customData: { a: 1 }, lastSequence: 4, lastActivityAt: 99 });
        await run((tx) => tx.updateRoom('r', { name: 'renamed', customData: { b: 2 } }));
        expect(await run((tx) => tx.getRoom('r'))).toMatchObject({ name: 'renamed', customData: { b: 2 }, lastSequence: 4, lastActivityAt: 99 });
        await run((tx) => tx.updateRoom('r', {}));
        expect(await run((tx) => tx.getRoom('r'))).toMatchObject({ name: 'renamed', lastSequence: 4 });
      });

      it("answers a person's rooms in the order they joined them", async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo']) tx.putUser(user(id));
          for (const id of ['a', 'b', 'c']) tx.insertRoom(roomRow(id));
          tx.putMember('c', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putMember('a', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putMember('b', { userId: 'bo', role: 'admin', joinedAt: 1 });
        });
        await run((tx) => tx.putMember('b', { userId: 'ana', role: 'member', joinedAt: 2 }));
        expect(await run((tx) => tx.roomIdsOf('ana'))).toEqual(['c', 'a', 'b']);
        expect(await run((tx) => tx.roomIdsOf('bo'))).toEqual(['b']);
        expect(await run((tx) => tx.roomIdsOf('nobody'))).toEqual([]);
      });

      it('answers the audience of a person: everyone sharing a room with them, and them, once each', async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo', 'cy', 'dee', 'eve', 'fay', 'loner']) tx.putUser(user(id));
          for (const id of ['a', 'b', 'c']) tx.insertRoom(roomRow(id));
          for (const userId of ['ana', 'bo', 'cy']) tx.putMember('a', { userId, role: 'member', joinedAt: 1 });
          for (const userId of ['ana', 'bo', 'dee']) tx.putMember('b', { userId, role: 'member', joinedAt: 1 });
          for (const userId of ['eve', 'fay']) tx.putMember('c', { userId, role: 'member', joinedAt: 1 });
        });
        expect((await run((tx) => tx.audienceOf('ana'))).sort()).toEqual(['ana', 'bo', 'cy', 'dee']);
        expect((await run((tx) => tx.audienceOf('dee'))).sort()).toEqual(['ana', 'bo', 'dee']);
        expect(await run((tx) => tx.audienceOf('loner'))).toEqual(['loner']);
      });

      it('lists public rooms only, by id, after an id, at most a limit, each with members and cursors', async () => {
        await run((tx) => {
          for (const [id, kind] of [['b', 'public'], ['a', 'public'], ['p', 'private'], ['d', 'direct'], ['c', 'public'], ['C', 'public']] as const) {
            tx.insertRoom(roomRow(id, { kind }));
            tx.putMember(id, { userId: `${id}-owner`, role: 'admin', joinedAt: 1 });
          }
          tx.putCursor({ roomId: 'b', userId: 'b-owner', sequence: 0, updatedAt: 2 });
        });
        const page = await run((tx) => tx.listPublicRooms({ limit: 10 }));
        expect(page.map((r) => r.id)).toEqual(['C', 'a', 'b', 'c']);
        expect(page[2]).toStrictEqual({
          ...roomRow('b'),
          members: [{ userId: 'b-owner', role: 'admin', joinedAt: 1 }],
          cursors: [{ roomId: 'b', userId: 'b-owner', sequence: 0, updatedAt: 2 }],
        });
        expect(page[1]!.members).toEqual([{ userId: 'a-owner', role: 'admin', joinedAt: 1 }]);
        expect((await run((tx) => tx.listPublicRooms({ afterId: 'a', limit: 1 }))).map((r) => r.id)).toEqual(['b']);
        expect(await run((tx) => tx.listPublicRooms({ afterId: 'c', limit: 10 }))).toEqual([]);
        expect(await run((tx) => tx.listPublicRooms({ limit: 0 }))).toEqual([]);
      });

      it('finds the direct room of two people whichever order they are named in', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('dm', { kind: 'direct', name: '' }));
          tx.setDirectRoom('bo', 'ana', 'dm');
        });
        expect(await run((tx) => tx.directRoomId('ana', 'bo'))).toBe('dm');
        expect(await run((tx) => tx.directRoomId('bo', 'ana'))).toBe('dm');
        expect(await run((tx) => tx.directRoomId('ana', 'cy'))).toBeUndefined();
      });
    });

    describe('messages', () => {
      /** A room "r" with messages 1..count; every third from 3 on is a reply to message 1. */
      const seed = async (count: number) => {
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1 });
          for (let sequence = 1; sequence <= count; sequence++) {
            tx.insertMessage(message('r', sequence, sequence >= 3 && sequence % 3 === 0 ? { parentId: 'r-1' } : {}));
          }
          tx.updateRoom('r', { lastSequence: count, lastActivityAt: count });
        });
      };
      const sequences = (messages: readonly Message[]) => messages.map((m) => m.sequence);

      it('reads a message back equal to what was stored, optional fields included', async () => {
        const full = message('r', 1, {
          attachments: [{ id: 'f1', name: 'cat.png', type: 'image/png', size: 10, url: 'https://cdn.example/f1', width: 4, height: 3 }],
          mentions: ['bo'],
          quotedId: 'r-0',
          reactions: [{ emoji: '👍', userIds: ['bo', 'ana'] }],
          replyCount: 2,
          lastReplyAt: 77,
          customData: { nested: { deep: [1, 'two', null, true] } },
          editedAt: 50,
          text: 'héllo 👋 "quotes" \\ \'single\' and\nlines',
        });
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.insertMessage(full);
        });
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toStrictEqual(full);
        expect(await run((tx) => tx.getMessage('r', 'r-2'))).toBeUndefined();
        expect(await run((tx) => tx.getMessage('elsewhere', 'r-1'))).toBeUndefined();
        const plain = message('r', 2);
        await run((tx) => tx.insertMessage(plain));
        expect(await run((tx) => tx.getMessage('r', 'r-2'))).toStrictEqual(plain);
      });

      it('keeps text exactly, control characters and NUL included (the protocol allows any string)', async () => {
        const text = 'a\u0000b\u0001c\u001f\u007f\u2028\ud83d\ude00 end';
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.insertMessage(message('r', 1, { text, customData: { text } }));
        });
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toStrictEqual(message('r', 1, { text, customData: { text } }));
      });

      it('copies what it stores and what it answers', async () => {
        const sent = message('r', 1, { reactions: [{ emoji: '👍', userIds: ['ana'] }] });
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.insertMessage(sent);
        });
        sent.reactions[0]!.userIds.push('after-insert');
        const read = (await run((tx) => tx.getMessage('r', 'r-1')))!;
        read.reactions[0]!.userIds.push('after-read');
        read.text = 'changed';
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toStrictEqual(message('r', 1, { reactions: [{ emoji: '👍', userIds: ['ana'] }] }));
      });

      it('finds a message by its author and client id: the idempotency lookup', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.insertRoom(roomRow('other'));
          tx.insertMessage(message('r', 1, { clientId: 'c-1', authorId: 'ana' }));
          tx.insertMessage(message('r', 2, { clientId: 'c-1', authorId: 'bo' }));
        });
        expect((await run((tx) => tx.getMessageByClientId('r', 'ana', 'c-1')))?.sequence).toBe(1);
        expect((await run((tx) => tx.getMessageByClientId('r', 'bo', 'c-1')))?.sequence).toBe(2);
        expect(await run((tx) => tx.getMessageByClientId('r', 'cy', 'c-1'))).toBeUndefined();
        expect(await run((tx) => tx.getMessageByClientId('other', 'ana', 'c-1'))).toBeUndefined();
      });

      it('answers every message of a sequence range, replies included, ascending', async () => {
        await seed(10);
        expect(sequences(await run((tx) => tx.messagesBetween('r', 2, 6)))).toEqual([2, 3, 4, 5, 6]);
        expect(sequences(await run((tx) => tx.messagesBetween('r', 9, 20)))).toEqual([9, 10]);
        expect(sequences(await run((tx) => tx.messagesBetween('r', 4, 4)))).toEqual([4]);
        expect(await run((tx) => tx.messagesBetween('r', 6, 5))).toEqual([]);
        expect(await run((tx) => tx.messagesBetween('elsewhere', 1, 10))).toEqual([]);
      });

      it('pages top-level messages backwards: the newest `limit` before a sequence, ascending, without replies', async () => {
        await seed(20);
        // Top level: 1 2 4 5 7 8 10 11 13 14 16 17 19 20
        expect(sequences(await run((tx) => tx.topLevelBefore('r', 21, 4)))).toEqual([16, 17, 19, 20]);
        expect(sequences(await run((tx) => tx.topLevelBefore('r', Number.MAX_SAFE_INTEGER, 3)))).toEqual([17, 19, 20]);
        expect(sequences(await run((tx) => tx.topLevelBefore('r', 16, 4)))).toEqual([10, 11, 13, 14]);
        expect(sequences(await run((tx) => tx.topLevelBefore('r', 5, 100)))).toEqual([1, 2, 4]);
        expect(await run((tx) => tx.topLevelBefore('r', 1, 100))).toEqual([]);
        expect(await run((tx) => tx.topLevelBefore('r', 21, 0))).toEqual([]);
        expect(await run((tx) => tx.topLevelBefore('elsewhere', 21, 10))).toEqual([]);
      });

      it('pages top-level messages forwards: the oldest `limit` after a sequence, ascending, without replies', async () => {
        await seed(20);
        expect(sequences(await run((tx) => tx.topLevelAfter('r', 0, 4)))).toEqual([1, 2, 4, 5]);
        expect(sequences(await run((tx) => tx.topLevelAfter('r', 5, 3)))).toEqual([7, 8, 10]);
        expect(sequences(await run((tx) => tx.topLevelAfter('r', 17, 100)))).toEqual([19, 20]);
        expect(await run((tx) => tx.topLevelAfter('r', 20, 100))).toEqual([]);
        expect(await run((tx) => tx.topLevelAfter('r', 0, 0))).toEqual([]);
      });

      it('pages the replies to one message backwards, ascending', async () => {
        await seed(20);
        await run((tx) => tx.insertMessage(message('r', 21, { parentId: 'r-2' })));
        // Replies to r-1: 3 6 9 12 15 18
        expect(sequences(await run((tx) => tx.repliesBefore('r', 'r-1', 22, 4)))).toEqual([9, 12, 15, 18]);
        expect(sequences(await run((tx) => tx.repliesBefore('r', 'r-1', 9, 10)))).toEqual([3, 6]);
        expect(await run((tx) => tx.repliesBefore('r', 'r-1', 3, 10))).toEqual([]);
        expect(sequences(await run((tx) => tx.repliesBefore('r', 'r-2', 100, 10)))).toEqual([21]);
        expect(await run((tx) => tx.repliesBefore('r', 'r-4', 100, 10))).toEqual([]);
        expect(await run((tx) => tx.repliesBefore('r', 'r-1', 22, 0))).toEqual([]);
      });

      it('replaces a message whole: an edit, and a deletion that empties it', async () => {
        await run((tx) => {
          tx.insertRoom(roomRow('r'));
          tx.insertMessage(message('r', 1, { customData: { a: 1 }, attachments: [{ id: 'f', name: 'f', type: 'text/plain', size: 1, url: 'https://x/f' }] }));
        });
        const edited = message('r', 1, { text: 'edited', editedAt: 5, customData: { a: 2 }, reactions: [{ emoji: '🎉', userIds: ['bo'] }] });
        await run((tx) => tx.updateMessage(edited));
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toStrictEqual(edited);
        const tombstone = message('r', 1, { text: '', deletedAt: 9, editedAt: 5 });
        await run((tx) => tx.updateMessage(tombstone));
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toStrictEqual(tombstone);
        expect(await run((tx) => tx.getMessageByClientId('r', 'ana', 'c-r-1'))).toStrictEqual(tombstone);
      });
    });

    describe('deleting a room', () => {
      it('takes its members, cursors, messages and direct pair with it, and nothing of other rooms', async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo']) tx.putUser(user(id));
          for (const id of ['dm', 'keep']) {
            tx.insertRoom(roomRow(id, { kind: id === 'dm' ? 'direct' : 'public' }));
            tx.putMember(id, { userId: 'ana', role: 'member', joinedAt: 1 });
            tx.putMember(id, { userId: 'bo', role: 'member', joinedAt: 1 });
            tx.putCursor({ roomId: id, userId: 'ana', sequence: 1, updatedAt: 1 });
            tx.insertMessage(message(id, 1));
            tx.insertMessage(message(id, 2, { parentId: `${id}-1` }));
          }
          tx.setDirectRoom('ana', 'bo', 'dm');
        });
        await run((tx) => tx.deleteRoom('dm'));
        expect(await run((tx) => tx.getRoom('dm'))).toBeUndefined();
        expect(await run((tx) => tx.getMessage('dm', 'dm-1'))).toBeUndefined();
        expect(await run((tx) => tx.messagesBetween('dm', 1, 10))).toEqual([]);
        expect(await run((tx) => tx.getMessageByClientId('dm', 'ana', 'c-dm-1'))).toBeUndefined();
        expect(await run((tx) => tx.directRoomId('ana', 'bo'))).toBeUndefined();
        expect(await run((tx) => tx.roomIdsOf('ana'))).toEqual(['keep']);
        const kept = await run((tx) => tx.getRoom('keep'));
        expect(kept!.members).toHaveLength(2);
        expect(kept!.cursors).toHaveLength(1);
        expect(sequences(await run((tx) => tx.messagesBetween('keep', 1, 10)))).toEqual([1, 2]);
        // The id can be used again, from an empty start.
        await run((tx) => tx.insertRoom(roomRow('dm')));
        expect(await run((tx) => tx.getRoom('dm'))).toStrictEqual({ ...roomRow('dm'), members: [], cursors: [] });
      });

      const sequences = (messages: readonly Message[]) => messages.map((m) => m.sequence);
    });

    describe('paged reads for export, and deleting a person', () => {
      it('lists every room of every kind by id, a page after an id, with members and cursors', async () => {
        await run((tx) => {
          tx.putUser(user('ana'));
          for (const [id, kind] of [['c', 'private'], ['a', 'public'], ['b', 'direct']] as const) {
            tx.insertRoom(roomRow(id, { kind }));
            tx.putMember(id, { userId: 'ana', role: 'member', joinedAt: 1 });
          }
        });
        const first = await run((tx) => tx.listRooms({ limit: 2 }));
        expect(first.map((room) => [room.id, room.kind, room.members.length])).toEqual([
          ['a', 'public', 1],
          ['b', 'direct', 1],
        ]);
        expect((await run((tx) => tx.listRooms({ afterId: 'b', limit: 2 }))).map((room) => room.id)).toEqual(['c']);
      });

      it('lists direct pairs by room id, each pair in byte order', async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo', 'cy']) tx.putUser(user(id));
          for (const id of ['dm2', 'dm1']) tx.insertRoom(roomRow(id, { kind: 'direct' }));
          tx.setDirectRoom('cy', 'ana', 'dm2');
          tx.setDirectRoom('bo', 'ana', 'dm1');
        });
        expect(await run((tx) => tx.listDirectPairs({ limit: 10 }))).toEqual([
          { roomId: 'dm1', userIds: ['ana', 'bo'] },
          { roomId: 'dm2', userIds: ['ana', 'cy'] },
        ]);
        expect(await run((tx) => tx.listDirectPairs({ afterRoomId: 'dm1', limit: 10 }))).toEqual([{ roomId: 'dm2', userIds: ['ana', 'cy'] }]);
        await run((tx) => tx.deleteDirectPair('ana', 'cy'));
        expect(await run((tx) => tx.directRoomId('cy', 'ana'))).toBeUndefined();
        expect(await run((tx) => tx.getRoom('dm2'))).toBeDefined();
      });

      it("pages a person's messages by room and sequence, across rooms", async () => {
        await run((tx) => {
          for (const id of ['r2', 'r1']) {
            tx.insertRoom(roomRow(id));
            for (let sequence = 1; sequence <= 3; sequence++) tx.insertMessage(message(id, sequence, { authorId: sequence === 2 ? 'bo' : 'ana' }));
          }
        });
        const ids = (messages: readonly Message[]) => messages.map((m) => m.id);
        expect(ids(await run((tx) => tx.messagesByAuthor('ana', { limit: 3 })))).toEqual(['r1-1', 'r1-3', 'r2-1']);
        expect(ids(await run((tx) => tx.messagesByAuthor('ana', { after: { roomId: 'r1', sequence: 3 }, limit: 3 })))).toEqual(['r2-1', 'r2-3']);
        expect(ids(await run((tx) => tx.messagesByAuthor('bo', { limit: 10 })))).toEqual(['r1-2', 'r2-2']);
      });

      it('deletes a profile with whom they block and their place in others’ block lists, and moves the idempotency key with a new author', async () => {
        await run((tx) => {
          for (const id of ['ana', 'bo', 'cy']) tx.putUser(user(id));
          tx.setBlocked('ana', ['bo']);
          tx.setBlocked('cy', ['ana', 'bo']);
          tx.insertRoom(roomRow('r'));
          tx.insertMessage(message('r', 1));
        });
        await run((tx) => tx.deleteUser('ana'));
        expect(await run((tx) => tx.getUser('ana'))).toBeUndefined();
        expect((await run((tx) => tx.getUser('cy')))!.blocked).toEqual(['bo']);
        expect(await run((tx) => tx.blockersOf('ana'))).toEqual([]);
        const tombstone = message('r', 1, { authorId: 'deleted', clientId: 'r-1', text: '', deletedAt: 5 });
        await run((tx) => tx.updateMessage(tombstone));
        expect(await run((tx) => tx.getMessageByClientId('r', 'ana', 'c-r-1'))).toBeUndefined();
        expect(await run((tx) => tx.getMessageByClientId('r', 'deleted', 'r-1'))).toStrictEqual(tombstone);
        expect(await run((tx) => tx.messagesByAuthor('ana', { limit: 10 }))).toEqual([]);
      });
    });

    describe('records', () => {
      const note = (text: string, tags: string[] = []) => ({ text, tags });

      it('stores, reads back unshared copies, replaces and deletes a record by kind, scope and key', async () => {
        const value = note('hi\u0000 "there"', ['a']);
        await run((tx) => tx.putRecord('contractNote', 'general', 'bo', value));
        value.tags.push('changed after put');
        const read = await run((tx) => tx.getRecord('contractNote', 'general', 'bo'));
        expect(read).toStrictEqual(note('hi\u0000 "there"', ['a']));
        read!.tags.push('changed after get');
        expect(await run((tx) => tx.getRecord('contractNote', 'general', 'bo'))).toStrictEqual(note('hi\u0000 "there"', ['a']));
        // Kind, scope and key each name another record.
        expect(await run((tx) => tx.getRecord('contractOther', 'general', 'bo'))).toBeUndefined();
        expect(await run((tx) => tx.getRecord('contractNote', 'random', 'bo'))).toBeUndefined();
        expect(await run((tx) => tx.getRecord('contractNote', 'general', 'cy'))).toBeUndefined();
        await run((tx) => tx.putRecord('contractNote', 'general', 'bo', note('replaced')));
        expect(await run((tx) => tx.getRecord('contractNote', 'general', 'bo'))).toStrictEqual(note('replaced'));
        await run((tx) => tx.deleteRecord('contractNote', 'general', 'bo'));
        expect(await run((tx) => tx.getRecord('contractNote', 'general', 'bo'))).toBeUndefined();
        await run((tx) => tx.deleteRecord('contractNote', 'general', 'never-stored'));
      });

      it("lists a scope's records of one kind by key in byte order, after a key, at most a limit", async () => {
        await run((tx) => {
          for (const key of ['bo', 'Zed', 'ana', 'cy']) tx.putRecord('contractNote', 'general', key, note(key));
          tx.putRecord('contractNote', 'random', 'dee', note('dee'));
          tx.putRecord('contractOther', 'general', 'eve', 5);
        });
        const keys = async (page: { afterKey?: string; limit: number }) => (await run((tx) => tx.listRecords('contractNote', 'general', page))).map((r) => r.key);
        expect(await keys({ limit: 100 })).toEqual(['Zed', 'ana', 'bo', 'cy']);
        expect(await keys({ afterKey: 'ana', limit: 1 })).toEqual(['bo']);
        expect(await keys({ limit: 0 })).toEqual([]);
        expect(await run((tx) => tx.listRecords('contractNote', 'general', { afterKey: 'bo', limit: 5 }))).toStrictEqual([{ key: 'cy', value: note('cy') }]);
        expect(await run((tx) => tx.listRecords('contractOther', 'general', { limit: 5 }))).toStrictEqual([{ key: 'eve', value: 5 }]);
      });

      it('deletes every record of a kind in a scope at once, and sees its own writes inside the transaction', async () => {
        await run((tx) => {
          for (const key of ['a', 'b', 'c']) tx.putRecord('contractNote', 'general', key, note(key));
          tx.putRecord('contractNote', 'random', 'a', note('kept'));
        });
        const inside = await run((tx) => {
          tx.deleteRecord('contractNote', 'general', 'b');
          tx.putRecord('contractNote', 'general', 'd', note('d'));
          const afterOne = tx.listRecords('contractNote', 'general', { limit: 10 }).map((r) => r.key);
          tx.deleteRecords('contractNote', 'general');
          const afterAll = tx.listRecords('contractNote', 'general', { limit: 10 }).map((r) => r.key);
          tx.putRecord('contractNote', 'general', 'e', note('e'));
          return { afterOne, afterAll, e: tx.getRecord('contractNote', 'general', 'e'), a: tx.getRecord('contractNote', 'general', 'a') };
        });
        expect(inside).toStrictEqual({ afterOne: ['a', 'c', 'd'], afterAll: [], e: note('e'), a: undefined });
        expect(await run((tx) => tx.listRecords('contractNote', 'general', { limit: 10 }))).toStrictEqual([{ key: 'e', value: note('e') }]);
        expect(await run((tx) => tx.getRecord('contractNote', 'random', 'a'))).toStrictEqual(note('kept'));
      });

      it('pages every record of every kind by kind, scope and key, for export', async () => {
        await run((tx) => {
          tx.putRecord('contractOther', 'b', 'k', 1);
          tx.putRecord('contractNote', 'b', 'k2', note('2'));
          tx.putRecord('contractNote', 'a', 'z', note('1'));
          tx.putRecord('contractNote', 'b', 'k1', note('3'));
        });
        const all = await run((tx) => tx.listAllRecords({ limit: 10 }), { readOnly: true });
        expect(all.map((r) => `${r.kind}/${r.scope}/${r.key}`)).toEqual(['contractNote/a/z', 'contractNote/b/k1', 'contractNote/b/k2', 'contractOther/b/k']);
        expect(all[0]!.value).toStrictEqual(note('1'));
        const after = await run((tx) => tx.listAllRecords({ after: { kind: 'contractNote', scope: 'b', key: 'k1' }, limit: 2 }), { readOnly: true });
        expect(after).toStrictEqual([
          { kind: 'contractNote', scope: 'b', key: 'k2', value: note('2') },
          { kind: 'contractOther', scope: 'b', key: 'k', value: 1 },
        ]);
      });

      it('keeps no record of a transaction that failed', async () => {
        await run((tx) => tx.putRecord('contractNote', 'general', 'a', note('a')));
        await fails((tx) => {
          tx.putRecord('contractNote', 'general', 'a', note('changed'));
          tx.putRecord('contractNote', 'general', 'b', note('b'));
          tx.deleteRecords('contractNote', 'general');
          throw new ChatError('invalid', 'no');
        });
        expect(await run((tx) => tx.listRecords('contractNote', 'general', { limit: 10 }))).toStrictEqual([{ key: 'a', value: note('a') }]);
      });
    });

    describe('message search', () => {
      /** Rooms a and b, with these texts as messages 1.. of a (by ana) and one of b. */
      const seedSearch = async (texts: readonly string[], other = 'lunch in b') => {
        await run((tx) => {
          tx.insertRoom(roomRow('a', { lastSequence: texts.length }));
          tx.insertRoom(roomRow('b', { lastSequence: 1 }));
          texts.forEach((text, index) => tx.insertMessage(message('a', index + 1, { text })));
          tx.insertMessage(message('b', 1, { text: other, authorId: 'bo' }));
        });
      };
      const search = (terms: string[], fields: { roomIds?: string[]; excludeAuthorIds?: string[]; before?: number; limit?: number } = {}) =>
        run((tx) => tx.searchMessages({ roomIds: fields.roomIds ?? ['a', 'b'], terms, excludeAuthorIds: fields.excludeAuthorIds ?? [], limit: fields.limit ?? 10, ...(fields.before !== undefined ? { before: fields.before } : {}) }), { readOnly: true });
      const ids = (found: { message: Message }[]) => found.map(({ message: m }) => m.id);

      it('finds messages holding every term at the start of a word, newest stored first, as stored', async () => {
        await seedSearch(['Lunch at noon?', 'Dinner at eight', 'No lunch today, sorry', 'launch party']);
        expect(ids(await search(['lunch']))).toEqual(['b-1', 'a-3', 'a-1']);
        expect(ids(await search(['lun']))).toEqual(['b-1', 'a-3', 'a-1']);
        expect(ids(await search(['lunch', 'noon']))).toEqual(['a-1']);
        expect(ids(await search(['unch']))).toEqual([]);
        expect(ids(await search(['at'], { roomIds: ['a'] }))).toEqual(['a-2', 'a-1']);
        const [found] = await search(['dinner']);
        expect(found!.message).toStrictEqual(message('a', 2, { text: 'Dinner at eight' }));
        expect(found!.position).toBeGreaterThan(0);
      });

      it('folds case and diacritics on both sides', async () => {
        await seedSearch(['Crème brûlée au CAFÉ', 'cafe noir']);
        expect(ids(await search(['cafe']))).toEqual(['a-2', 'a-1']);
        expect(ids(await search(['creme', 'brulee']))).toEqual(['a-1']);
      });

      it('pages by position, leaves out deleted messages, excluded authors and other rooms', async () => {
        await seedSearch(['plan one', 'plan two', 'plan three', 'plan four'], 'plan in b');
        const first = await search(['plan'], { limit: 2 });
        expect(ids(first)).toEqual(['b-1', 'a-4']);
        const second = await search(['plan'], { limit: 2, before: first[1]!.position });
        expect(ids(second)).toEqual(['a-3', 'a-2']);
        expect(second[0]!.position).toBeLessThan(first[1]!.position);
        expect(ids(await search(['plan'], { excludeAuthorIds: ['bo'], limit: 1 }))).toEqual(['a-4']);
        expect(ids(await search(['plan'], { roomIds: ['b'] }))).toEqual(['b-1']);
        expect(await search(['plan'], { roomIds: [] })).toEqual([]);
        await run((tx) => tx.updateMessage(message('a', 4, { text: '', deletedAt: 9 })));
        await run((tx) => tx.updateMessage(message('a', 3, { text: 'plan three', deletedAt: 9 })));
        expect(ids(await search(['plan'], { roomIds: ['a'] }))).toEqual(['a-2', 'a-1']);
      });

      it('follows edits, and forgets the messages of a deleted room', async () => {
        await seedSearch(['old words here']);
        await run((tx) => tx.updateMessage(message('a', 1, { text: 'new words here', editedAt: 5 })));
        expect(ids(await search(['old']))).toEqual([]);
        expect(ids(await search(['new']))).toEqual(['a-1']);
        // A reaction rewrites the row with the same text: it stays found.
        await run((tx) => tx.updateMessage(message('a', 1, { text: 'new words here', editedAt: 5, reactions: [{ emoji: '👍', userIds: ['bo'] }] })));
        expect(ids(await search(['new']))).toEqual(['a-1']);
        await run((tx) => tx.deleteRoom('a'));
        expect(ids(await search(['new', 'words']))).toEqual([]);
        expect(ids(await search(['lunch']))).toEqual(['b-1']);
      });

      it('keeps to the rooms asked for, even rooms whose ids read alike as words', async () => {
        await run((tx) => {
          for (const id of ['team_1', 'team-1', 'Team.1']) {
            tx.insertRoom(roomRow(id, { lastSequence: 1 }));
            tx.insertMessage(message(id, 1, { text: 'standup notes' }));
          }
        });
        const found = await run((tx) => tx.searchMessages({ roomIds: ['team-1'], terms: ['standup'], excludeAuthorIds: [], limit: 10 }), { readOnly: true });
        expect(ids(found)).toEqual(['team-1-1']);
        const many = await run(
          (tx) => tx.searchMessages({ roomIds: ['team_1', 'Team.1', ...Array.from({ length: 20 }, (_, index) => `other${index}`)], terms: ['standup'], excludeAuthorIds: [], limit: 10 }),
          { readOnly: true },
        );
        expect(ids(many)).toEqual(['Team.1-1', 'team_1-1']);
      });

      it('treats hostile input as plain words: no engine syntax gets through', async () => {
        await seedSearch(['or 1 equals 1', 'near the station', 'a star * here', 'quote " mark']);
        // What searchTerms makes of `" OR 1=1 --`, `NEAR(` and `*`, and raw syntax given as terms anyway.
        expect(ids(await search(['or', '1']))).toEqual(['a-1']);
        expect(ids(await search(['near']))).toEqual(['a-2']);
        for (const hostile of ['"', '*', 'near(', 'or 1=1 --', "'", 'a" OR "b', '\\', ':*', '&', '|', '!']) {
          const found = await search([hostile]);
          expect(Array.isArray(found)).toBe(true);
        }
        expect(await run((tx) => tx.getMessage('a', 'a-1'))).toBeDefined();
      });
    });

    describe('extension fields', () => {
      // Fields a feature adds to an entity: engines must keep what they do not know, as they were given.
      it("keeps a message's, a person's and a member's fields it has no column for", async () => {
        const pinned = { ...message('r', 1), pinnedAt: 5, poll: { question: 'Lunch?', options: ['a', 'b'] } } as unknown as Message;
        await run((tx) => {
          tx.putUser({ ...user('ana'), siteRole: 'moderator' } as User);
          tx.insertRoom(roomRow('r', { lastSequence: 1 }));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1, mutedUntil: 99 } as never);
          tx.insertMessage(pinned);
        });
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toStrictEqual(pinned);
        expect(await run((tx) => tx.messagesBetween('r', 1, 1))).toStrictEqual([pinned]);
        expect((await run((tx) => tx.getUser('ana')))!.user).toStrictEqual({ ...user('ana'), siteRole: 'moderator' });
        expect((await run((tx) => tx.getRoom('r')))!.members).toStrictEqual([{ userId: 'ana', role: 'admin', joinedAt: 1, mutedUntil: 99 }]);
        const unpinned = { ...message('r', 1), poll: { question: 'Lunch?', options: ['a'] } } as unknown as Message;
        await run((tx) => tx.updateMessage(unpinned));
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toStrictEqual(unpinned);
        await run((tx) => tx.putMember('r', { userId: 'ana', role: 'member', joinedAt: 1 }));
        expect((await run((tx) => tx.getRoom('r')))!.members).toStrictEqual([{ userId: 'ana', role: 'member', joinedAt: 1 }]);
      });

      it("keeps a room's fields it has no column for, and a patch changes only those it names", async () => {
        await run((tx) => tx.insertRoom({ ...roomRow('r'), topic: 'Plans', pinnedIds: ['m1'] } as RoomRow));
        expect(await run((tx) => tx.getRoom('r'))).toStrictEqual({ ...roomRow('r'), topic: 'Plans', pinnedIds: ['m1'], members: [], cursors: [] });
        await run((tx) => tx.updateRoom('r', { lastSequence: 3 }));
        await run((tx) => tx.updateRoom('r', { topic: 'Lunch', name: 'renamed' } as never));
        const inside = await run((tx) => {
          tx.updateRoom('r', { pinnedIds: ['m1', 'm2'] } as never);
          return tx.getRoom('r');
        });
        const expected = { ...roomRow('r', { lastSequence: 3, name: 'renamed' }), topic: 'Lunch', pinnedIds: ['m1', 'm2'], members: [], cursors: [] };
        expect(inside).toStrictEqual(expected);
        expect(await run((tx) => tx.getRoom('r'))).toStrictEqual(expected);
        expect(await run((tx) => tx.listRooms({ limit: 5 }))).toStrictEqual([expected]);
      });
    });

    describe('deleting a person inside a longer transaction', () => {
      // An async engine may rerun the work after a read it had not loaded: what the work deleted
      // must not leak into what the rerun reads before deleting it again.
      it('reads the person before the delete, none after, and drops them from block lists, with reads after the delete', async () => {
        await run((tx) => {
          for (const id of ['ana', 'cy']) tx.putUser(user(id));
          tx.setBlocked('cy', ['ana']);
          tx.insertRoom(roomRow('r'));
        });
        const seen = await run((tx) => {
          const before = tx.getUser('ana') !== undefined;
          tx.deleteUser('ana');
          tx.getRoom('r');
          return { before, after: tx.getUser('ana'), cy: tx.getUser('cy')?.blocked, blockers: tx.blockersOf('ana'), listed: tx.listUsers({ limit: 10 }).map((u) => u.id) };
        });
        expect(seen).toStrictEqual({ before: true, after: undefined, cy: [], blockers: [], listed: ['cy'] });
        expect(await run((tx) => tx.getUser('cy'))).toStrictEqual({ user: user('cy'), blocked: [] });
      });
    });

    describe('transactions', () => {
      it('answers what the work returns', async () => {
        expect(await run(() => 42)).toBe(42);
        expect(await run((tx) => tx.getUser('nobody'), { readOnly: true })).toBeUndefined();
      });

      it('keeps nothing of a work that throws, and passes its error on unchanged', async () => {
        await run((tx) => {
          tx.putUser(user('ana'));
          tx.insertRoom(roomRow('r'));
        });
        const error = new ChatError('forbidden', 'No.');
        const thrown = await fails((tx) => {
          tx.putUser(user('ana', { name: 'Renamed' }));
          tx.putUser(user('bo'));
          tx.setBlocked('ana', ['bo']);
          tx.insertRoom(roomRow('s'));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putCursor({ roomId: 'r', userId: 'ana', sequence: 1, updatedAt: 1 });
          tx.insertMessage(message('r', 1));
          tx.updateRoom('r', { lastSequence: 1, name: 'renamed' });
          tx.setDirectRoom('ana', 'bo', 'r');
          throw error;
        });
        expect(thrown).toBe(error);
        expect(await run((tx) => tx.getUser('ana'))).toStrictEqual({ user: user('ana'), blocked: [] });
        expect(await run((tx) => tx.getUser('bo'))).toBeUndefined();
        expect(await run((tx) => tx.getRoom('s'))).toBeUndefined();
        expect(await run((tx) => tx.getRoom('r'))).toStrictEqual({ ...roomRow('r'), members: [], cursors: [] });
        expect(await run((tx) => tx.getMessage('r', 'r-1'))).toBeUndefined();
        expect(await run((tx) => tx.directRoomId('ana', 'bo'))).toBeUndefined();
      });

      it('delivers what a transaction published only once it has committed, in commit order', async () => {
        const received: (readonly Delivery[])[] = [];
        engine.subscribe((deliveries) => received.push(deliveries));
        const seenDuringWork = await run((tx) => {
          tx.publish([{ userIds: ['ana'], event: typing('r', 'ana') }]);
          tx.publish([
            { userIds: ['ana', 'bo'], event: typing('r', 'bo') },
            { userIds: ['cy'], event: typing('r', 'cy') },
          ]);
          return received.length;
        });
        expect(seenDuringWork).toBe(0);
        await run((tx) => tx.publish([{ userIds: ['bo'], event: typing('s', 'bo') }]));
        expect(received).toEqual([
          [
            { userIds: ['ana'], event: typing('r', 'ana') },
            { userIds: ['ana', 'bo'], event: typing('r', 'bo') },
            { userIds: ['cy'], event: typing('r', 'cy') },
          ],
          [{ userIds: ['bo'], event: typing('s', 'bo') }],
        ]);
      });

      it('drops what a failed transaction published', async () => {
        const received: (readonly Delivery[])[] = [];
        engine.subscribe((deliveries) => received.push(deliveries));
        await fails((tx) => {
          tx.publish([{ userIds: ['ana'], event: typing('r', 'ana') }]);
          throw new ChatError('invalid', 'No.');
        });
        await run((tx) => tx.publish([{ userIds: ['bo'], event: typing('r', 'bo') }]));
        expect(received).toEqual([[{ userIds: ['bo'], event: typing('r', 'bo') }]]);
      });

      it('delivers to every subscriber until it unsubscribes', async () => {
        const first: unknown[] = [];
        const second: unknown[] = [];
        const stopFirst = engine.subscribe((deliveries) => first.push(deliveries));
        engine.subscribe((deliveries) => second.push(deliveries));
        await run((tx) => tx.publish([{ userIds: ['ana'], event: typing('r', 'ana') }]));
        stopFirst();
        await run((tx) => tx.publish([{ userIds: ['ana'], event: typing('r', 'bo') }]));
        expect(first).toHaveLength(1);
        expect(second).toHaveLength(2);
      });

      it('publishes from a read-only transaction (typing)', async () => {
        const received: (readonly Delivery[])[] = [];
        engine.subscribe((deliveries) => received.push(deliveries));
        await run((tx) => tx.publish([{ userIds: ['ana'], event: typing('r', 'bo') }]), { readOnly: true });
        expect(received).toEqual([[{ userIds: ['ana'], event: typing('r', 'bo') }]]);
      });

      it('refuses a transaction inside another (sync engines)', async () => {
        if (engine.mode !== 'sync') return;
        const sync = engine as StorageEngine<'sync'>;
        let inner: unknown;
        sync.transaction((tx) => {
          tx.putUser(user('ana'));
          try {
            sync.transaction(() => undefined);
          } catch (error) {
            inner = error;
          }
        });
        expect(inner).toBeInstanceOf(ChatError);
        expect((inner as ChatError).code).toBe('internal');
        // The outer one went on and committed.
        expect(sync.transaction((tx) => tx.getUser('ana'))?.user.id).toBe('ana');
      });

      it('refuses transactions once closed, with ChatError unavailable', async () => {
        await engine.close();
        const error = await fails((tx) => tx.getUser('ana'));
        expect(error).toBeInstanceOf(ChatError);
        expect((error as ChatError).code).toBe('unavailable');
        engine = await harness.open();
      });
    });

    describe('sessions', () => {
      it('counts open sessions per person', async () => {
        expect(await run((tx) => tx.openSession('ana'))).toBe(1);
        expect(await run((tx) => [tx.openSession('ana'), tx.openSession('bo')])).toEqual([2, 1]);
        expect(await run((tx) => tx.closeSession('ana'))).toBe(1);
        expect(await run((tx) => tx.closeSession('ana'))).toBe(0);
        expect(await run((tx) => tx.openSession('ana'))).toBe(1);
        expect(await run((tx) => tx.closeSession('bo'))).toBe(0);
      });

      it('counts without changing, and lists the people stored as online for the presence sweep', async () => {
        await run((tx) => {
          for (const id of ['cy', 'ana', 'bo', 'dee']) tx.putUser(user(id, { presence: { state: id === 'dee' ? 'offline' : 'online' } }));
          tx.openSession('ana');
        });
        expect(await run((tx) => [tx.countSessions('ana'), tx.countSessions('bo'), tx.countSessions('ana')], { readOnly: true })).toEqual([1, 0, 1]);
        expect(await run((tx) => tx.listOnlineUsers({ limit: 10 }), { readOnly: true })).toEqual(['ana', 'bo', 'cy']);
        expect(await run((tx) => tx.listOnlineUsers({ afterId: 'ana', limit: 1 }), { readOnly: true })).toEqual(['bo']);
        const inside = await run((tx) => {
          tx.putUser(user('bo', { presence: { state: 'offline', lastSeenAt: 5 } }));
          tx.openSession('bo');
          return { online: tx.listOnlineUsers({ limit: 10 }), bo: tx.countSessions('bo') };
        });
        expect(inside).toEqual({ online: ['ana', 'cy'], bo: 1 });
      });

      it('forgets the counting of a transaction that failed', async () => {
        await run((tx) => tx.openSession('ana'));
        await fails((tx) => {
          tx.openSession('ana');
          tx.openSession('bo');
          throw new ChatError('invalid', 'No.');
        });
        expect(await run((tx) => tx.openSession('ana'))).toBe(2);
        expect(await run((tx) => tx.openSession('bo'))).toBe(1);
      });
    });

    describe('epoch and reopening', () => {
      it('names its history with a non-empty epoch, another for another store', async () => {
        expect(typeof engine.epoch).toBe('string');
        expect(engine.epoch.length).toBeGreaterThan(0);
        const otherHarness = await makeHarness();
        const other = await otherHarness.open();
        try {
          expect(other.epoch).not.toBe(engine.epoch);
        } finally {
          await other.close();
          await otherHarness.dispose();
        }
      });

      it('finds everything again after reopening, under the same epoch (durable engines)', async () => {
        if (harness.reopen === undefined) return;
        await run((tx) => {
          tx.putUser(user('ana', { customData: { x: 1 } }));
          tx.setBlocked('ana', ['bo']);
          tx.insertRoom(roomRow('r'));
          tx.putMember('r', { userId: 'ana', role: 'admin', joinedAt: 1 });
          tx.putCursor({ roomId: 'r', userId: 'ana', sequence: 2, updatedAt: 3 });
          tx.insertMessage(message('r', 1));
          tx.insertMessage(message('r', 2, { parentId: 'r-1' }));
          tx.updateRoom('r', { lastSequence: 2 });
          tx.setDirectRoom('ana', 'bo', 'r');
        });
        const epoch = engine.epoch;
        engine = await harness.reopen(engine);
        expect(engine.epoch).toBe(epoch);
        expect(await run((tx) => tx.getUser('ana'))).toStrictEqual({ user: user('ana', { customData: { x: 1 } }), blocked: ['bo'] });
        expect(await run((tx) => tx.getRoom('r'))).toStrictEqual({
          ...roomRow('r', { lastSequence: 2 }),
          members: [{ userId: 'ana', role: 'admin', joinedAt: 1 }],
          cursors: [{ roomId: 'r', userId: 'ana', sequence: 2, updatedAt: 3 }],
        });
        expect(await run((tx) => tx.messagesBetween('r', 1, 2))).toStrictEqual([message('r', 1), message('r', 2, { parentId: 'r-1' })]);
        expect(await run((tx) => tx.directRoomId('bo', 'ana'))).toBe('r');
        // Join order goes on after what was stored before.
        await run((tx) => tx.putMember('r', { userId: 'bo', role: 'member', joinedAt: 4 }));
        expect((await run((tx) => tx.getRoom('r')))!.members.map((m) => m.userId)).toEqual(['ana', 'bo']);
      });
    });
  });
}

/** A person as the rules would store them. */
export function user(id: string, fields: Partial<User> = {}): User {
  return { id, name: id.toUpperCase(), presence: { state: 'offline' }, ...fields };
}

/** A room's own row: public, created by ana at 1, empty. */
export function roomRow(id: string, fields: Partial<RoomRow> = {}): RoomRow {
  return { id, name: id, kind: 'public', createdBy: 'ana', createdAt: 1, lastActivityAt: 1, lastSequence: 0, ...fields };
}

/** Message `sequence` of a room: id `<room>-<sequence>`, client id `c-<room>-<sequence>`, by ana. */
export function message(roomId: string, sequence: number, fields: Partial<Message> = {}): Message {
  return {
    id: `${roomId}-${sequence}`,
    clientId: `c-${roomId}-${sequence}`,
    roomId,
    sequence,
    authorId: 'ana',
    text: `message ${sequence}`,
    attachments: [],
    mentions: [],
    reactions: [],
    replyCount: 0,
    createdAt: 1_700_000_000_000 + sequence,
    ...fields,
  };
}

function typing(roomId: string, userId: string): ServerEvent {
  return { type: 'typing.started', roomId, userId, ttlMs: 1000 };
}
