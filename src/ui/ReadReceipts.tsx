import { memo, type ReactNode } from 'react';
import { useLastReadersOf, useUsersById } from '../react';
import { Avatar } from './Avatar';
import { cx, useSlot, useStrings } from './config';
import { isolate } from './messageParts';

/** Avatars shown before the rest are summed up as "+N". */
const MAX_AVATARS = 5;

/**
 * Props of {@link ReadReceipts}.
 *
 * @example
 * <ReadReceipts roomId="general" sequence={message.sequence} />
 */
export interface ReadReceiptsProps {
  roomId: string;
  /** The message under which to show who has read this far. */
  sequence: number;
  className?: string;
}

/**
 * Small avatars of the people whose reading stops at this message ("Seen by Ana and Bo"): each
 * person shows once, under the last message they have read, and moves down as they read on.
 * Renders nothing when nobody's reading stops here.
 *
 * @example
 * <ReadReceipts roomId={roomId} sequence={message.sequence} />
 */
export const ReadReceipts = memo(function ReadReceipts({ roomId, sequence, className }: ReadReceiptsProps): ReactNode {
  const readerIds = useLastReadersOf(roomId, sequence);
  const readers = useUsersById(readerIds);
  const strings = useStrings();
  const AvatarPart = useSlot('Avatar', Avatar);
  if (readerIds.length === 0) return null;
  const label = strings.seenBy(readerIds.map((_id, index) => isolate(readers[index]?.name ?? strings.someone)));
  const hidden = readerIds.length - MAX_AVATARS;
  return (
    <div className={cx('confab-read-receipts', className)} role="img" aria-label={label} title={label} data-count={readerIds.length}>
      {readerIds.slice(0, MAX_AVATARS).map((id) => (
        <AvatarPart key={id} userId={id} size="xs" />
      ))}
      {hidden > 0 && (
        <span className="confab-read-receipts-more" aria-hidden="true">
          {strings.moreCount(hidden)}
        </span>
      )}
    </div>
  );
});
