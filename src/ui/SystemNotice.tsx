import type { ReactNode } from 'react';
import { useUser, type Message as ChatMessage } from '../react';
import { cx, useLocale, useStrings } from './config';
import { formatDateTime, formatTime } from './format/dates';
import { RichText } from './format/richText';
import { moderationNoticeOf, noticeText, type ModerationNoticeData } from './moderation/format';

/**
 * Props of {@link SystemNotice}.
 *
 * @example
 * <SystemNotice message={announcement} />
 */
export interface SystemNoticeProps {
  message: ChatMessage;
  className?: string;
}

/**
 * A message the server sent itself (an announcement, `message.system`): a centered notice row with
 * no avatar, no author and no actions, so nobody takes it for a person's words. The text keeps the
 * same safe formatting as messages. `data-system` and `data-sequence` are on its root.
 *
 * @example
 * {message.system ? <SystemNotice message={message} /> : <Message roomId={roomId} sequence={message.sequence} />}
 */
export function SystemNotice({ message, className }: SystemNoticeProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const moderation = moderationNoticeOf(message.customData);
  return (
    <article className={cx('confab-system-notice', className)} tabIndex={-1} data-system="" data-sequence={message.sequence} aria-label={strings.announcement}>
      <div className="confab-system-notice-text">
        {moderation ? <ModerationNoticeText notice={moderation} fallback={message.text} /> : <RichText text={message.text} mentions={[]} meId={null} />}
      </div>
      <time className="confab-system-notice-time" dateTime={new Date(message.createdAt).toISOString()} title={formatDateTime(message.createdAt, locale)}>
        {formatTime(message.createdAt, locale)}
      </time>
    </article>
  );
}

/** A moderator's notice ("Bo was muted by Ana for 10 minutes") in the reader's language, with the names they know; the server's English when a name is unknown. */
function ModerationNoticeText({ notice, fallback }: { notice: ModerationNoticeData; fallback: string }): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const target = useUser(notice.userId)?.name;
  const actor = useUser(notice.actorId)?.name;
  if (target === undefined || actor === undefined) return <>{fallback}</>;
  const text = noticeText(strings, notice, target, actor, locale);
  return notice.reason === undefined ? <>{text}</> : <>{`${text} (“${notice.reason}”)`}</>;
}
