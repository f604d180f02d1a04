import { type MemberMute, type Report, type ReportAction, type ReportReason, type Room, type RoomBan, type RoomMember, type User } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { withReport, withReportList, withRoom } from './store';

/**
 * How long a mute or ban lasts: milliseconds, or `null` for good (until lifted).
 *
 * @example
 * const tenMinutes: ModerationDuration = 10 * 60 * 1000;
 */
export type ModerationDuration = number | null;

/**
 * What a moderator does to members and reports, and what any member does to report. Every call
 * is checked by the server (room admins and site moderators only, but for `report`), whose refusal
 * rejects with a ChatError sentence.
 *
 * @example
 * await client.moderation.mute('general', 'bo', { durationMs: 10 * 60 * 1000, reason: 'Cool down' });
 * await client.moderation.report('general', { messageId: 'm9', reason: 'spam' });
 */
export interface Moderation {
  mute(roomId: string, userId: string, options?: { durationMs?: ModerationDuration; reason?: string }): Promise<Room>;
  unmute(roomId: string, userId: string): Promise<Room>;
  ban(roomId: string, userId: string, options?: { durationMs?: ModerationDuration; reason?: string }): Promise<RoomBan>;
  unban(roomId: string, userId: string): Promise<void>;
  listBans(roomId: string): Promise<RoomBan[]>;
  /** Reports a message (its author is the person reported) or a person. */
  report(roomId: string, target: { messageId: string; reason: ReportReason; note?: string } | { userId: string; reason: ReportReason; note?: string }): Promise<Report>;
  /** Loads the open reports the signed-in person may act on (one room's, or all) into the store. */
  loadReports(roomId?: string): Promise<Report[]>;
  /** Resolves a report; muting or banning its author takes `durationMs` (null: for good). */
  resolveReport(report: Pick<Report, 'id' | 'roomId'>, action: ReportAction, options?: { durationMs?: ModerationDuration; reason?: string }): Promise<Report>;
}

function timing(options: { durationMs?: ModerationDuration; reason?: string } = {}): { durationMs?: number; reason?: string } {
  const reason = options.reason?.trim();
  return { ...(typeof options.durationMs === 'number' ? { durationMs: options.durationMs } : {}), ...(reason ? { reason } : {}) };
}

/**
 * The moderation commands over the client's transport; their answers fold into the store.
 *
 * @example
 * const moderation = createModeration(context);
 */
export function createModeration(ctx: ClientContext): Moderation {
  const keepRoom = (room: Room): Room => {
    updateState(ctx.store, (state) => ({ rooms: withRoom(state.rooms, room) }));
    return room;
  };
  const keepReport = (report: Report): Report => {
    updateState(ctx.store, (state) => ({ reports: withReport(state.reports, report) }));
    return report;
  };
  return {
    mute: async (roomId, userId, options) => keepRoom(await ctx.transport.request({ type: 'member.mute', roomId, userId, ...timing(options) })),
    unmute: async (roomId, userId) => keepRoom(await ctx.transport.request({ type: 'member.unmute', roomId, userId })),
    ban: (roomId, userId, options) => ctx.transport.request({ type: 'member.ban', roomId, userId, ...timing(options) }),
    unban: async (roomId, userId) => {
      await ctx.transport.request({ type: 'member.unban', roomId, userId });
    },
    listBans: (roomId) => ctx.transport.request({ type: 'room.listBans', roomId }),
    report: (roomId, target) => {
      const note = target.note?.trim();
      return ctx.transport.request({
        type: 'report.create',
        roomId,
        reason: target.reason,
        ...('messageId' in target ? { messageId: target.messageId } : { userId: target.userId }),
        ...(note ? { note } : {}),
      });
    },
    loadReports: async (roomId) => {
      const reports = await ctx.transport.request({ type: 'report.list', ...(roomId !== undefined ? { roomId } : {}) });
      updateState(ctx.store, (state) => ({ reports: withReportList(state.reports, reports, roomId) }));
      return reports;
    },
    resolveReport: async (report, action, options) =>
      keepReport(await ctx.transport.request({ type: 'report.resolve', roomId: report.roomId, reportId: report.id, action, ...timing(options) })),
  };
}

/**
 * The mute that counts for a member at `now`: none when absent or over.
 *
 * @example
 * const mute = activeMute(member, Date.now());
 * if (mute) showMutedUntil(mute.until);
 */
export function activeMute(member: Pick<RoomMember, 'muted'> | undefined, now: number): MemberMute | undefined {
  const muted = member?.muted;
  return muted !== undefined && (muted.until === undefined || muted.until > now) ? muted : undefined;
}

/**
 * Whether a person may moderate a room (mute, ban, see its reports), by the server's rules seen
 * from the client: its admins, and site moderators (but not in direct rooms).
 *
 * @example
 * if (canModerate(room, me, currentUser)) showModerationButton();
 */
export function canModerate(room: Pick<Room, 'kind' | 'members'>, userId: string | null, user: Pick<User, 'role'> | undefined): boolean {
  if (userId === null || room.kind === 'direct') return false;
  return user?.role === 'moderator' || room.members.some((member) => member.userId === userId && member.role === 'admin');
}
