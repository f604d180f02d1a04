import type { ServerEvent, SessionSnapshot } from '../../protocol';
import { withBlockedUserIds } from './blocking';
import { cursorsFromSnapshot, withCursor, withoutRoomCursors } from './cursors';
import { invitationsFromSnapshot, withInvitation, withoutInvitation } from './invitations';
import type { ChatState } from './index';
import { withOwnPollVote } from './polls';
import { EMPTY_RECORD, lookup, withoutEntry, type IdRecord } from './records';
import { previewsFromSnapshot, roomsFromSnapshot, withActivity, withPreviewUpdate, withoutRoom, withRoom } from './rooms';
import { selectHeldLastSequence, withHiddenSequence, withMessages, withoutRoomHistory, withoutRoomTimeline, withUpdatedMessage, type TimelinesSlice } from './timelines';
import { withAppendedPiece } from './streaming';
import { withReport } from './reports';
import { roomSettingsFromSnapshot, withoutRoomSettings, withRoomSettings } from './roomSettings';
import { withoutTyping, withTyping } from './typing';
import { usersFromSnapshot, withPresence, withUser } from './users';

/**
 * Folds one server event into the state. Pure: returns only the slices that changed, and every
 * slice it does not touch keeps its identity, so subscribers of other rooms do not re-render.
 */
export function applyEvent(state: ChatState, event: ServerEvent, now: number): Partial<ChatState> {
  switch (event.type) {
    case 'message.created': {
      const { message } = event;
      if (!lookup(state.rooms, message.roomId)) return {};
      const next = withMessages(state, message.roomId, [message], { me: state.me });
      // The protocol: a message also ends its author's typing and moves their read cursor to it.
      return {
        timelines: next.timelines,
        threads: next.threads,
        rooms: withActivity(state.rooms, message),
        typing: withoutTyping(state.typing, message.roomId, message.authorId),
        cursors: withCursor(state.cursors, { roomId: message.roomId, userId: message.authorId, sequence: message.sequence, updatedAt: message.createdAt }),
      };
    }
    case 'message.updated': {
      const previews = withPreviewUpdate(state.previews, event.message);
      return { ...changedTimelines(state, withUpdatedMessage(state, event.message)), ...(previews !== state.previews ? { previews } : {}) };
    }
    case 'message.hidden': {
      if (!lookup(state.rooms, event.roomId)) return {};
      const timelines = withHiddenSequence(state, event.roomId, event.sequence);
      const room = lookup(state.rooms, event.roomId);
      const rooms = room && room.lastSequence < event.sequence ? withRoom(state.rooms, { ...room, lastSequence: event.sequence }) : state.rooms;
      return { ...changedTimelines(state, timelines), rooms };
    }
    case 'room.joined':
    case 'room.updated':
      return { rooms: withRoom(state.rooms, event.room) };
    case 'room.left':
      return forgetRoom(state, event.roomId);
    case 'cursor.updated':
      return { cursors: withCursor(state.cursors, event.cursor) };
    case 'typing.started':
      if (event.userId === state.me) return {};
      return { typing: withTyping(state.typing, event.roomId, event.userId, now + event.ttlMs) };
    case 'typing.stopped':
      return { typing: withoutTyping(state.typing, event.roomId, event.userId) };
    case 'presence.changed':
      return { presence: withPresence(state.presence, event.userId, event.presence) };
    case 'user.updated':
      return withUser(state, event.user);
    case 'blocks.updated':
      return withBlockedUserIds(state, event.blockedUserIds);
    case 'message.appended':
      // A piece that cannot be folded (a missed one) changes nothing here: the client asks for the message again.
      return changedTimelines(state, withAppendedPiece(state, event).slice);
    case 'report.created':
      return { reports: withReport(state.reports, event.report) };
    case 'report.resolved':
      return { reports: withoutEntry(state.reports, event.report.id) };
    case 'invitation.added':
      return { invitations: withInvitation(state.invitations, event.invitation) };
    case 'invitation.removed':
      return { invitations: withoutInvitation(state.invitations, event.roomId) };
    case 'room.settings.updated':
      if (!lookup(state.rooms, event.settings.roomId)) return {};
      return { roomSettings: withRoomSettings(state.roomSettings, event.settings) };
    // Slash commands and polls (issue #14)
    case 'commands.updated':
      return { botCommands: event.commands };
    case 'command.invoked':
      // For bots: a person's client keeps nothing of it.
      return {};
    case 'poll.voted':
      return { ownPollVotes: withOwnPollVote(state.ownPollVotes, event.roomId, event.messageId, event.optionIds) };
  }
}

