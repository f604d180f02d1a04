import { DELETED_USER_ID, SYSTEM_USER_ID } from '../../src/protocol';
import { setup } from './memoryHelpers';

describe('deleting a person', () => {
  it("turns their messages into deleted-user tombstones, takes them out of every room (the admin role passes on) and removes their blocks", async () => {
    const { server, person } = setup();
    const ana = person('ana');
    const bo = person('bo');
    const cy = person('cy');
    server.createRoom({ id: 'team', name: 'team', kind: 'private', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    const direct = ana.ok({ type: 'direct.open', userId: 'bo' });
    const hello = ana.ok({ type: 'message.send', roomId: 'team', clientId: 'c1', text: 'hello', mentions: ['bo'], customData: { mood: 'good' } });
    const reply = bo.ok({ type: 'message.send', roomId: 'team', clientId: 'c2', text: 'hi ana', parentId: hello.id });
    ana.ok({ type: 'message.send', roomId: direct.id, clientId: 'c1', text: 'secret' });
    ana.ok({ type: 'user.block', userId: 'cy' });
    cy.ok({ type: 'user.block', userId: 'ana' });
    bo.clear();
    cy.clear();

    const deleted = await server.deleteUser('ana');
    expect(deleted).toEqual({ userId: 'ana', rooms: 2, messages: 2 });

    expect(server.getUser('ana')).toBeUndefined();
    const team = server.getRoom('team')!;
    expect(team.members.map((member) => [member.userId, member.role])).toEqual([
      ['bo', 'admin'],
      ['cy', 'member'],
    ]);
    expect(server.getRoom(direct.id)!.members.map((member) => member.userId)).toEqual(['bo']);
    const history = bo.ok({ type: 'message.history', roomId: 'team' }).messages;
    const tombstone = history.find((message) => message.id === hello.id)!;
    expect(tombstone).toMatchObject({ authorId: DELETED_USER_ID, text: '', attachments: [], mentions: [], sequence: hello.sequence, createdAt: hello.createdAt, replyCount: 1 });
    expect(tombstone.deletedAt).toBeDefined();
    expect(tombstone.customData).toBeUndefined();
    // Replies of others stay, under their deleted parent.
    expect(bo.ok({ type: 'thread.history', roomId: 'team', parentId: hello.id }).messages.map((message) => message.id)).toEqual([reply.id]);
    // Members heard it: the tombstone, and the room without her.
    expect(bo.received('message.updated').map((event) => event.message.authorId)).toContain(DELETED_USER_ID);
    expect(bo.received('room.updated').filter((event) => event.room.id === 'team').at(-1)?.room.members.map((member) => member.userId)).toEqual(['bo', 'cy']);
    expect(bo.received('room.updated').filter((event) => event.room.id === direct.id).at(-1)?.room.members.map((member) => member.userId)).toEqual(['bo']);
    // cy blocked her: the block list no longer names her.
    expect(cy.received('blocks.updated').at(-1)?.blockedUserIds).toEqual([]);
    expect(cy.session.snapshot().blockedUserIds).toEqual([]);
    // A new person with her id starts from nothing: no rooms, no direct room, no old messages.
    server.upsertUser({ id: 'ana', name: 'Another Ana' });
    const again = server.connect('ana', () => {});
    expect(again.snapshot().rooms).toEqual([]);
    expect(again.handle({ type: 'direct.open', userId: 'bo' })).toMatchObject({ ok: true });
    expect((again.handle({ type: 'direct.open', userId: 'bo' }) as { value: { id: string } }).value.id).not.toBe(direct.id);
    await expect(server.deleteUser('nobody')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('closes their sessions on this server and keeps the ids the server uses for itself reserved', async () => {
    const { server, person } = setup();
    const ana = person('ana');
    await server.deleteUser('ana');
    expect(ana.session.closed).toBe(true);
    expect(ana.session.handle({ type: 'room.listPublic' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    for (const id of [SYSTEM_USER_ID, DELETED_USER_ID]) expect(() => server.upsertUser({ id, name: 'x' })).toThrow(/reserved/);
  });
});

describe('announcements', () => {
  it('send one system message to each room, all or none, and a retry with its client id sends nothing twice', () => {
    const { server, person } = setup();
    const ana = person('ana');
    const bo = person('bo');
    server.createRoom({ id: 'one', name: 'one', kind: 'public', createdBy: 'ana' });
    server.createRoom({ id: 'two', name: 'two', kind: 'private', createdBy: 'bo' });
    ana.clear();
    bo.clear();
    const sent = server.announce({ text: 'Maintenance at 22:00 UTC', roomIds: ['one', 'two'], clientId: 'maint-1' });
    expect(sent.map((message) => [message.roomId, message.sequence, message.authorId, message.system])).toEqual([
      ['one', 1, SYSTEM_USER_ID, true],
      ['two', 1, SYSTEM_USER_ID, true],
    ]);
    expect(ana.received('message.created').map((event) => event.message.roomId)).toEqual(['one']);
    expect(bo.received('message.created').map((event) => event.message.roomId)).toEqual(['two']);
    expect(server.announce({ text: 'Maintenance at 22:00 UTC', roomIds: ['one', 'two'], clientId: 'maint-1' }).map((message) => message.id)).toEqual(sent.map((message) => message.id));
    expect(() => server.announce({ text: 'x', roomIds: ['one', 'nowhere'] })).toThrow(/no room with id "nowhere"/);
    expect(() => server.announce({ text: '   ', roomIds: ['one'] })).toThrow(/needs some text/);
    expect(server.getRoom('one')!.lastSequence).toBe(1);
  });
});
