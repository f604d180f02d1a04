import type { Report } from '../../protocol';
import { EMPTY_RECORD, memoizeByIdentity, withEntry, type IdRecord } from './records';

/**
 * The open reports the signed-in person may act on (room admins: their rooms'; site moderators:
 * all), as far as the client has loaded them (`client.moderation.loadReports()`) or heard of them
 * since (`report.created`, `report.resolved`).
 *
 * @example
 * const open = selectOpenReports(client.store.getState());
 */
export interface ReportsSlice {
  reports: IdRecord<Report>;
}

export const initialReports: ReportsSlice = { reports: EMPTY_RECORD };

/** A copy with one report added or replaced; a resolved one leaves instead. */
export function withReport(reports: IdRecord<Report>, report: Report): IdRecord<Report> {
  if (report.status !== 'open') {
    if (!Object.hasOwn(reports, report.id)) return reports;
    const { [report.id]: _gone, ...rest } = reports;
    return rest;
  }
  return withEntry(reports, report.id, report);
}

/** The queue as a page of `report.list` answered it: exactly those reports (of one room, or all). */
export function withReportList(reports: IdRecord<Report>, list: readonly Report[], roomId?: string): IdRecord<Report> {
  const next: Record<string, Report> = {};
  for (const report of Object.values(reports)) if (roomId !== undefined && report.roomId !== roomId) next[report.id] = report;
  for (const report of list) if (report.status === 'open') next[report.id] = report;
  return next;
}

const sortedReports = memoizeByIdentity((reports: IdRecord<Report>): Report[] =>
  Object.values(reports).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);

/**
 * Open reports, oldest first; of one room when `roomId` is given.
 *
 * @example
 * selectOpenReports(state, 'general').length; // the badge on the room header
 */
export function selectOpenReports(state: ReportsSlice, roomId?: string): Report[] {
  const all = sortedReports(state.reports);
  if (roomId === undefined) return all;
  // One array per room until the reports change, so a React selector sees a stable value.
  const rooms = byRoom(all);
  let list = rooms.get(roomId);
  if (!list) rooms.set(roomId, (list = all.filter((report) => report.roomId === roomId)));
  return list;
}

const byRoom = memoizeByIdentity((_all: Report[]) => new Map<string, Report[]>());
