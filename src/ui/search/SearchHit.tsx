import { memo, type ReactNode } from 'react';
import { useRoom, useUser, type MessageSearchHit } from '../../react';
import { Avatar } from '../Avatar';
import { cx, useLocale, useNow, useStrings } from '../config';
import { formatDateTime, formatShort } from '../format/dates';
import { useRoomDisplay } from '../roomName';
import { HighlightedText } from './HighlightedText';

/**
 * Props of {@link SearchHit}.
 *
 * @example
 * <SearchHit hit={hit} showRoom onOpen={(hit) => jump(hit)} />
 */
export interface SearchHitProps {
  hit: MessageSearchHit;
  /** Names the room (searching all rooms). */
  showRoom: boolean;
  onOpen(hit: MessageSearchHit): void;
  className?: string;
}

/**
 * One message found: its room, author and time (in the reader's locale), and its text with the
 * matches marked, as a button that takes the reader to the message.
 *
 * @example
 * <SearchHit hit={hit} showRoom={false} onOpen={open} />
 */
export const SearchHit = memo(function SearchHit({ hit, showRoom, onOpen, className }: SearchHitProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const { message } = hit;
  const author = useUser(message.authorId);
  const { name: roomName } = useRoomDisplay(useRoom(message.roomId));
  return (
    <button type="button" className={cx('confab-search-hit', className)} data-room-id={message.roomId} data-sequence={message.sequence} onClick={() => onOpen(hit)}>
      <Avatar userId={message.authorId} size="sm" />
      <span className="confab-search-hit-body">
        <span className="confab-search-hit-meta">
          <bdi className="confab-search-hit-author">{author?.name ?? strings.someone}</bdi>
          {showRoom && <bdi className="confab-search-hit-room">{roomName}</bdi>}
          <time className="confab-search-hit-time" dateTime={new Date(message.createdAt).toISOString()} title={formatDateTime(message.createdAt, locale)}>
            {formatShort(message.createdAt, now(), locale)}
          </time>
        </span>
        <HighlightedText className="confab-search-hit-text" text={message.text} ranges={hit.ranges} />
      </span>
    </button>
  );
});
