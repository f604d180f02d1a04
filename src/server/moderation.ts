import {
  ChatError,
  SYSTEM_USER_ID,
  type CommandOf,
  type MemberMute,
  type Message,
  type ModerationSettings,
  type Report,
  type RoomBan,
  type RoomMember,
} from '../protocol';
import { insertSystemMessage } from './announce';
import { isMember, roleOf, type Handlers, type ServerContext } from './context';
import { deleteMessageContent } from './messages';
import { announceUpdate } from './rooms';
import type { StoredRoom, StoredUser } from './storage';
import type { BanRecord, ModerationSettingsRecord, ReportRecord } from './storage/moderationRecords';
import { announceUser } from './users';
import { messageView, userView } from './views';

/** Top-level messages shown on each side of a reported one. */
export const REPORT_CONTEXT_MESSAGES = 3;

/** The most open reports one `report.list` answers (newest last). */
export const MAX_LISTED_REPORTS = 200;

/** The scope of site-wide records (moderators, settings, the open-report index). */
const SITE = 'site';

/** True for a site-wide moderator (set through the admin API). */
export function isSiteModerator(user: StoredUser): boolean {
  return user.user.role === 'moderator';
}

/** Whether a mute counts at `now` (a mute whose time passed is as good as none). */
export function isMutedAt(member: Pick<RoomMember, 'muted'> | undefined, now: number): boolean {
  const muted = member?.muted;
  return muted !== undefined && (muted.until === undefined || muted.until > now);
}

/** Whether a ban counts at `now`. */
function isActiveBan(ban: BanRecord | undefined, now: number): ban is BanRecord {
  return ban !== undefined && (ban.until === undefined || ban.until > now);
}

/** "until 2026-12-03 14:05 UTC", or "until it is lifted": the server speaks English and UTC; clients say it in the reader's words. */
function untilText(until: number | undefined): string {
  if (until === undefined) return 'until a moderator lifts it';
  return `until ${new Date(until).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Refuses a muted member's send, reaction or typing with a sentence saying until when.
 *
 * @example
 * assertNotMuted(ctx, room, actor.user.id); // in message.send, reaction.toggle, typing.start
 */
export function assertNotMuted(ctx: ServerContext, room: StoredRoom, userId: string): void {
  const member = room.members.find((item) => item.userId === userId);
  if (!member || !isMutedAt(member, ctx.now())) return;
  throw new ChatError('forbidden', `You are muted in this room ${untilText(member.muted?.until)}; you cannot send, react or type here.`);
}

/**
 * Refuses joining or being added to a room one is banned from (an expired ban is forgotten here).
 *
 * @example
 * assertNotBanned(ctx, room, 'bo', 'You are');
 */
export function assertNotBanned(ctx: ServerContext, room: StoredRoom, userId: string, self: boolean): void {
  const ban = ctx.tx.getRecord('roomBan', room.id, userId);
  if (ban === undefined) return;
  if (!isActiveBan(ban, ctx.now())) {
    ctx.tx.deleteRecord('roomBan', room.id, userId);
    ctx.tx.deleteRecord('userBan', userId, room.id);
    return;
  }
  const who = self ? 'You are' : `"${userId}" is`;
  throw new ChatError('forbidden', `${who} banned from this room ${untilText(ban.until)}.`);
}

/**
 * The room, if this person may moderate it: its admins, site moderators in any room they can see
 * (public rooms, and those they are in), and the host app's backend. Direct rooms have no moderators.
 */
function requireModeratedRoom(ctx: ServerContext, roomId: string, actor: StoredUser, action: string): StoredRoom {
  const room = ctx.requireRoom(roomId);
  if (ctx.trusted) return room;
  const siteModerator = isSiteModerator(actor);
  if (!isMember(room, actor.user.id) && !(siteModerator && room.kind === 'public')) ctx.requireMember(roomId, actor.user.id);
  if (room.kind === 'direct') throw new ChatError('forbidden', `You cannot ${action} in a direct conversation.`);
  if (!siteModerator && roleOf(room, actor.user.id) !== 'admin')
    throw new ChatError('forbidden', `Only an admin of this room or a site moderator may ${action}.`);
  return room;
}

/** Who a target is to the actor: nobody acts on themselves, a room admin only on non-admins, nobody but the backend on a site moderator. */
function assertMayActOn(ctx: ServerContext, room: StoredRoom, actor: StoredUser, targetId: string, action: string): StoredUser {
  if (targetId === actor.user.id) throw new ChatError('invalid', `You cannot ${action} yourself.`);
  const target = ctx.requireUser(targetId);
  if (ctx.trusted) return target;
  if (isSiteModerator(target)) throw new ChatError('forbidden', `"${targetId}" is a site moderator; only the host app's backend may ${action} them.`);
  if (!isSiteModerator(actor) && roleOf(room, targetId) === 'admin') {
    throw new ChatError('forbidden', `"${targetId}" is an admin of this room; make them a member first, or ask a site moderator.`);
  }
  return target;
}

