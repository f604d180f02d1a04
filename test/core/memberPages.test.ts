import { createChatClient, isCrowd, memberCountOf, roleInRoom, selectMemberPage, selectPresence, selectUser, shownMembers, type ChatClient, type Transport, type TransportListener } from '../../src/core';
import { shouldLoadMembers } from '../../src/core/memberPages';
import { ChatError, DEFAULT_LIMITS, type MembersPage, type Room, type RoomMember, type ServerEvent, type SessionSnapshot, type User } from '../../src/protocol';

const member = (userId: string, role: RoomMember['role'] = 'member'): RoomMember => ({ userId, role, joinedAt: 0 });
const person = (id: string, online = false): User => ({ id, name: `Person ${id}`, presence: { state: online ? 'online' : 'offline' } });

/** A town hall of 250 whose view lists its one admin, as a server with crowdSize 100 sends it. */
const hall: Room = { id: 'hall', name: 'Town hall', kind: 'public', createdBy: 'ana', createdAt: 0, members: [member('ana', 'admin')], memberCount: 250, lastSequence: 0, lastActivityAt: 0 };

function snapshot(rooms: Room[] = [hall]): SessionSnapshot {
  return { me: person('me', true), users: [person('ana')], rooms, cursors: [], blockedUserIds: [], typing: [], limits: DEFAULT_LIMITS, serverTime: 0 };
}

interface Asked {
  command: { type: string; roomId?: string; afterUserId?: string; limit?: number };
  resolve(page: MembersPage): void;
  reject(error: unknown): void;
}

/** A transport whose session and answers the test gives by hand. */
function fakeTransport() {
  let listener: TransportListener | null = null;
  const asked: Asked[] = [];
  const transport: Transport = {
    open(next) {
      listener = next;
      next.onSession(snapshot());
    },
    request(command) {
      return new Promise((resolve, reject) => asked.push({ command: command as Asked['command'], resolve: resolve as (page: MembersPage) => void, reject }));
    },
    close() {},
  };
  return { transport, asked, session: (next: SessionSnapshot) => listener?.onSession(next), event: (event: ServerEvent) => listener?.onEvent(event) };
}

function pageOf(from: number, count: number, hasMore: boolean): MembersPage {
  const ids = Array.from({ length: count }, (_, index) => `p${from + index}`);
  return { members: ids.map((id) => member(id)), users: ids.map((id, index) => person(id, index % 2 === 0)), hasMore };
}

let client: ChatClient;
let fake: ReturnType<typeof fakeTransport>;
beforeEach(async () => {
  fake = fakeTransport();
  client = createChatClient({ transport: fake.transport });
  await client.connect();
});
afterEach(() => client.close());

