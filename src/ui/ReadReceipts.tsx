import { memo, type ReactNode } from 'react';
import { useLastReadersOf, useUsersById } from '../react';
import { cx, useStrings } from './config';
import { isolate } from './messageParts';
import { PeopleAvatars } from './people/PeopleAvatars';

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
 * person shows once, under the last message they have read, and moves down as they read on. Each
 * avatar opens the person's profile card, as avatars and names do elsewhere. Renders nothing when
 * nobody's reading stops here.
 *
 * @example
 * <ReadReceipts roomId={roomId} sequence={message.sequence} />
 */
export const ReadReceipts = memo(function ReadReceipts({ roomId, sequence, className }: ReadReceiptsProps): ReactNode {
  const readerIds = useLastReadersOf(roomId, sequence);
  const readers = useUsersById(readerIds);
  const strings = useStrings();
  if (readerIds.length === 0) return null;
  const label = strings.seenBy(readerIds.map((_id, index) => isolate(readers[index]?.name ?? strings.someone)));
  return <PeopleAvatars roomId={roomId} userIds={readerIds} label={label} max={MAX_AVATARS} className={cx('confab-read-receipts', className)} />;
});
