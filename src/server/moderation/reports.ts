import { ChatError, type CommandOf, type Message, type Report } from '../../protocol';
import { isMember, roleOf, type Handlers, type ServerContext } from '../context';
import { deleteMessageContent } from '../messages';
import type { StoredRoom, StoredUser } from '../storage';
import type { ReportRecord } from '../storage/moderationRecords';
import { messageView } from '../views';
import { requireModeratedRoom } from './access';
import { banMember } from './bans';
import { muteMember } from './mutes';
import { isSiteModerator, SITE } from './site';

/** Top-level messages shown on each side of a reported one. */
export const REPORT_CONTEXT_MESSAGES = 3;

/** The most open reports one `report.list` answers (newest last). */
export const MAX_LISTED_REPORTS = 200;

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

/**
 * Open reports of one room, oldest first.
 *
 * @example
 * const open = openReportsOf(ctx, 'general', MAX_LISTED_REPORTS);
 */
export function openReportsOf(ctx: ServerContext, roomId: string, limit: number): ReportRecord[] {
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

/** The reports queue: people report a message or a person; the room's admins and site moderators list and resolve them. */
export const reportHandlers: Handlers<'report.create' | 'report.list' | 'report.resolve'> = {
  'report.create': (ctx, actor, command) => createReport(ctx, actor, command),
  'report.list': (ctx, actor, command) => listReports(ctx, actor, command.roomId),
  'report.resolve': (ctx, actor, command) => resolveReport(ctx, actor, command),
};
