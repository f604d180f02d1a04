import { memo, useState, type ReactNode } from 'react';
import { useJumpToMessage, useMessageById, useUser } from '../react';
import { cx, useStrings } from './config';

/**
 * Props of {@link QuotedMessage}.
 *
 * @example
 * <QuotedMessage roomId="general" messageId={message.quotedId} />
 */
export interface QuotedMessageProps {
  roomId: string;
  /** The id of the quoted message. */
  messageId: string;
  className?: string;
}

/** The first line of a text, for a one-line excerpt. */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim();
}

/**
 * The message a message quotes: its author and first line, as plain text. Pressing it takes the
 * reader to the quoted message (loading its page when it is older than the history loaded; until
 * then it says it is not loaded). A quote whose message cannot be shown (gone, hidden) says so.
 *
 * @example
 * {message.quotedId && <QuotedMessage roomId={roomId} messageId={message.quotedId} />}
 */
export const QuotedMessage = memo(function QuotedMessage({ roomId, messageId, className }: QuotedMessageProps): ReactNode {
  const strings = useStrings();
  const quoted = useMessageById(roomId, messageId);
  const author = useUser(quoted?.authorId ?? '');
  const jump = useJumpToMessage();
  const [unreachable, setUnreachable] = useState(false);
  const show = () => void jump(roomId, messageId, quoted?.sequence).catch(() => setUnreachable(true));
  if (!quoted) {
    return (
      <blockquote className={cx('confab-quoted-message', className)} data-missing="">
        <button type="button" className="confab-quoted-message-jump" onClick={show} disabled={unreachable} title={strings.jumpToQuoted}>
          <span className="confab-quoted-message-text">{strings.quotedMessageMissing}</span>
        </button>
      </blockquote>
    );
  }
  const deleted = quoted.deletedAt !== undefined;
  const excerpt = deleted ? strings.messageDeleted : firstLine(quoted.text) || (quoted.attachments[0]?.name ?? strings.attachment);
  return (
    <blockquote className={cx('confab-quoted-message', className)} data-deleted={deleted ? '' : undefined} data-quoted-id={quoted.id}>
      <button type="button" className="confab-quoted-message-jump" onClick={show} title={strings.jumpToQuoted}>
        <bdi className="confab-quoted-message-author">{author?.name ?? strings.someone}</bdi>
        <bdi className="confab-quoted-message-text">{excerpt}</bdi>
      </button>
    </blockquote>
  );
});
