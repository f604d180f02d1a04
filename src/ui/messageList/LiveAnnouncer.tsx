import { useState, type ReactNode } from 'react';
import { useUser, type Message as ChatMessage } from '../../react';
import { useStrings } from '../config';

/**
 * The message to announce, if any: the newest one, when it arrived after the list opened (its
 * sequence is above `baseline`, the newest when the list first had messages), is someone else's,
 * is not deleted, and is not a streamed answer still being written.
 *
 * @example
 * announceable(newest, 40, 'ana'); // newest when bo wrote #41
 */
export function announceable(newest: ChatMessage | undefined, baseline: number | null, me: string | null): ChatMessage | undefined {
  if (!newest || baseline === null || newest.sequence <= baseline) return undefined;
  // A streamed answer is announced once, whole, when it ends: not empty, nor piece by piece.
  if (newest.streaming?.state === 'generating') return undefined;
  return newest.authorId !== me && newest.deletedAt === undefined ? newest : undefined;
}

/**
 * A visually hidden polite log that receives only messages arriving from others after the list
 * opened: the rows themselves come and go as the reader scrolls, and must not be announced.
 *
 * @example
 * <LiveAnnouncer message={messages.at(-1)} me={me} />
 */
export function LiveAnnouncer({ message, me }: { message: ChatMessage | undefined; me: string | null }): ReactNode {
  const [baseline, setBaseline] = useState<number | null>(null);
  if (baseline === null && message) setBaseline(message.sequence);
  const announce = announceable(message, baseline, me);
  return (
    <div className="confab-visually-hidden" role="log" aria-live="polite" aria-atomic="false" aria-relevant="additions">
      {announce && <Announcement key={announce.id} message={announce} />}
    </div>
  );
}

function Announcement({ message }: { message: ChatMessage }): ReactNode {
  const strings = useStrings();
  const author = useUser(message.authorId);
  const text = message.text || message.attachments.map((attachment) => attachment.name).join(', ') || strings.attachment;
  return <p>{strings.newMessageFrom(author?.name ?? strings.someone, text)}</p>;
}
