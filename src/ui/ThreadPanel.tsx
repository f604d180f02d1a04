/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useThread, type Message as ChatMessage } from '../react';
import { Composer } from './composer';
import { Icon } from './icons';
import { Message } from './Message';
import { GROUP_WINDOW_MS } from './messageParts';
import { cx, useSlot, useStrings } from './config';
import { activeElementOf } from './dom';

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
  const MessagePart = useSlot('Message', Message);
  const replyCount = thread.parent?.replyCount ?? thread.replies.length;

  useEffect(() => {
    const panel = ref.current;
    const focused = activeElementOf(panel);
    const opener = focused instanceof HTMLElement ? focused : null;
    const field = panel?.querySelector<HTMLElement>('textarea, [contenteditable="true"], input');
    (field ?? headingRef.current)?.focus();
    return () => {
      const active = activeElementOf(panel);
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
    <aside ref={ref} className={cx('confab-thread-panel', className)} aria-labelledby={headingId} data-state={thread.loading ? 'loading' : 'ready'} onKeyDown={onKeyDown}>
      <header className="confab-thread-panel-header">
        <h2 ref={headingRef} id={headingId} className="confab-thread-panel-title" tabIndex={-1}>
          {strings.thread}
        </h2>
        <button type="button" className="confab-thread-panel-close" onClick={onClose} aria-label={strings.closeThread}>
          <Icon name="close" />
        </button>
      </header>
      <div className="confab-thread-panel-body">
        {thread.parent && <MessagePart roomId={roomId} message={thread.parent} inThread className="confab-thread-panel-parent" />}
        <p className="confab-thread-panel-count">{strings.threadReplies(replyCount)}</p>
        {thread.hasOlder && thread.replies.length > 0 && (
          <button type="button" className="confab-thread-panel-older" disabled={thread.loading} onClick={() => void thread.loadOlder().catch(() => {})}>
            {thread.loading ? strings.loadingOlder : strings.loadOlder}
          </button>
        )}
        {/* The log is a wrapper so the list keeps its list semantics (role="log" on <ol> would drop them). */}
        <div className="confab-thread-panel-log" role="log" aria-live="polite" aria-label={strings.threadReplies(replyCount)}>
        <ol className="confab-thread-panel-replies">
          {thread.replies.map((reply, index) => (
            <li key={reply.id} className="confab-thread-panel-reply">
              <MessagePart roomId={roomId} message={reply} inThread grouped={isGrouped(thread.replies[index - 1], reply)} />
            </li>
          ))}
          {thread.pending.map((reply) => (
            <li key={reply.clientId} className="confab-thread-panel-reply">
              <MessagePart roomId={roomId} pending={reply} inThread />
            </li>
          ))}
        </ol>
        </div>
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

/** A reply right after another by the same author within a few minutes drops its avatar and name. */
function isGrouped(previous: ChatMessage | undefined, reply: ChatMessage): boolean {
  return previous !== undefined && previous.authorId === reply.authorId && reply.createdAt - previous.createdAt < GROUP_WINDOW_MS && previous.deletedAt === undefined;
}
