import type { Room, RoomMember } from '../../../src/react';
import { memberPermissions, moderationPermissions, orderMembers, roomPermissions } from '../../../src/ui/members/permissions';

const member = (userId: string, role: RoomMember['role'] = 'member'): RoomMember => ({ userId, role, joinedAt: 0 });
const room = (kind: Room['kind'], members: RoomMember[]) => ({ kind, members });

describe('roomPermissions', () => {
  it('lets an admin do everything to a room', () => {
    expect(roomPermissions(room('private', [member('ana', 'admin'), member('bo')]), 'ana')).toEqual({ addMembers: true, rename: true, delete: true, leave: true });
  });

  it('lets a member of a public room add people and leave, and nothing else', () => {
    expect(roomPermissions(room('public', [member('ana', 'admin'), member('bo')]), 'bo')).toEqual({ addMembers: true, rename: false, delete: false, leave: true });
  });

  it('lets a member of a private room only leave', () => {
    expect(roomPermissions(room('private', [member('ana', 'admin'), member('bo')]), 'bo')).toEqual({ addMembers: false, rename: false, delete: false, leave: true });
  });

  it('allows nothing in a direct room, or to someone who is not in the room', () => {
    const none = { addMembers: false, rename: false, delete: false, leave: false };
    expect(roomPermissions(room('direct', [member('ana'), member('bo')]), 'ana')).toEqual(none);
    expect(roomPermissions(room('public', [member('ana', 'admin')]), 'eve')).toEqual(none);
    expect(roomPermissions(room('public', [member('ana', 'admin')]), null)).toEqual(none);
  });
});

describe('memberPermissions', () => {
  const design = room('public', [member('ana', 'admin'), member('bo'), member('chen', 'admin')]);

  it('lets an admin remove others and give or take the admin role', () => {
    expect(memberPermissions(design, 'ana', member('bo'))).toEqual({ remove: true, changeRoleTo: 'admin' });
    expect(memberPermissions(design, 'ana', member('chen', 'admin'))).toEqual({ remove: true, changeRoleTo: 'member' });
  });

  it('never offers to remove yourself (that is leaving), and an admin may step down only while another admin remains', () => {
    expect(memberPermissions(design, 'ana', member('ana', 'admin'))).toEqual({ remove: false, changeRoleTo: 'member' });
    const alone = room('public', [member('ana', 'admin'), member('bo')]);
    expect(memberPermissions(alone, 'ana', member('ana', 'admin'))).toEqual({ remove: false, changeRoleTo: null });
  });

  it('offers a member nothing over anyone, and nobody anything in a direct room', () => {
    expect(memberPermissions(design, 'bo', member('chen', 'admin'))).toEqual({ remove: false, changeRoleTo: null });
    expect(memberPermissions(design, 'bo', member('bo'))).toEqual({ remove: false, changeRoleTo: null });
    expect(memberPermissions(room('direct', [member('ana', 'admin'), member('bo')]), 'ana', member('bo'))).toEqual({ remove: false, changeRoleTo: null });
  });
});

describe('orderMembers', () => {
  it('puts online people first, then sorts by name in the locale, then by id', () => {
    const names: Record<string, string> = { a: 'Émile', b: 'bo', c: 'Chen', d: 'Ana', e: 'Ana' };
    const ordered = orderMembers([member('a'), member('b'), member('c'), member('e'), member('d')], new Set(['c', 'b']), (id) => names[id] ?? '', 'en');
    expect(ordered.map((entry) => entry.userId)).toEqual(['b', 'c', 'd', 'e', 'a']);
  });
});

describe('moderationPermissions', () => {
  const room = {
    kind: 'public' as const,
    members: [
      { userId: 'ana', role: 'admin' as const, joinedAt: 0 },
      { userId: 'chen', role: 'admin' as const, joinedAt: 0 },
      { userId: 'bo', role: 'member' as const, joinedAt: 0 },
    ],
  };
  const [ana, chen, bo] = room.members as [RoomMember, RoomMember, RoomMember];

  it('lets a room admin mute and ban members, and unmute the muted', () => {
    expect(moderationPermissions(room, 'ana', undefined, bo, undefined, false)).toEqual({ mute: true, ban: true, unmute: false });
    expect(moderationPermissions(room, 'ana', undefined, bo, undefined, true)).toEqual({ mute: false, ban: true, unmute: true });
  });

  it('keeps admins from acting on admins, themselves or site moderators, and members from acting at all', () => {
    const none = { mute: false, ban: false, unmute: false };
    expect(moderationPermissions(room, 'ana', undefined, chen, undefined, false)).toEqual(none);
    expect(moderationPermissions(room, 'ana', undefined, ana, undefined, false)).toEqual(none);
    expect(moderationPermissions(room, 'ana', undefined, bo, { role: 'moderator' }, false)).toEqual(none);
    expect(moderationPermissions(room, 'bo', undefined, chen, undefined, false)).toEqual(none);
    expect(moderationPermissions({ ...room, kind: 'direct' }, 'mo', { role: 'moderator' }, bo, undefined, false)).toEqual(none);
  });

  it('lets a site moderator act on admins too', () => {
    expect(moderationPermissions(room, 'mo', { role: 'moderator' }, chen, undefined, false)).toEqual({ mute: true, ban: true, unmute: false });
  });
});
