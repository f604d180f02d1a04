import { memo, type ReactNode } from 'react';
import { cx, useLocale, useNow, useStrings } from './config';
import { formatDateTime, formatDay } from './format/dates';

/**
 * Props of {@link DateSeparator}.
 *
 * @example
 * <DateSeparator timestamp={message.createdAt} />
 */
export interface DateSeparatorProps {
  /** Any instant of the day the separator heads. */
  timestamp: number;
  className?: string;
}

/**
 * A day heading between messages: "Today", "Yesterday", a weekday, or a date, in the locale in
 * effect.
 *
 * @example
 * <DateSeparator timestamp={Date.UTC(2026, 0, 5)} />
 */
export const DateSeparator = memo(function DateSeparator({ timestamp, className }: DateSeparatorProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const label = formatDay(timestamp, now(), locale, strings);
  return (
    <div className={cx('confab-date-separator', className)} role="separator" aria-label={label} title={formatDateTime(timestamp, locale)}>
      <span className="confab-date-separator-label" aria-hidden="true">
        {label}
      </span>
    </div>
  );
});

/**
 * Props of {@link UnreadSeparator}.
 *
 * @example
 * <UnreadSeparator />
 */
export interface UnreadSeparatorProps {
  className?: string;
}

/**
 * The line above the first message the reader had not read when they opened the room.
 *
 * @example
 * <UnreadSeparator />
 */
export const UnreadSeparator = memo(function UnreadSeparator({ className }: UnreadSeparatorProps): ReactNode {
  const strings = useStrings();
  return (
    <div className={cx('confab-unread-separator', className)} role="separator" aria-label={strings.unreadSeparator}>
      <span className="confab-unread-separator-label" aria-hidden="true">
        {strings.unreadSeparator}
      </span>
    </div>
  );
});
