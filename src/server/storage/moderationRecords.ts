import type { ReportAction, ReportReason } from '../../protocol';

/**
 * A ban as stored (`roomBan` records): the room and person are its scope and key.
 *
 * @example
 * const ban: BanRecord = { by: 'ana', at: 1767225600000, until: 1767229200000, reason: 'spam' };
 */
export interface BanRecord {
  by: string;
  at: number;
  until?: number;
  reason?: string;
}

/**
 * A report as stored (`report` records), without the messages a view adds.
 *
 * @example
 * const report: ReportRecord = { id: 'rep_1', roomId: 'general', reporterId: 'chen', userId: 'bo', reason: 'spam', createdAt: 0, status: 'open' };
 */
export interface ReportRecord {
  id: string;
  roomId: string;
  reporterId: string;
  userId: string;
  messageId?: string;
  reason: ReportReason;
  note?: string;
  createdAt: number;
  status: 'open' | 'resolved';
  resolvedBy?: string;
  resolvedAt?: number;
  resolution?: ReportAction;
}

/**
 * The moderation settings as stored (`siteSetting` "moderation"): a field left out keeps the
 * server's option.
 *
 * @example
 * const stored: ModerationSettingsRecord = { words: ['darn'] };
 */
export interface ModerationSettingsRecord {
  words?: string[];
  floodLimit?: { capacity: number; refillPerSecond: number } | false;
}
