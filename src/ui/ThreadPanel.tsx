/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { memo, useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useCurrentUser, useThread, useUser, type Message, type PendingMessage } from '../react';
import { Avatar } from './Avatar';
import { Composer } from './Composer';
import { Icon } from './icons';
import { cx, useLocale, useSlot, useStrings } from './config';
import { formatDateTime, formatTime } from './format/dates';
import { RichText } from './format/richText';

/**
 * Props of {@link ThreadPanel}.
 *
 * @example
 * <ThreadPanel roomId="general" parentId={message.id} onClose={() => setThread(null)} />
 */
export interface ThreadPanelProps {
  roomId: string;
  /** The id of the message the thread hangs off. */
  parentId: string;
  /** Called by the close button and by Escape anywhere inside the panel. */
  onClose(): void;
  className?: string;
}

/**
 * A message's thread beside the room: the parent message, its replies (older ones on demand) and a
 * composer that replies in the thread. Takes focus when it opens (its composer, else its heading);
 * Escape or the close button closes it, and focus goes back to what opened it (the message's
 * "Reply in thread" button) when that is still on screen.
 *
 * Inside a `RoomViewProvider` (as `<Chat>` renders it) the thread's composer receives the edits and
 * quotes of replies.
 *
 * @example
 * {threadParentId && <ThreadPanel roomId={roomId} parentId={threadParentId} onClose={() => setThreadParentId(null)} />}
 */
export function ThreadPanel({ roomId, parentId, onClose, className }: ThreadPanelProps): ReactNode {
  const strings = useStrings();
  const thread = useThread(roomId, parentId);
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ComposerPart = useSlot('Composer', Composer);
  const replyCount = thread.parent?.replyCount ?? thread.replies.length;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = ref.current;
    const field = panel?.querySelector<HTMLElement>('textarea, [contenteditable="true"], input');
    (field ?? headingRef.current)?.focus();
    return () => {
      const active = document.activeElement;
      const focusLost = active === null || active === document.body || (panel?.contains(active) ?? false);
      if (opener?.isConnected && focusLost) opener.focus();
    };
    // Once per opened thread: the opener is whatever had focus when it opened.
  }, [parentId]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    // A picker or menu inside handles its own Escape first and stops it.
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onClose();
    }
  }

  return (
    <aside ref={ref} className={cx('confab-thread-panel', className)} aria-labelledby={headingId} data-loading={thread.loading ? '' : undefined} onKeyDown={onKeyDown}>
      <header className="confab-thread-panel-header">
        <h2 ref={headingRef} id={headingId} className="confab-thread-panel-title" tabIndex={-1}>
          {strings.thread}
        </h2>
        <button type="button" className="confab-thread-panel-close" onClick={onClose} aria-label={strings.closeThread}>
          <Icon name="close" />
        </button>
      </header>
      <div className="confab-thread-panel-body">
        {thread.parent && <ThreadMessage message={thread.parent} isParent />}
        <p className="confab-thread-panel-count">{strings.threadReplies(replyCount)}</p>
        {thread.hasOlder && thread.replies.length > 0 && (
          <button type="button" className="confab-thread-panel-older" disabled={thread.loading} onClick={() => void thread.loadOlder().catch(() => {})}>
            {thread.loading ? strings.loadingOlder : strings.loadOlder}
          </button>
        )}
        <ol className="confab-thread-panel-replies" role="log" aria-live="polite" aria-label={strings.threadReplies(replyCount)}>
          {thread.replies.map((reply) => (
            <ThreadMessage key={reply.id} message={reply} />
          ))}
          {thread.pending.map((reply) => (
            <ThreadMessage key={reply.clientId} message={reply} />
          ))}
        </ol>
        {thread.error && (
          <p className="confab-thread-panel-error" role="alert">
            {thread.error.message}
          </p>
        )}
      </div>
      <div className="confab-thread-panel-composer">
        <ComposerPart roomId={roomId} parentId={parentId} />
      </div>
    </aside>
  );
}

/**
 * One message in a thread: avatar, name, time and text. Deliberately simple (a thread is short);
 * the room's message list renders the full `<Message>`.
 */
const ThreadMessage = memo(function ThreadMessage({ message, isParent = false }: { message: Message | PendingMessage; isParent?: boolean }): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const author = useUser(message.authorId);
  const { id: meId } = useCurrentUser();
  const AvatarPart = useSlot('Avatar', Avatar);
  const Tag = isParent ? 'div' : 'li';
  const status = 'status' in message ? message.status : undefined;
  const deleted = 'deletedAt' in message && message.deletedAt !== undefined;
  return (
    <Tag
      className="confab-thread-message"
      data-parent={isParent ? '' : undefined}
      data-status={status}
      data-mine={message.authorId === meId ? '' : undefined}
      data-deleted={deleted ? '' : undefined}
    >
      <AvatarPart userId={message.authorId} size="sm" />
      <div className="confab-thread-message-body">
        <div className="confab-thread-message-meta">
          <span className="confab-thread-message-author" dir="auto">
            {author?.name || strings.someone}
          </span>
          <time className="confab-thread-message-time" dir="auto" dateTime={new Date(message.createdAt).toISOString()} title={formatDateTime(message.createdAt, locale)}>
            {formatTime(message.createdAt, locale)}
          </time>
          {status === 'sending' && <span className="confab-thread-message-status">{strings.sending}</span>}
          {status === 'failed' && <span className="confab-thread-message-status">{strings.failed}</span>}
        </div>
        <div className="confab-thread-message-text" dir="auto">
          {deleted ? strings.messageDeleted : <RichText text={message.text} meId={meId} />}
        </div>
      </div>
    </Tag>
  );
});
