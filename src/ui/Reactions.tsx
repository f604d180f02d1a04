import { memo, type ReactNode } from 'react';
import { useCurrentUserId, useReactions, useUsersById, type Message, type Reaction } from '../react';
import { cx, useLocale, useStrings } from './config';
import { isolate } from './messageParts';

/**
 * Props of {@link Reactions}.
 *
 * @example
 * <Reactions roomId="general" message={message} />
 */
export interface ReactionsProps {
  roomId: string;
  message: Message;
  className?: string;
}

/**
 * The reactions under a message: each emoji with its count, who reacted in its title, pressed
 * (`data-own`) when the reader is among them; a click adds or takes back the reader's own.
 * Renders nothing when there are none.
 *
 * @example
 * <Reactions roomId={roomId} message={message} />
 */
export const Reactions = memo(function Reactions({ roomId, message, className }: ReactionsProps): ReactNode {
  const { reactions, toggle } = useReactions(roomId, message);
  if (reactions.length === 0) return null;
  return (
    <div className={cx('confab-reactions', className)} data-count={reactions.length}>
      {reactions.map((reaction) => (
        <ReactionButton key={reaction.emoji} reaction={reaction} onToggle={toggle} />
      ))}
    </div>
  );
});

/**
 * Props of {@link ReactionButton}.
 *
 * @example
 * <ReactionButton reaction={{ emoji: '👍', userIds: ['ana'] }} onToggle={(emoji) => toggle(emoji)} />
 */
export interface ReactionButtonProps {
  reaction: Reaction;
  onToggle(emoji: string): Promise<unknown>;
  className?: string;
}

/**
 * One reaction: emoji and count (its accessible name, as seen); its title (and so its
 * accessible description) says who reacted.
 *
 * @example
 * <ReactionButton reaction={reaction} onToggle={toggle} />
 */
export const ReactionButton = memo(function ReactionButton({ reaction, onToggle, className }: ReactionButtonProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const me = useCurrentUserId();
  const people = useUsersById(reaction.userIds);
  const mine = me !== null && reaction.userIds.includes(me);
  const names = reaction.userIds.map((id, index) => (id === me ? strings.you : isolate(people[index]?.name ?? strings.someone)));
  const label = strings.reactedBy(names, reaction.emoji);
  return (
    <button
      type="button"
      className={cx('confab-reaction', className)}
      data-own={mine ? '' : undefined}
      aria-pressed={mine}
      // Named by what it shows (emoji and count); who reacted is its description.
      title={label}
      // A refused toggle changes nothing in the store, so there is nothing to undo here.
      onClick={() => void onToggle(reaction.emoji).catch(() => {})}
    >
      <span className="confab-reaction-emoji">{reaction.emoji}</span>
      <span className="confab-reaction-count">
        {reaction.userIds.length.toLocaleString(locale)}
      </span>
    </button>
  );
});
