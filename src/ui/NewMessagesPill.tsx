import { memo, type ReactNode } from 'react';
import { cx, useStrings } from './config';
import { Icon } from './icons';

/**
 * Props of {@link NewMessagesPill}.
 *
 * @example
 * <NewMessagesPill count={3} onClick={scrollToBottom} />
 */
export interface NewMessagesPillProps {
  /** Messages that arrived since the reader scrolled up. */
  count: number;
  /** Jumps to the newest message. */
  onClick(): void;
  className?: string;
}

/**
 * "3 new messages ↓": shown while the reader is scrolled up and messages arrive below.
 *
 * @example
 * {!atBottom && unseen > 0 && <NewMessagesPill count={unseen} onClick={jumpToBottom} />}
 */
export const NewMessagesPill = memo(function NewMessagesPill({ count, onClick, className }: NewMessagesPillProps): ReactNode {
  const strings = useStrings();
  return (
    <button type="button" className={cx('confab-new-messages-pill', className)} data-count={count} onClick={onClick}>
      {strings.newMessages(count)}
      <Icon name="arrowDown" className="confab-icon confab-new-messages-pill-arrow" />
    </button>
  );
});

/**
 * Props of {@link JumpToUnreadButton}.
 *
 * @example
 * <JumpToUnreadButton onClick={scrollToUnread} />
 */
export interface JumpToUnreadButtonProps {
  onClick(): void;
  className?: string;
}

/**
 * "Jump to first unread ↑": shown while the unread separator is above the viewport.
 *
 * @example
 * {unreadAbove && <JumpToUnreadButton onClick={scrollToUnread} />}
 */
export const JumpToUnreadButton = memo(function JumpToUnreadButton({ onClick, className }: JumpToUnreadButtonProps): ReactNode {
  return <JumpButton to="unread" onClick={onClick} className={className} />;
});

/** The two jump buttons: "Jump to first unread ↑" and "Jump to latest ↓". */
function JumpButton({ to, onClick, className }: { to: 'unread' | 'latest'; onClick(): void; className: string | undefined }): ReactNode {
  const strings = useStrings();
  const up = to === 'unread';
  return (
    <button type="button" className={cx(`confab-jump-to-${to}`, className)} onClick={onClick}>
      {!up && strings.jumpToLatest}
      <Icon name={up ? 'arrowUp' : 'arrowDown'} className={`confab-icon confab-jump-to-${to}-arrow`} />
      {up && strings.jumpToUnread}
    </button>
  );
}

/**
 * Props of {@link JumpToLatestButton}.
 *
 * @example
 * <JumpToLatestButton onClick={jumpToLatest} />
 */
export interface JumpToLatestButtonProps {
  onClick(): void;
  className?: string;
}

/**
 * "Jump to latest ↓": shown while the reader is away from the newest message (reading from the
 * first unread, or scrolled up) and nothing new has arrived to count.
 *
 * @example
 * {!atBottom && <JumpToLatestButton onClick={jumpToLatest} />}
 */
export const JumpToLatestButton = memo(function JumpToLatestButton({ onClick, className }: JumpToLatestButtonProps): ReactNode {
  return <JumpButton to="latest" onClick={onClick} className={className} />;
});
