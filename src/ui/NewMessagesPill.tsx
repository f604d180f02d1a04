import { memo, type ReactNode } from 'react';
import { cx, useStrings } from './config';

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
      <span className="confab-new-messages-pill-arrow" aria-hidden="true">
        ↓
      </span>
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
  const strings = useStrings();
  return (
    <button type="button" className={cx('confab-jump-to-unread', className)} onClick={onClick}>
      <span className="confab-jump-to-unread-arrow" aria-hidden="true">
        ↑
      </span>
      {strings.jumpToUnread}
    </button>
  );
});