function changedTimelines(state: ChatState, next: TimelinesSlice): Partial<ChatState> {
  return next === state ? {} : { timelines: next.timelines, threads: next.threads };
}

/** Everything about a room the user is no longer in. */
export function forgetRoom(state: ChatState, roomId: string): Partial<ChatState> {
  let typing = state.typing;
  if (lookup(typing, roomId)) {
    const rest: Record<string, IdRecord<number>> = { ...typing };
    delete rest[roomId];
    typing = rest;
  }
  return {
    rooms: withoutRoom(state.rooms, roomId),
    previews: withoutEntry(state.previews, roomId),
    cursors: withoutRoomCursors(state.cursors, roomId),
    roomSettings: withoutRoomSettings(state.roomSettings, roomId),
    ...changedTimelines(state, withoutRoomTimeline(state, roomId)),
    typing,
    memberPages: withoutEntry(state.memberPages, roomId),
    // A jump into a room one has left has nowhere to land.
    ...(state.focus?.roomId === roomId ? { focus: null } : {}),
  };
}

/**
 * A (re)opened session's snapshot replaces rooms, people, cursors and typing, keeping the identity
 * of whatever did not change, and drops the timelines of rooms the user is no longer in.
 */
export function applySnapshot(state: ChatState, snapshot: SessionSnapshot, now: number): Partial<ChatState> {
  const rooms = roomsFromSnapshot(state.rooms, snapshot.rooms);
  let timelines: TimelinesSlice = state;
  for (const roomId of Object.keys(state.timelines)) if (!lookup(rooms, roomId)) timelines = withoutRoomTimeline(timelines, roomId);
  let typing: ChatState['typing'] = {};
  for (const notice of snapshot.typing) if (notice.userId !== snapshot.me.id) typing = withTyping(typing, notice.roomId, notice.userId, now + notice.ttlMs);
  const users = usersFromSnapshot(state, [snapshot.me, ...snapshot.users.filter((user) => user.id !== snapshot.me.id)], snapshot.blockedUserIds);
  return {
    me: snapshot.me.id,
    limits: snapshot.limits,
    epoch: snapshot.epoch ?? null,
    ...users,
    rooms,
    previews: previewsFromSnapshot(state.previews, snapshot.lastMessages ?? []),
    timelines: timelines.timelines,
    threads: timelines.threads,
    cursors: cursorsFromSnapshot(state.cursors, snapshot.cursors),
    typing,
    invitations: invitationsFromSnapshot(state.invitations, snapshot.invitations),
    // Who is in a crowd changed while the session was down: its pages load again when asked for.
    memberPages: EMPTY_RECORD,
    roomSettings: roomSettingsFromSnapshot(state.roomSettings, snapshot.roomSettings ?? []),
    ...(snapshot.commands !== undefined ? { botCommands: snapshot.commands } : {}),
  };
}

/**
 * The rooms whose held copy belongs to another history than the server's, after a session opened:
 * every room the client knows when the server names another epoch; otherwise each room whose
 * newest sequence on the server is below what the client holds (a wiped or restored store).
 *
 * @example
 * const stale = roomsWithForeignHistory(client.store.getState(), snapshot); // ['general'] after a wiped server
 */
export function roomsWithForeignHistory(state: ChatState, snapshot: SessionSnapshot): string[] {
  if (state.epoch !== null && snapshot.epoch !== undefined && snapshot.epoch !== state.epoch) {
    const known = new Set([...Object.keys(state.rooms), ...Object.keys(state.timelines), ...Object.values(state.threads).map((thread) => thread.roomId)]);
    return [...known];
  }
  return snapshot.rooms.filter((room) => selectHeldLastSequence(state, room.id) > room.lastSequence).map((room) => room.id);
}

/**
 * Forgets what the client holds of rooms from another history: their messages and threads (not
 * the pending sends), previews, and the room records, so the next snapshot's copies are taken as
 * they are rather than merged with the old activity.
 *
 * @example
 * store.setState((state) => forgetHistory(state, ['general']));
 */
export function forgetHistory(state: ChatState, roomIds: readonly string[]): Partial<ChatState> {
  let slice: TimelinesSlice = state;
  let rooms = state.rooms;
  let previews = state.previews;
  for (const roomId of roomIds) {
    slice = withoutRoomHistory(slice, roomId);
    rooms = withoutRoom(rooms, roomId);
    previews = withoutEntry(previews, roomId);
  }
  return { timelines: slice.timelines, threads: slice.threads, rooms, previews };
}
