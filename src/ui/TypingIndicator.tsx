import { memo, type ReactNode } from 'react';
import { useTyping } from '../react';
import { cx, useStrings } from './config';
import { withNames } from './format/bidi';

/**
 * Props of {@link TypingIndicator}.
 *
 * @example
 * <TypingIndicator roomId="general" />
 */
export interface TypingIndicatorProps {
  roomId: string;
  className?: string;
}

/**
 * "Ana is typing…", "Ana and Bo are typing…", "Several people are typing…". It subscribes to the
 * room's typing notices itself, so they re-render this line and nothing else. The live region
 * stays in the page while nobody types (empty), so the next notice is announced.
 *
 * @example
 * <MessageList roomId={roomId} showTyping={false} />
 * <TypingIndicator roomId={roomId} />
 */
export const TypingIndicator = memo(function TypingIndicator({ roomId, className }: TypingIndicatorProps): ReactNode {
  const { users } = useTyping(roomId);
  const strings = useStrings();
  const names = users.map((user) => user.name);
  const active = names.length > 0;
  return (
    <div className={cx('confab-typing-indicator', className)} aria-live="polite" aria-atomic="true" data-state={active ? 'typing' : 'idle'} data-count={names.length}>
      {active && (
        <>
          <span className="confab-typing-indicator-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="confab-typing-indicator-text">{withNames((...isolated) => strings.typing(isolated), ...names)}</span>
        </>
      )}
    </div>
  );
});
