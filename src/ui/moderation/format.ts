import type { ChatStrings } from '../strings';

/** The units a moderation duration is written in, largest first. */
const UNITS: ReadonlyArray<[number, 'day' | 'hour' | 'minute' | 'second']> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/**
 * A duration as the locale writes it in words ("10 minutes", "1 Stunde", "١ يوم"), in the largest
 * unit that divides it; rounded to minutes otherwise.
 *
 * @example
 * formatDuration(600_000, 'en'); // '10 minutes'
 */
export function formatDuration(ms: number, locale: string | undefined): string {
  const [size, unit] = UNITS.find(([unitSize]) => ms >= unitSize && ms % unitSize === 0) ?? [60_000, 'minute' as const];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.max(1, Math.round(ms / size)));
}

/**
 * What a moderation notice carries (`customData.moderation` of a system message), checked, or
 * null when the data is not one: then the notice shows its text as is.
 *
 * @example
 * const notice = moderationNoticeOf(message.customData);
 */
export interface ModerationNoticeData {
  action: 'muted' | 'unmuted' | 'banned' | 'unbanned';
  userId: string;
  actorId: string;
  durationMs?: number;
  /** The moderator's words, shown as they wrote them. */
  reason?: string;
}

export function moderationNoticeOf(customData: unknown): ModerationNoticeData | null {
  const data = (customData as { moderation?: Record<string, unknown> } | undefined)?.moderation;
  if (typeof data !== 'object' || data === null) return null;
  const { action, userId, actorId, durationMs, reason } = data;
  if (action !== 'muted' && action !== 'unmuted' && action !== 'banned' && action !== 'unbanned') return null;
  if (typeof userId !== 'string' || typeof actorId !== 'string') return null;
  if (durationMs !== undefined && (typeof durationMs !== 'number' || !(durationMs > 0))) return null;
  return { action, userId, actorId, ...(durationMs !== undefined ? { durationMs } : {}), ...(typeof reason === 'string' && reason !== '' ? { reason } : {}) };
}

/**
 * The sentence of a moderation notice in the reader's language.
 *
 * @example
 * noticeText(strings, notice, 'Bo', 'Ana', 'en'); // 'Bo was muted by Ana for 10 minutes'
 */
export function noticeText(strings: ChatStrings, notice: ModerationNoticeData, target: string, actor: string, locale: string | undefined): string {
  const duration = notice.durationMs === undefined ? null : formatDuration(notice.durationMs, locale);
  switch (notice.action) {
    case 'muted':
      return strings.noticeMuted(target, actor, duration);
    case 'unmuted':
      return strings.noticeUnmuted(target, actor);
    case 'banned':
      return strings.noticeBanned(target, actor, duration);
    case 'unbanned':
      return strings.noticeUnbanned(target, actor);
  }
}

/** The picker's durations: 10 minutes, an hour, a day, and for good (null). */
export const MODERATION_DURATIONS: ReadonlyArray<{ ms: number | null; label: keyof Pick<ChatStrings, 'duration10Minutes' | 'duration1Hour' | 'duration1Day' | 'durationForGood'> }> = [
  { ms: 10 * 60_000, label: 'duration10Minutes' },
  { ms: 3_600_000, label: 'duration1Hour' },
  { ms: 86_400_000, label: 'duration1Day' },
  { ms: null, label: 'durationForGood' },
];

/** The reason texts, by the protocol's report reasons. */
export const REASON_LABELS = {
  spam: 'reasonSpam',
  harassment: 'reasonHarassment',
  inappropriate: 'reasonInappropriate',
  other: 'reasonOther',
} as const satisfies Record<string, keyof ChatStrings>;