describe('crowd members on demand', () => {
  it('loads the first page, its profiles and presence into the store, then the next after the last one loaded', async () => {
    const first = client.loadMembers('hall');
    expect(fake.asked.map((ask) => ask.command)).toEqual([{ type: 'room.members', roomId: 'hall', limit: 50 }]);
    expect(selectMemberPage(client.store.getState(), 'hall')).toMatchObject({ members: [], status: 'loading' });
    fake.asked[0]!.resolve(pageOf(0, 50, true));
    await first;
    const state = client.store.getState();
    expect(selectMemberPage(state, 'hall')).toMatchObject({ hasMore: true, status: 'idle', error: null });
    expect(selectMemberPage(state, 'hall')?.members).toHaveLength(50);
    expect(selectUser(state, 'p7')?.name).toBe('Person p7');
    expect(selectPresence(state, 'p8')?.state).toBe('online');

    const second = client.loadMembers('hall');
    expect(fake.asked[1]!.command).toEqual({ type: 'room.members', roomId: 'hall', limit: 50, afterUserId: 'p49' });
    // A member already loaded (the page overlaps after someone left) is listed once.
    fake.asked[1]!.resolve({ ...pageOf(49, 20, false) });
    await second;
    const page = selectMemberPage(client.store.getState(), 'hall')!;
    expect(page.members.map((item) => item.userId)).toEqual(Array.from({ length: 69 }, (_, index) => `p${index}`));
    expect(page.hasMore).toBe(false);

    // Everyone is loaded now (Ana and p0…p68): nothing more to ask for.
    fake.event({ type: 'room.updated', room: { ...hall, memberCount: 70 } });
    await client.loadMembers('hall');
    expect(fake.asked).toHaveLength(2);
  });

  it('asks again after the last page when people joined since (the room counts more than are known)', async () => {
    const small: Room = { ...hall, memberCount: 4 };
    fake.event({ type: 'room.updated', room: small });
    const first = client.loadMembers('hall');
    fake.asked[0]!.resolve(pageOf(0, 3, false));
    await first;
    await client.loadMembers('hall');
    expect(fake.asked).toHaveLength(1);
    fake.event({ type: 'room.updated', room: { ...small, memberCount: 5 } });
    void client.loadMembers('hall');
    expect(fake.asked[1]!.command).toMatchObject({ afterUserId: 'p2' });
  });

  it('asks once while a page is on its way, and not for a room it is not in', async () => {
    const one = client.loadMembers('hall');
    const two = client.loadMembers('hall');
    await client.loadMembers('elsewhere');
    expect(fake.asked).toHaveLength(1);
    fake.asked[0]!.resolve(pageOf(0, 3, true));
    await Promise.all([one, two]);
  });

  it('keeps what was loaded when a page fails, says why, and asks for it again on the next try', async () => {
    const first = client.loadMembers('hall');
    fake.asked[0]!.resolve(pageOf(0, 50, true));
    await first;
    const failing = client.loadMembers('hall');
    fake.asked[1]!.reject(new ChatError('rate_limited', 'Too many requests; try again in a moment.'));
    await expect(failing).rejects.toMatchObject({ code: 'rate_limited' });
    const page = selectMemberPage(client.store.getState(), 'hall')!;
    expect(page).toMatchObject({ status: 'error', error: { code: 'rate_limited', message: 'Too many requests; try again in a moment.' } });
    expect(page.members).toHaveLength(50);
    void client.loadMembers('hall');
    expect(fake.asked[2]!.command).toMatchObject({ afterUserId: 'p49' });
  });

  it('drops the pages when a new session opens, and an answer from the old session with them', async () => {
    const first = client.loadMembers('hall');
    fake.asked[0]!.resolve(pageOf(0, 10, true));
    await first;
    const stale = client.loadMembers('hall');
    fake.session(snapshot());
    expect(selectMemberPage(client.store.getState(), 'hall')).toBeUndefined();
    fake.asked[1]!.resolve(pageOf(10, 10, true));
    await stale;
    expect(selectMemberPage(client.store.getState(), 'hall')).toBeUndefined();
  });

  it('drops a room’s pages when the user leaves it, and people they removed from its loaded members', async () => {
    const first = client.loadMembers('hall');
    fake.asked[0]!.resolve(pageOf(0, 5, true));
    await first;
    const removing = client.removeMembers('hall', ['p2']);
    (fake.asked[1] as unknown as { resolve(room: Room): void }).resolve({ ...hall, memberCount: 249 });
    await removing;
    expect(selectMemberPage(client.store.getState(), 'hall')?.members.map((item) => item.userId)).toEqual(['p0', 'p1', 'p3', 'p4']);
    const leaving = client.leaveRoom('hall');
    (fake.asked[2] as unknown as { resolve(value: object): void }).resolve({});
    await leaving;
    expect(selectMemberPage(client.store.getState(), 'hall')).toBeUndefined();
  });
});

describe('crowd rules', () => {
  it('a crowd is a room whose count exceeds its listed members', () => {
    expect(isCrowd(hall)).toBe(true);
    expect(isCrowd({ members: [member('ana')], memberCount: 1 })).toBe(false);
    expect(isCrowd({ members: [member('ana')] })).toBe(false);
    expect(memberCountOf(hall)).toBe(250);
    expect(memberCountOf({ members: [member('ana'), member('bo')] })).toBe(2);
  });

  it('someone a crowd does not list is a member; in a small room nobody unlisted has a role', () => {
    expect(roleInRoom(hall, 'ana')).toBe('admin');
    expect(roleInRoom(hall, 'me')).toBe('member');
    expect(roleInRoom({ members: [member('ana', 'admin')] }, 'me')).toBeUndefined();
  });

  it('shows a crowd’s admins then its loaded members once each, with the role its view gives them now', () => {
    const page = { members: [member('ana', 'admin'), member('bo', 'admin'), member('cy')], hasMore: true, status: 'idle' as const, error: null };
    expect(shownMembers(hall, page)).toEqual([member('ana', 'admin'), member('bo'), member('cy')]);
    expect(shownMembers(hall, undefined)).toEqual(hall.members);
    const small = { members: [member('ana', 'admin'), member('bo')] };
    expect(shownMembers(small, page)).toBe(small.members);
  });

  it('asks for a page when none is loaded, or more exist and none is on its way', () => {
    expect(shouldLoadMembers(undefined)).toBe(true);
    expect(shouldLoadMembers({ hasMore: true, status: 'idle' })).toBe(true);
    expect(shouldLoadMembers({ hasMore: true, status: 'error' })).toBe(true);
    expect(shouldLoadMembers({ hasMore: true, status: 'loading' })).toBe(false);
    expect(shouldLoadMembers({ hasMore: false, status: 'idle' })).toBe(false);
  });
});
