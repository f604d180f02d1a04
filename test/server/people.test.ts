import { DELETED_USER_ID, SYSTEM_USER_ID } from '../../src/protocol';
import { setup } from './helpers';

describe('deleting a person', () => {
  it("turns their messages into deleted-user tombstones, takes them out of every room (the admin role passes on) and removes their blocks", async () => {
    const { server, person } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    const cy = await person('cy');
    await server.createRoom({ id: 'team', name: 'team', kind: 'private', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
    const hello = await ana.ok({ type: 'message.send', roomId: 'team', clientId: 'c1', text: 'hello', mentions: ['bo'], customData: { mood: 'good' } });
    const reply = await bo.ok({ type: 'message.send', roomId: 'team', clientId: 'c2', text: 'hi ana', parentId: hello.id });
    await ana.ok({ type: 'message.send', roomId: direct.id, clientId: 'c1', text: 'secret' });
    await ana.ok({ type: 'user.block', userId: 'cy' });
    await cy.ok({ type: 'user.block', userId: 'ana' });
    bo.clear();
    cy.clear();

    const deleted = await server.deleteUser('ana');
    expect(deleted).toEqual({ userId: 'ana', rooms: 2, messages: 2 });

    expect(await server.getUser('ana')).toBeUndefined();
    const team = (await server.getRoom('team'))!;
    expect(team.members.map((member) => [member.userId, member.role])).toEqual([
      ['bo', 'admin'],
      ['cy', 'member'],
    ]);
    expect((await server.getRoom(direct.id))!.members.map((member) => member.userId)).toEqual(['bo']);
    const history = (await bo.ok({ type: 'message.history', roomId: 'team' })).messages;
    const tombstone = history.find((message) => message.id === hello.id)!;
    expect(tombstone).toMatchObject({ authorId: DELETED_USER_ID, text: '', attachments: [], mentions: [], sequence: hello.sequence, createdAt: hello.createdAt, replyCount: 1 });
    expect(tombstone.deletedAt).toBeDefined();
    expect(tombstone.customData).toBeUndefined();
    // Replies of others stay, under their deleted parent.
    expect((await bo.ok({ type: 'thread.history', roomId: 'team', parentId: hello.id })).messages.map((message) => message.id)).toEqual([reply.id]);
    // Members heard it: the tombstone, and the room without her.
    expect(bo.received('message.updated').map((event) => event.message.authorId)).toContain(DELETED_USER_ID);
    expect(bo.received('room.updated').filter((event) => event.room.id === 'team').at(-1)?.room.members.map((member) => member.userId)).toEqual(['bo', 'cy']);
    expect(bo.received('room.updated').filter((event) => event.room.id === direct.id).at(-1)?.room.members.map((member) => member.userId)).toEqual(['bo']);
    // cy blocked her: the block list no longer names her.
    expect(cy.received('blocks.updated').at(-1)?.blockedUserIds).toEqual([]);
    expect((await cy.session.snapshot()).blockedUserIds).toEqual([]);
    // A new person with her id starts from nothing: no rooms, no direct room, no old messages.
    await server.upsertUser({ id: 'ana', name: 'Another Ana' });
    const again = await server.connect('ana', () => {});
    expect((await again.snapshot()).rooms).toEqual([]);
    expect(await again.handle({ type: 'direct.open', userId: 'bo' })).toMatchObject({ ok: true });
    expect(((await again.handle({ type: 'direct.open', userId: 'bo' })) as { value: { id: string } }).value.id).not.toBe(direct.id);
    await expect(server.deleteUser('nobody')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('closes their sessions on this server and keeps the ids the server uses for itself reserved', async () => {
    const { server, person } = await setup();
    const ana = await person('ana');
    await server.deleteUser('ana');
    expect(ana.session.closed).toBe(true);
    expect(await ana.session.handle({ type: 'room.listPublic' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    for (const id of [SYSTEM_USER_ID, DELETED_USER_ID]) await expect(server.upsertUser({ id, name: 'x' })).rejects.toThrow(/reserved/);
  });
});

describe('announcements', () => {
  it('send one system message to each room, all or none, and a retry with its client id sends nothing twice', async () => {
    const { server, person } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await server.createRoom({ id: 'one', name: 'one', kind: 'public', createdBy: 'ana' });
    await server.createRoom({ id: 'two', name: 'two', kind: 'private', createdBy: 'bo' });
    ana.clear();
    bo.clear();
    const sent = await server.announce({ text: 'Maintenance at 22:00 UTC', roomIds: ['one', 'two'], clientId: 'maint-1' });
    expect(sent.map((message) => [message.roomId, message.sequence, message.authorId, message.system])).toEqual([
      ['one', 1, SYSTEM_USER_ID, true],
      ['two', 1, SYSTEM_USER_ID, true],
    ]);
    expect(ana.received('message.created').map((event) => event.message.roomId)).toEqual(['one']);
    expect(bo.received('message.created').map((event) => event.message.roomId)).toEqual(['two']);
    expect((await server.announce({ text: 'Maintenance at 22:00 UTC', roomIds: ['one', 'two'], clientId: 'maint-1' })).map((message) => message.id)).toEqual(sent.map((message) => message.id));
    await expect(server.announce({ text: 'x', roomIds: ['one', 'nowhere'] })).rejects.toThrow(/no room with id "nowhere"/);
    await expect(server.announce({ text: '   ', roomIds: ['one'] })).rejects.toThrow(/needs some text/);
    expect((await server.getRoom('one'))!.lastSequence).toBe(1);
  });
});
