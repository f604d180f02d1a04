import { SYSTEM_USER_ID, type CommandType } from '../protocol';
import type { Handlers } from './context';
import { invitationHandlers } from './invitations';
import { messageHandlers } from './messages';
import { pinHandlers } from './pins';
import { previewHandlers } from './previews';
import { moderationHandlers } from './moderation';
import { pollHandlers } from './polls';
import { readHandlers } from './reads';
import { readingHandlers } from './reading';
import { receiptHandlers } from './receipts';
import { roomHandlers } from './rooms';
import { roomSettingsHandlers } from './roomSettings';
import { searchHandlers } from './search';
import { streamingHandlers } from './streaming';
import { slashCommandHandlers } from './slashCommands';
import { userHandlers } from './users';

/** Every command's handler; the mapped type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...userHandlers,
  ...roomHandlers,
  ...messageHandlers,
  ...readHandlers,
  ...receiptHandlers,
  ...previewHandlers,
  ...searchHandlers,
  ...streamingHandlers,
  ...moderationHandlers,
  ...invitationHandlers,
  ...readingHandlers,
  ...pinHandlers,
  ...searchHandlers,
  ...roomSettingsHandlers,
  // Slash commands and polls (issue #14)
  ...slashCommandHandlers,
  ...pollHandlers,
};

/**
 * Commands that change shared state and so spend a flood token. Reads, typing and cursors are
 * left out: they are frequent by nature and cheap to serve.
 */
export const FLOOD_LIMITED: ReadonlySet<CommandType> = new Set<CommandType>([
  'user.update',
  'user.block',
  'user.unblock',
  'room.create',
  'room.update',
  'room.delete',
  'room.join',
  'room.leave',
  'room.addMembers',
  'room.removeMembers',
  'room.setRole',
  'direct.open',
  'message.send',
  'message.edit',
  'message.delete',
  'reaction.toggle',
  // Streamed messages: a stop is a person's write; pieces are bounded by the message's own size limit.
  'message.stop',
  // Rooms and people
  'invitation.accept',
  'invitation.decline',
  'invitation.withdraw',
  'message.pin',
  'message.unpin',
  'room.settings.set',
  'message.removePreview',
  // Moderation (issue #13).
  'member.mute',
  'member.unmute',
  'member.ban',
  'member.unban',
  'report.create',
  'report.resolve',
  // Slash commands and polls (issue #14)
  'command.register',
  'command.invoke',
  'poll.create',
  'poll.vote',
  'poll.close',
]);

/**
 * Commands that read pages of history and so spend a read token (a separate bucket from writes):
 * each can answer a hundred messages, so a flood of them would stall everyone else.
 */
export const READ_LIMITED: ReadonlySet<CommandType> = new Set<CommandType>(['message.history', 'thread.history', 'room.resume', 'message.search', 'user.search', 'room.searchPublic']);

/**
 * Commands that store nothing (they read, or publish only ephemeral typing notices): storage may
 * run them without locks.
 */
export const READ_ONLY: ReadonlySet<CommandType> = new Set<CommandType>([
  'user.get',
  'room.members',
  'room.listPublic',
  'message.history',
  'thread.history',
  'room.resume',
  'cursor.list',
  'typing.start',
  'typing.stop',
  'message.listPinned',
  'message.get',
  'message.search',
  'user.search',
  'room.searchPublic',
  // Moderation (issue #13).
  'room.listBans',
  'report.list',
  'moderation.getSettings',
  // Slash commands and polls (issue #14)
  'command.list',
  'poll.ownVote',
]);

/**
 * Commands the host app's backend may run on any room without being in it (the admin API): room
 * management, and editing and deleting messages as a moderator.
 */
export const SYSTEM_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'room.update',
  'room.delete',
  'room.addMembers',
  'room.removeMembers',
  'room.setRole',
  'message.edit',
  'message.delete',
  'message.history',
  'thread.history',
  'cursor.list',
  'message.setPreview',
  // Moderation (issue #13): the admin API's reports, site roles and settings.
  'member.mute',
  'member.unmute',
  'member.ban',
  'member.unban',
  'room.listBans',
  'report.list',
  'report.resolve',
  'user.setRole',
  'moderation.getSettings',
  'moderation.setSettings',
]);

/** Who the host app's backend is when it acts through {@link SYSTEM_COMMANDS}. */
export const SYSTEM_ACTOR_ID = SYSTEM_USER_ID;