function nameOf(ctx: ServerContext, userId: string): string {
  if (userId === SYSTEM_USER_ID) return 'a moderator';
  return ctx.tx.getUser(userId)?.user.name ?? userId;
}

/** "10 minutes", "1 hour", "2 days": the English of a notice (clients show their own language). */
function durationText(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * What a moderation notice carries in its custom data, so each client can say it in its reader's
 * language (the text is the English fallback).
 *
 * @example
 * const notice: ModerationNotice = { action: 'muted', userId: 'bo', actorId: 'ana', durationMs: 600000 };
 */
export interface ModerationNotice {
  action: 'muted' | 'unmuted' | 'banned' | 'unbanned';
  userId: string;
  actorId: string;
  durationMs?: number;
  reason?: string;
}

/** Posts the room's notice of a moderation action, with its English text and its data for clients. */
function postNotice(ctx: ServerContext, room: StoredRoom, notice: ModerationNotice): void {
  const target = nameOf(ctx, notice.userId);
  const actor = nameOf(ctx, notice.actorId);
  const span = notice.durationMs === undefined ? '' : ` for ${durationText(notice.durationMs)}`;
  const forGood = notice.durationMs === undefined && (notice.action === 'muted' || notice.action === 'banned') ? ' until further notice' : '';
  const reason = notice.reason ? ` Reason: ${notice.reason}` : '';
  const text = `${target} was ${notice.action} by ${actor}${span}${forGood}.${reason}`;
  insertSystemMessage(ctx, room, text, {
    customData: { moderation: { ...notice } },
  });
}

function optionalReason(reason: string | undefined): { reason?: string } {
  return reason === undefined || reason === '' ? {} : { reason };
}

/**
 * Mutes a member of a room: they keep reading, but cannot send, react or type there until the
 * mute ends or is lifted. Everyone in the room hears `room.updated` and a notice.
 */
function muteMember(ctx: ServerContext, room: StoredRoom, actor: StoredUser, userId: string, durationMs: number | undefined, reason: string | undefined): void {
  assertMayActOn(ctx, room, actor, userId, 'mute');
  const member = room.members.find((item) => item.userId === userId);
  if (!member) throw new ChatError('not_found', `"${userId}" is not a member of this room.`);
  const at = ctx.now();
  const muted: MemberMute = {
    by: actor.user.id,
    at,
    ...(durationMs !== undefined ? { until: at + durationMs } : {}),
    ...optionalReason(reason),
  };
  member.muted = muted;
  ctx.tx.putMember(room.id, member);
  ctx.stopTyping(room, userId);
  postNotice(ctx, room, {
    action: 'muted',
    userId,
    actorId: actor.user.id,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...optionalReason(reason),
  });
  announceUpdate(ctx, room);
}

/**
 * Bans a person from a room for a time or for good: they leave it (hearing `room.left`), and may
 * not join a public room nor be added again until the ban ends or is lifted.
 */
function banMember(
  ctx: ServerContext,
  room: StoredRoom,
  actor: StoredUser,
  userId: string,
  durationMs: number | undefined,
  reason: string | undefined
): RoomBan {
  assertMayActOn(ctx, room, actor, userId, 'ban');
  const at = ctx.now();
  const ban: BanRecord = {
    by: actor.user.id,
    at,
    ...(durationMs !== undefined ? { until: at + durationMs } : {}),
    ...optionalReason(reason),
  };
  ctx.tx.putRecord('roomBan', room.id, userId, ban);
  ctx.tx.putRecord('userBan', userId, room.id, { at });
  if (isMember(room, userId)) {
    ctx.removeMember(room, userId);
    ctx.send(userId, { type: 'room.left', roomId: room.id, reason: 'removed' });
  }
  postNotice(ctx, room, {
    action: 'banned',
    userId,
    actorId: actor.user.id,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...optionalReason(reason),
  });
  announceUpdate(ctx, room);
  return banView(room.id, userId, ban);
}

function banView(roomId: string, userId: string, ban: BanRecord): RoomBan {
  return { roomId, userId, ...ban };
}

// Reports.

/** Report keys sort by time: a queue lists oldest first without a sort of its own. */
function newReportId(ctx: ServerContext): string {
  return ctx.newRecordId(`rep_${ctx.now().toString(36).padStart(9, '0')}`);
}

/** The top-level messages around a reported one, read with the same page reads as history. */
function contextAround(ctx: ServerContext, message: Message): Message[] {
  if (message.parentId !== undefined) return [message];
  const before = ctx.tx.topLevelBefore(message.roomId, message.sequence, REPORT_CONTEXT_MESSAGES);
  const after = ctx.tx.topLevelAfter(message.roomId, message.sequence, REPORT_CONTEXT_MESSAGES);
  return [...before, message, ...after].map(messageView);
}

/** A report as moderators see it: the record, the message as it stands now, and its neighbours. */
function reportView(ctx: ServerContext, record: ReportRecord): Report {
  const message = record.messageId === undefined ? undefined : ctx.tx.getMessage(record.roomId, record.messageId);
  return {
    ...record,
    ...(message ? { message: messageView(message) } : {}),
    context: message ? contextAround(ctx, message) : [],
  };
}

/** Who hears of a room's reports: its admins, and the site moderators who can see it. */
function moderatorsOf(ctx: ServerContext, room: StoredRoom): string[] {
  const ids = new Set(room.members.filter((member) => member.role === 'admin').map((member) => member.userId));
  for (const { key } of ctx.tx.listRecords('siteModerator', SITE, {
    limit: 1000,
  })) {
    if (room.kind === 'public' || isMember(room, key)) ids.add(key);
  }
  return [...ids];
}

function requireReport(ctx: ServerContext, roomId: string, reportId: string): ReportRecord {
  const record = ctx.tx.getRecord('report', roomId, reportId);
  if (!record) throw new ChatError('not_found', `There is no report with id "${reportId}" in this room.`);
  return record;
}

function createReport(ctx: ServerContext, actor: StoredUser, command: CommandOf<'report.create'>): Report {
  const reporterId = actor.user.id;
  const room = ctx.requireMember(command.roomId, reporterId);
  let userId = command.userId;
  if (command.messageId !== undefined) {
    const message = ctx.tx.getMessage(room.id, command.messageId);
    if (!message) throw new ChatError('not_found', `There is no message with id "${command.messageId}" in this room.`);
    if (message.system) throw new ChatError('invalid', 'A notice from the server cannot be reported.');
    if (message.deletedAt !== undefined) throw new ChatError('conflict', 'This message was already deleted.');
    if (userId !== undefined && userId !== message.authorId) throw new ChatError('invalid', 'Name the message or its author, not someone else.');
    userId = message.authorId;
  }
  if (userId === undefined) throw new ChatError('invalid', 'Name a message (messageId) or a person (userId) to report.');
  if (userId === reporterId) throw new ChatError('invalid', 'You cannot report yourself.');
  ctx.requireUser(userId);
  // Reporting the same thing twice while it is open answers the first report: a double click is one report.
  const [byKind, byKey] = command.messageId !== undefined ? (['reportOfMessage', command.messageId] as const) : (['reportOfPerson', userId] as const);
  const earlier = ctx.tx.getRecord(byKind, reporterId, byKey);
  const earlierReport = earlier?.roomId === room.id ? ctx.tx.getRecord('report', room.id, earlier.reportId) : undefined;
  if (earlierReport?.status === 'open') return reportView(ctx, earlierReport);

  const record: ReportRecord = {
    id: newReportId(ctx),
    roomId: room.id,
    reporterId,
    userId,
    ...(command.messageId !== undefined ? { messageId: command.messageId } : {}),
    reason: command.reason,
    ...(command.note ? { note: command.note } : {}),
    createdAt: ctx.now(),
    status: 'open',
  };
  ctx.tx.putRecord('report', room.id, record.id, record);
  ctx.tx.putRecord('openReport', SITE, record.id, { roomId: room.id });
  ctx.tx.putRecord(byKind, reporterId, byKey, { roomId: room.id, reportId: record.id });
  const view = reportView(ctx, record);
  ctx.sendTo(moderatorsOf(ctx, room), { type: 'report.created', report: view });
  return view;
}

/** Open reports of one room, oldest first. */
function openReportsOf(ctx: ServerContext, roomId: string, limit: number): ReportRecord[] {
  const out: ReportRecord[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = ctx.tx.listRecords('report', roomId, {
      ...(afterKey !== undefined ? { afterKey } : {}),
      limit: 200,
    });
    for (const { value } of page) if (value.status === 'open' && out.length < limit) out.push(value);
    if (page.length < 200 || out.length >= limit) return out;
    afterKey = page[page.length - 1]?.key;
  }
}

function listReports(ctx: ServerContext, actor: StoredUser, roomId: string | undefined): Report[] {
  if (roomId !== undefined) {
    const room = requireModeratedRoomForReports(ctx, roomId, actor);
    return openReportsOf(ctx, room.id, MAX_LISTED_REPORTS).map((record) => reportView(ctx, record));
  }
  const records: ReportRecord[] = [];
  if (ctx.trusted || isSiteModerator(actor)) {
    for (const { key, value } of ctx.tx.listRecords('openReport', SITE, {
      limit: MAX_LISTED_REPORTS,
    })) {
      const record = ctx.tx.getRecord('report', value.roomId, key);
      if (record) records.push(record);
    }
  } else {
    for (const id of ctx.tx.roomIdsOf(actor.user.id)) {
      const room = ctx.tx.getRoom(id);
      if (room && room.kind !== 'direct' && roleOf(room, actor.user.id) === 'admin') records.push(...openReportsOf(ctx, room.id, MAX_LISTED_REPORTS));
    }
    records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return records.slice(0, MAX_LISTED_REPORTS).map((record) => reportView(ctx, record));
}

/** Reports of a direct room reach site moderators alone (a direct room has no admin). */
function requireModeratedRoomForReports(ctx: ServerContext, roomId: string, actor: StoredUser): StoredRoom {
  const room = ctx.requireRoom(roomId);
  if (ctx.trusted || isSiteModerator(actor)) return room;
  ctx.requireMember(roomId, actor.user.id);
  if (roleOf(room, actor.user.id) !== 'admin') throw new ChatError('forbidden', "Only an admin of this room or a site moderator may see this room's reports.");
  return room;
}

function resolveReport(ctx: ServerContext, actor: StoredUser, command: CommandOf<'report.resolve'>): Report {
  const room = requireModeratedRoomForReports(ctx, command.roomId, actor);
  const record = requireReport(ctx, room.id, command.reportId);
  if (record.status !== 'open') throw new ChatError('conflict', 'This report was already resolved.');
  switch (command.action) {
    case 'dismiss':
      break;
    case 'deleteMessage': {
      const message = record.messageId === undefined ? undefined : ctx.tx.getMessage(room.id, record.messageId);
      if (!message) throw new ChatError('invalid', 'This report names no message to delete; dismiss it, or mute or ban the person.');
      deleteMessageContent(ctx, room, message);
      break;
    }
    case 'muteAuthor':
    case 'banAuthor': {
      const action = command.action === 'muteAuthor' ? 'mute people' : 'ban people';
      const moderated = requireModeratedRoom(ctx, room.id, actor, action);
      if (command.action === 'muteAuthor') {
        if (!isMember(moderated, record.userId)) throw new ChatError('conflict', `"${record.userId}" is no longer a member of this room; ban them instead.`);
        muteMember(ctx, moderated, actor, record.userId, command.durationMs, command.reason);
      } else {
        banMember(ctx, moderated, actor, record.userId, command.durationMs, command.reason);
      }
      break;
    }
  }
  const resolved: ReportRecord = {
    ...record,
    status: 'resolved',
    resolvedBy: actor.user.id,
    resolvedAt: ctx.now(),
    resolution: command.action,
  };
  ctx.tx.putRecord('report', room.id, record.id, resolved);
  ctx.tx.deleteRecord('openReport', SITE, record.id);
  const view = reportView(ctx, resolved);
  ctx.sendTo(moderatorsOf(ctx, room), {
    type: 'report.resolved',
    report: view,
  });
  return view;
}

// Site settings.

function requireBackend(ctx: ServerContext, action: string): void {
  if (!ctx.trusted) throw new ChatError('forbidden', `Only the host app's backend (the admin API) may ${action}.`);
}

/**
 * The stored moderation settings over the server's options: what the word filter and flood limit
 * are now.
 *
 * @example
 * const settings = effectiveSettings(ctx.tx.getRecord('siteSetting', 'site', 'moderation'), defaults);
 */
export function effectiveSettings(stored: ModerationSettingsRecord | undefined, defaults: ModerationSettings): ModerationSettings {
  return {
    words: stored?.words ?? defaults.words,
    floodLimit: stored?.floodLimit ?? defaults.floodLimit,
  };
}

/**
 * Where the moderation settings record lives.
 *
 * @example
 * tx.getRecord(...MODERATION_SETTINGS_KEY);
 */
export const MODERATION_SETTINGS_KEY = ['siteSetting', SITE, 'moderation'] as const;

/**
 * Removes what hangs on a room's moderation when the room is deleted: its bans, reports and their
 * index entries.
 *
 * @example
 * forgetRoomModeration(ctx, room.id);
 */
export function forgetRoomModeration(ctx: ServerContext, roomId: string): void {
  let afterKey: string | undefined;
  for (;;) {
    const bans = ctx.tx.listRecords('roomBan', roomId, {
      ...(afterKey !== undefined ? { afterKey } : {}),
      limit: 500,
    });
    for (const { key } of bans) ctx.tx.deleteRecord('userBan', key, roomId);
    if (bans.length < 500) break;
    afterKey = bans[bans.length - 1]?.key;
  }
  for (const record of openReportsOf(ctx, roomId, Number.MAX_SAFE_INTEGER)) ctx.tx.deleteRecord('openReport', SITE, record.id);
  ctx.tx.deleteRecords('roomBan', roomId);
  // A reporter's reportOf* entries naming this room's reports are left: they point at nothing now, and count as no report.
  ctx.tx.deleteRecords('report', roomId);
}

/**
 * Removes a deleted person's bans and site role, so a new person who later gets their id starts clean.
 *
 * @example
 * forgetPersonModeration(ctx, 'bo');
 */
export function forgetPersonModeration(ctx: ServerContext, userId: string): void {
  for (;;) {
    const bans = ctx.tx.listRecords('userBan', userId, { limit: 500 });
    for (const { key } of bans) ctx.tx.deleteRecord('roomBan', key, userId);
    ctx.tx.deleteRecords('userBan', userId);
    if (bans.length < 500) break;
  }
  ctx.tx.deleteRecord('siteModerator', SITE, userId);
  ctx.tx.deleteRecords('reportOfMessage', userId);
  ctx.tx.deleteRecords('reportOfPerson', userId);
}

/**
 * The moderation commands. The settings' defaults are the server's options (`ctx.moderationDefaults`);
 * the server applies a change to its flood gate and word filter once it commits (see server.ts).
 */
export const moderationHandlers: Handlers<
  | 'member.mute'
  | 'member.unmute'
  | 'member.ban'
  | 'member.unban'
  | 'room.listBans'
  | 'report.create'
  | 'report.list'
  | 'report.resolve'
  | 'user.setRole'
  | 'moderation.getSettings'
  | 'moderation.setSettings'
> = {
  'member.mute': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'mute people');
    muteMember(ctx, room, actor, command.userId, command.durationMs, command.reason);
    return ctx.roomView(room);
  },

  'member.unmute': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'unmute people');
    const member = room.members.find((item) => item.userId === command.userId);
    if (!member) throw new ChatError('not_found', `"${command.userId}" is not a member of this room.`);
    if (member.muted === undefined) return ctx.roomView(room);
    delete member.muted;
    ctx.tx.putMember(room.id, member);
    postNotice(ctx, room, {
      action: 'unmuted',
      userId: command.userId,
      actorId: actor.user.id,
    });
    announceUpdate(ctx, room);
    return ctx.roomView(room);
  },

  'member.ban': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'ban people');
    return banMember(ctx, room, actor, command.userId, command.durationMs, command.reason);
  },

  'member.unban': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'lift bans');
    ctx.requireUser(command.userId);
    const ban = ctx.tx.getRecord('roomBan', room.id, command.userId);
    if (!isActiveBan(ban, ctx.now())) throw new ChatError('not_found', `"${command.userId}" is not banned from this room.`);
    ctx.tx.deleteRecord('roomBan', room.id, command.userId);
    ctx.tx.deleteRecord('userBan', command.userId, room.id);
    postNotice(ctx, room, {
      action: 'unbanned',
      userId: command.userId,
      actorId: actor.user.id,
    });
    return { roomId: room.id, userId: command.userId };
  },

  'room.listBans': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'see bans');
    const now = ctx.now();
    return ctx.tx
      .listRecords('roomBan', room.id, { limit: 1000 })
      .filter(({ value }) => isActiveBan(value, now))
      .map(({ key, value }) => banView(room.id, key, value));
  },

  'report.create': (ctx, actor, command) => createReport(ctx, actor, command),
  'report.list': (ctx, actor, command) => listReports(ctx, actor, command.roomId),
  'report.resolve': (ctx, actor, command) => resolveReport(ctx, actor, command),

  'user.setRole': (ctx, _actor, command) => {
    requireBackend(ctx, 'set site roles');
    const record = ctx.requireUser(command.userId);
    const user = record.user;
    if (command.role === 'moderator') {
      if (user.role === 'moderator') return userView(user);
      user.role = 'moderator';
      ctx.tx.putRecord('siteModerator', SITE, user.id, { since: ctx.now() });
    } else {
      if (user.role === undefined) return userView(user);
      delete user.role;
      ctx.tx.deleteRecord('siteModerator', SITE, user.id);
    }
    ctx.tx.putUser(user);
    announceUser(ctx, user);
    return userView(user);
  },

  'moderation.getSettings': (ctx) => {
    requireBackend(ctx, 'read the moderation settings');
    return effectiveSettings(ctx.tx.getRecord(...MODERATION_SETTINGS_KEY), ctx.moderationDefaults);
  },

  'moderation.setSettings': (ctx, _actor, command) => {
    requireBackend(ctx, 'change the moderation settings');
    const stored = ctx.tx.getRecord(...MODERATION_SETTINGS_KEY) ?? {};
    const next: ModerationSettingsRecord = {
      ...stored,
      ...(command.words !== undefined ? { words: [...new Set(command.words)] } : {}),
      ...(command.floodLimit !== undefined ? { floodLimit: command.floodLimit } : {}),
    };
    ctx.tx.putRecord(...MODERATION_SETTINGS_KEY, next);
    const settings = effectiveSettings(next, ctx.moderationDefaults);
    ctx.tellHosts({ type: 'moderation.settings.updated', settings });
    return settings;
  },
};
