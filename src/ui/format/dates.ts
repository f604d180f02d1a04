/**
 * Dates and numbers through Intl, in the locale in effect. Cached formatters: building an
 * Intl.DateTimeFormat costs far more than using one.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * The time of day, as the locale writes it.
 *
 * @example
 * formatTime(message.createdAt, 'en-GB'); // "14:05"
 */
export function formatTime(timestamp: number, locale?: string): string {
  return formatter(locale, { hour: 'numeric', minute: '2-digit' }).format(timestamp);
}

/** Date and time in full, for titles and tooltips. */
export function formatDateTime(timestamp: number, locale?: string): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(timestamp);
}

/** Whether two instants fall on the same local calendar day. */
export function isSameDay(a: number, b: number): boolean {
  const first = new Date(a);
  const second = new Date(b);
  return first.getFullYear() === second.getFullYear() && first.getMonth() === second.getMonth() && first.getDate() === second.getDate();
}

/**
 * A day heading: "Today", "Yesterday", a weekday within the week, else a date.
 *
 * @example
 * formatDay(message.createdAt, Date.now(), 'en', { today: 'Today', yesterday: 'Yesterday' });
 */
export function formatDay(timestamp: number, now: number, locale: string | undefined, words: { today: string; yesterday: string }): string {
  if (isSameDay(timestamp, now)) return words.today;
  if (isSameDay(timestamp, now - 86_400_000)) return words.yesterday;
  if (now - timestamp < 6 * 86_400_000 && timestamp < now) return formatter(locale, { weekday: 'long' }).format(timestamp);
  const sameYear = new Date(timestamp).getFullYear() === new Date(now).getFullYear();
  return formatter(locale, sameYear ? { weekday: 'short', month: 'long', day: 'numeric' } : { dateStyle: 'long' }).format(timestamp);
}

/**
 * A short relative time ("5 minutes ago"), for last-seen and previews.
 *
 * @example
 * formatRelative(user.presence.lastSeenAt, Date.now(), 'en'); // "5 minutes ago"
 */
export function formatRelative(timestamp: number, now: number, locale?: string): string {
  const seconds = Math.round((timestamp - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(0, 'second');
}

/** A short time for lists: the time today, else a short date. */
export function formatShort(timestamp: number, now: number, locale?: string): string {
  if (isSameDay(timestamp, now)) return formatTime(timestamp, locale);
  const sameYear = new Date(timestamp).getFullYear() === new Date(now).getFullYear();
  return formatter(locale, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }).format(timestamp);
}

/** Bytes as the locale writes them (kB, MB). */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
}
