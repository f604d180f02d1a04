import { useEffect, useState, type ReactNode } from 'react';
import { useConnection } from '../react';
import { cx, useNow, useStrings } from './config';

/**
 * Props of {@link ConnectionBanner}.
 *
 * @example
 * <ConnectionBanner className="my-banner" />
 */
export interface ConnectionBannerProps {
  className?: string;
}

/**
 * A status line that appears while the chat is not connected: "Connecting…", "Reconnecting in
 * 3 s…" (counting down to the next attempt), "Offline…", or why connecting failed. Empty while
 * online. It is a polite live region (`role="status"`) that stays in the page, so screen readers
 * hear each change.
 *
 * @example
 * <ConnectionBanner />
 */
export function ConnectionBanner({ className }: ConnectionBannerProps): ReactNode {
  const strings = useStrings();
  const now = useNow();
  const { status, error } = useConnection();
  const retryAt = status.state === 'reconnecting' ? status.retryAt : null;
  const [, tick] = useState(0);

  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => tick((value) => value + 1), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);

  let text: string | null = null;
  let state: string = status.state;
  if (error !== null) {
    state = 'error';
    text = error.message;
  } else if (status.state === 'reconnecting') {
    const seconds = Math.ceil((status.retryAt - now()) / 1000);
    text = seconds > 0 ? strings.reconnectingIn(seconds) : strings.connection('reconnecting');
  } else if (status.state !== 'online') {
    text = strings.connection(status.state);
  }

  return (
    <div className={cx('confab-connection-banner', className)} role="status" data-state={state} data-visible={text !== null ? '' : undefined}>
      {text}
    </div>
  );
}
