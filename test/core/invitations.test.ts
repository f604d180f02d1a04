import { applyEvent, applySnapshot, createChatStore, selectInvitations, withInvitation, withoutInvitation } from '../../src/core';
import type { Invitation, SessionSnapshot } from '../../src/protocol';

const invitation = (roomId: string, invitedAt: number): Invitation => ({ roomId, roomName: roomId, roomKind: 'private', invitedBy: 'ana', invitedByName: 'Ana', invitedAt });

describe('the invitations slice', () => {
  it('keeps invitations oldest first, one per room, and the same list when nothing changes', () => {
    const list = withInvitation(withInvitation([], invitation('b', 2)), invitation('a', 1));
    expect(list.map((item) => item.roomId)).toEqual(['a', 'b']);
    expect(withInvitation(list, invitation('a', 3)).map((item) => item.roomId)).toEqual(['b', 'a']);
    expect(withoutInvitation(list, 'nope')).toBe(list);
    expect(withoutInvitation(list, 'a').map((item) => item.roomId)).toEqual(['b']);
  });

  it('follows invitation.added and invitation.removed, and takes the snapshot’s list (none when absent)', () => {
    const store = createChatStore();
    const now = 0;
    store.setState((state) => applyEvent(state, { type: 'invitation.added', invitation: invitation('plans', 5) }, now));
    expect(selectInvitations(store.getState()).map((item) => item.roomId)).toEqual(['plans']);
    store.setState((state) => applyEvent(state, { type: 'invitation.removed', roomId: 'plans', reason: 'withdrawn' }, now));
    expect(selectInvitations(store.getState())).toEqual([]);

    const snapshot: SessionSnapshot = {
      me: { id: 'bo', name: 'Bo', presence: { state: 'online' } },
      users: [],
      rooms: [],
      cursors: [],
      blockedUserIds: [],
      typing: [],
      limits: { maxMembersPerRoom: 100, maxTextBytes: 5120, maxCustomDataBytes: 5120, maxReplay: 100, maxMembersPerRequest: 10, maxRoomNameLength: 60, maxHistoryPage: 100, maxAttachments: 10, maxMentions: 50 },
      serverTime: 0,
      invitations: [invitation('trip', 1)],
    };
    store.setState((state) => applySnapshot(state, snapshot, now));
    const first = selectInvitations(store.getState());
    expect(first.map((item) => item.roomId)).toEqual(['trip']);
    // A reconnect with the same invitations keeps the list's identity (no re-render).
    store.setState((state) => applySnapshot(state, snapshot, now));
    expect(selectInvitations(store.getState())).toBe(first);
    const { invitations: _dropped, ...without } = snapshot;
    store.setState((state) => applySnapshot(state, without, now));
    expect(selectInvitations(store.getState())).toEqual([]);
  });
});
