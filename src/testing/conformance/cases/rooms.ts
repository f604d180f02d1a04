import { check, checkEqual, checkMatch, checkRefused } from '../checks';
import type { ConformanceContext } from '../harness';

const memberIds = (room: { members: readonly { userId: string }[] }) => room.members.map((member) => member.userId).sort();

/**
 * Rooms and members: creating, joining and leaving, adding and removing people, roles, and
 * direct rooms.
 *
 * @example
 * roomsCases({ it, start, client });
 */
export function roomsCases({ it, start, client }: ConformanceContext): void {
  it('creates rooms with their creator as admin, and lets people join and leave public ones', async () => {
    await start();
    const ana = await client('ana');
    const chen = await client('chen');
    const room = await ana.transport.request({ type: 'room.create', name: 'plans', kind: 'public' });
    checkMatch(room, { name: 'plans', kind: 'public', members: [{ userId: 'ana', role: 'admin' }] }, 'the room created');
    await ana.waitForEvent('room.joined', (event) => event.room.id === room.id);
    const listed = await chen.transport.request({ type: 'room.listPublic' });
    check(
      listed.some((item) => item.id === room.id),
      'a new public room is listed',
      listed.map((item) => item.id),
    );
    const joined = await chen.transport.request({ type: 'room.join', roomId: room.id });
    checkEqual(memberIds(joined), ['ana', 'chen'], 'the members after chen joins');
    await chen.waitForEvent('room.joined', (event) => event.room.id === room.id);
    await ana.waitForEvent('room.updated', (event) => event.room.id === room.id && event.room.members.length === 2);
    const sent = await chen.transport.request({ type: 'message.send', roomId: room.id, clientId: 'j1', text: 'hi all' });
    checkEqual(sent.sequence, 1, 'the first message in the new room');
    await chen.transport.request({ type: 'room.leave', roomId: room.id });
    const left = await chen.waitForEvent('room.left', (event) => event.roomId === room.id);
    checkEqual(left.reason, 'left', 'the reason chen is told');
    await checkRefused(chen.transport.request({ type: 'message.send', roomId: room.id, clientId: 'j2', text: 'still here?' }), 'forbidden', 'a send after leaving');
  });

  it('keeps private rooms private: outsiders cannot join or read, and cannot tell them from missing ones', async () => {
    await start();
    const ana = await client('ana');
    const chen = await client('chen');
    const room = await ana.transport.request({ type: 'room.create', name: 'secret', kind: 'private', memberIds: ['bo'] });
    checkEqual(memberIds(room), ['ana', 'bo'], 'the members of the private room');
    const listed = await chen.transport.request({ type: 'room.listPublic' });
    check(!listed.some((item) => item.id === room.id), 'a private room is not listed', listed.map((item) => item.id));
    const privateJoin = await checkRefused(chen.transport.request({ type: 'room.join', roomId: room.id }), 'not_found', 'joining a private room one is not in');
    const missingJoin = await checkRefused(chen.transport.request({ type: 'room.join', roomId: 'no-such-room' }), 'not_found', 'joining a room that does not exist');
    checkEqual(privateJoin.message.replace(room.id, 'ID'), missingJoin.message.replace('no-such-room', 'ID'), 'the answers for a private room and a missing one');
    await checkRefused(chen.transport.request({ type: 'message.history', roomId: room.id }), 'not_found', 'history of a private room read by an outsider');
  });

  it('adds and removes members: admins manage, members may only remove themselves', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    const chen = await client('chen');
    const room = await ana.transport.request({ type: 'room.create', name: 'team', kind: 'private', memberIds: ['bo'] });
    await checkRefused(bo.transport.request({ type: 'room.addMembers', roomId: room.id, userIds: ['chen'] }), 'forbidden', 'a member adding people to a private room');
    const added = await ana.transport.request({ type: 'room.addMembers', roomId: room.id, userIds: ['chen'] });
    checkEqual(memberIds(added), ['ana', 'bo', 'chen'], 'the members after an admin adds chen');
    await chen.waitForEvent('room.joined', (event) => event.room.id === room.id);
    await checkRefused(bo.transport.request({ type: 'room.removeMembers', roomId: room.id, userIds: ['chen'] }), 'forbidden', 'a member removing someone else');
    const removed = await ana.transport.request({ type: 'room.removeMembers', roomId: room.id, userIds: ['chen'] });
    checkEqual(memberIds(removed), ['ana', 'bo'], 'the members after an admin removes chen');
    const told = await chen.waitForEvent('room.left', (event) => event.roomId === room.id);
    checkEqual(told.reason, 'removed', 'the reason chen is told');
  });

  it('changes roles: only admins, and never leaves a room without an admin', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    await checkRefused(bo.transport.request({ type: 'room.setRole', roomId: 'general', userId: 'bo', role: 'admin' }), 'forbidden', 'a member making themselves admin');
    await checkRefused(ana.transport.request({ type: 'room.setRole', roomId: 'general', userId: 'ana', role: 'member' }), 'conflict', 'the last admin stepping down');
    const promoted = await ana.transport.request({ type: 'room.setRole', roomId: 'general', userId: 'bo', role: 'admin' });
    checkEqual(promoted.members.find((member) => member.userId === 'bo')?.role, 'admin', "bo's role after ana promotes him");
    await bo.waitForEvent('room.updated', (event) => event.room.members.some((member) => member.userId === 'bo' && member.role === 'admin'));
    const renamed = await bo.transport.request({ type: 'room.update', roomId: 'general', name: 'everyone' });
    checkEqual(renamed.name, 'everyone', 'the name an admin gave the room');
  });

  it('opens one direct room per pair of people, whoever opens it', async () => {
    await start();
    const ana = await client('ana');
    const chen = await client('chen');
    const room = await ana.transport.request({ type: 'direct.open', userId: 'chen' });
    checkMatch(room, { kind: 'direct' }, 'the direct room');
    checkEqual(memberIds(room), ['ana', 'chen'], 'the members of the direct room');
    await chen.waitForEvent('room.joined', (event) => event.room.id === room.id);
    const again = await chen.transport.request({ type: 'direct.open', userId: 'ana' });
    checkEqual(again.id, room.id, 'the room chen opens with ana');
    await checkRefused(ana.transport.request({ type: 'direct.open', userId: 'ana' }), 'invalid', 'a direct room with oneself');
    await checkRefused(ana.transport.request({ type: 'room.leave', roomId: room.id }), 'forbidden', 'leaving a direct room');
  });
}
