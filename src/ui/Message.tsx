/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { memo, useCallback, useContext, useId, useMemo, useState, useSyncExternalStore, type FocusEvent, type ReactNode } from 'react';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';
import {
  useCurrentUserId,
  useMessage,
  useMessageById,
  useDeliveryStatus,
  usePendingActions,
  useReadReceipts,
  useUser,
  useUsersById,
  type DeliveryStatus,
  type Message as ChatMessage,
  type PendingMessage,
  useSecondsLeft,
  type Poll,
} from '../react';
import { DELETED_USER_ID } from '../protocol';
import { AttachmentPreview } from './AttachmentPreview';
import { Icon } from './icons';
import { Avatar } from './Avatar';
import { PeopleAvatars } from './people/PeopleAvatars';
import { ProfileTrigger } from './people/ProfileTrigger';
import { cx, useLocale, useSlot, useStrings } from './config';
import { formatDateTime, formatTime } from './format/dates';
import { isEmojiOnly, RichText } from './format/richText';
import { LinkPreviewCard } from './LinkPreviewCard';
import { MessageActions } from './MessageActions';
import { isolate, MediaLoadContext, ToolbarIdContext, ToolbarOwnerContext } from './messageParts';
import { PollCard } from './polls';
import { QuotedMessage } from './QuotedMessage';
import { Reactions } from './Reactions';
import { useRoomView } from './roomView';
import { StreamingStatus } from './StreamingStatus';
import { SystemNotice } from './SystemNotice';

/**
 * Where one's own message is in its life: on its way, confirmed by the server (`sent`), on a
 * device of every other member (`delivered`), read by every other member, or refused. It is the
 * message's `data-status`.
 *
 * @example
 * const status: MessageStatus = pending ? pending.status : delivery.state;
 */
export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/**
 * The props every {@link Message} takes, whether it is given a stored message or one still on
 * its way (see {@link MessageProps}).
 *
 * @example
 * const common: MessageCommonProps = { roomId: 'general', grouped: true };
 */
export interface MessageCommonProps {
  roomId: string;
  /**
   * The previous message is by the same author a few minutes earlier: the avatar and name are
   * left out (`data-grouped`).
   */
  grouped?: boolean;
  /** Shown in a thread panel: no reply count and no "Reply in thread". */
  inThread?: boolean;
  className?: string;
}

/**
 * Props of {@link Message}: the room and one of a confirmed message's `sequence` (the list's way:
 * the row reads its own message from the store), the `message` itself (e.g. a thread reply; the
 * component still follows the store's copy), or a `pending` send of the user's own.
 *
 * @example
 * <Message roomId="general" sequence={42} />
 * <Message roomId="general" message={reply} inThread />
 * <Message roomId="general" pending={pendingMessage} />
 */
export type MessageProps = MessageCommonProps &
  (
    | { sequence: number; message?: undefined; pending?: undefined }
    | { message: ChatMessage; sequence?: undefined; pending?: undefined }
    | { pending: PendingMessage; sequence?: undefined; message?: undefined }
  );

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * One message: avatar, name and time (full date in its title), the text with safe formatting and
 * highlighted mentions (large when it is only emoji), the edited mark or the deleted tombstone,
 * the quoted message, attachments, reactions, the reply count that opens its thread, the status
 * of one's own messages (sending, sent, delivered, read or "read by N of M", or failed with Retry
 * and Discard), a "Pinned" mark, and the action
 * bar on hover or keyboard focus.
 *
 * It reads its message by sequence from the store itself, so in a list only the row whose
 * message changed re-renders. State is on the root as data attributes: `data-own`,
 * `data-grouped`, `data-status`, `data-deleted`, `data-pinned`, `data-edited`, `data-emoji-only`,
 * `data-mentions-me`, `data-streaming` (a streamed message: `generating`, `complete`, `stopped`),
 * `data-sequence`, `data-kind` (`action` for a `/me` message, shown as "* Ana waves"; `poll` for a
 * poll, shown as a {@link PollCard}). A system message renders as a {@link SystemNotice}; a
 * deleted person's messages are signed "Deleted user".
 *
 * @example
 * <Message roomId={roomId} sequence={message.sequence} grouped={sameAuthorAsPrevious} />
 */
export const Message = memo(function Message(props: MessageProps): ReactNode {
  const { roomId, grouped = false, inThread = false, className } = props;
  const bySequence = useMessage(roomId, props.sequence ?? -1);
  const byId = useMessageById(roomId, props.message?.id, props.message);
  const confirmed = props.sequence !== undefined ? bySequence : props.message !== undefined ? (byId ?? props.message) : undefined;
  const pending = props.pending;
  const shown = confirmed ?? pending;

  const strings = useStrings();
  const locale = useLocale();
  const me = useCurrentUserId();
  const author = useUser(shown?.authorId ?? '');
  const mentionedUsers = useUsersById(shown?.mentions ?? NO_IDS);
  const own = shown !== undefined && me !== null && shown.authorId === me;
  const delivery = useDeliveryStatus(roomId, own ? confirmed : undefined);
  const mentions = useMemo(
    () => mentionedUsers.flatMap((user) => (user ? [{ userId: user.id, name: user.name }] : [])),
    [mentionedUsers],
  );
  // The action bar is mounted only while it can be seen (a list of thousands keeps no toolbars),
  // and one at a time: the list's toolbar owner says whose it is.
  const toolbarId = confirmed?.id ?? null;
  const toolbarOwner = useContext(ToolbarOwnerContext);
  const ownsToolbar = useSyncExternalStore(
    toolbarOwner.subscribe,
    useCallback(() => toolbarId !== null && toolbarOwner.get().owner === toolbarId, [toolbarOwner, toolbarId]),
  );

  // A streamed message grows in place: a list following its newest message keeps it in view, as
  // it does for a picture that loads (the row's own re-render is the only work per piece).
  const grew = useContext(MediaLoadContext);
  const streamState = confirmed?.streaming?.state;
  const growingLength = streamState === 'generating' ? confirmed?.text.length : -1;
  useIsomorphicLayoutEffect(() => {
    if (streamState !== undefined) grew?.();
  }, [growingLength, streamState, grew]);

  const AvatarPart = useSlot('Avatar', Avatar);
  const ActionsPart = useSlot('MessageActions', MessageActions);
  const ReactionsPart = useSlot('Reactions', Reactions);
  const QuotedPart = useSlot('QuotedMessage', QuotedMessage);
  const AttachmentPart = useSlot('AttachmentPreview', AttachmentPreview);
  const StreamingPart = useSlot('StreamingStatus', StreamingStatus);

  if (!shown) return null;
  // The server's own messages (announcements) are notices, not someone's words.
  if (confirmed?.system) return <SystemNotice message={confirmed} className={className} />;

  const deleted = confirmed?.deletedAt !== undefined;
  const edited = !deleted && confirmed?.editedAt !== undefined;
  const status: MessageStatus | undefined = pending ? pending.status : (delivery?.state ?? undefined);
  const pinned = !deleted && confirmed?.pinnedAt !== undefined;
  const streaming = deleted ? undefined : confirmed?.streaming?.state;
  const action = shown.kind === 'action';
  const emojiOnly = !deleted && !action && streaming !== 'generating' && shown.attachments.length === 0 && isEmojiOnly(shown.text);
  const mentionsMe = me !== null && shown.mentions.includes(me);
  const name = shown.authorId === DELETED_USER_ID ? strings.deletedUser : (author?.name ?? strings.someone);
  // A person's card opens from their avatar and name; a deleted person has none.
  const person = shown.authorId !== DELETED_USER_ID && author !== undefined;
  const time = (
    <time className="confab-message-time" dateTime={new Date(shown.createdAt).toISOString()} title={formatDateTime(shown.createdAt, locale)}>
      {formatTime(shown.createdAt, locale)}
    </time>
  );

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    // Keyboard focus opens the toolbar; a click's focus does not keep it once the pointer leaves.
    if (toolbarId !== null && focusVisible(event.target)) toolbarOwner.dispatch({ type: 'focus', id: toolbarId });
  };
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (toolbarId === null || event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    toolbarOwner.dispatch({ type: 'blur', id: toolbarId, hovered: matchesOr(event.currentTarget, ':hover', false) });
  };

  return (
    <article
      className={cx('confab-message', className)}
      tabIndex={-1}
      data-sequence={confirmed?.sequence}
      data-client-id={pending?.clientId}
      data-author-id={shown.authorId}
      data-own={own ? '' : undefined}
      data-grouped={grouped ? '' : undefined}
      data-status={status}
      data-deleted={deleted ? '' : undefined}
      data-pinned={pinned ? '' : undefined}
      data-edited={edited ? '' : undefined}
      data-emoji-only={emojiOnly ? '' : undefined}
      data-mentions-me={mentionsMe ? '' : undefined}
      data-streaming={streaming}
      data-kind={action ? 'action' : confirmed?.poll !== undefined ? 'poll' : undefined}
      data-toolbar={ownsToolbar ? '' : undefined}
      onMouseEnter={() => toolbarId !== null && toolbarOwner.dispatch({ type: 'enter', id: toolbarId })}
      onMouseLeave={() => toolbarId !== null && toolbarOwner.dispatch({ type: 'leave', id: toolbarId })}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      <div className="confab-message-gutter">
        {grouped ? (
          time
        ) : person ? (
          // The name beside it opens the same card from the keyboard: the avatar is for pointers.
          <ProfileTrigger userId={shown.authorId} roomId={roomId} tabIndex={-1}>
            <AvatarPart userId={shown.authorId} size="md" />
          </ProfileTrigger>
        ) : (
          <AvatarPart userId={shown.authorId} size="md" />
        )}
      </div>
      <div className="confab-message-body">
        {!grouped && (
          <header className="confab-message-header">
            {person ? (
              <ProfileTrigger userId={shown.authorId} roomId={roomId} className="confab-message-author-button" showsName>
                <bdi className="confab-message-author">{name}</bdi>
              </ProfileTrigger>
            ) : (
              <bdi className="confab-message-author">{name}</bdi>
            )}
            {time}
            {pinned && <PinnedMark />}
          </header>
        )}
        {grouped && pinned && <PinnedMark />}
        {confirmed?.quotedId !== undefined && !deleted && <QuotedPart roomId={roomId} messageId={confirmed.quotedId} />}
        {pending?.quotedId !== undefined && <QuotedPart roomId={roomId} messageId={pending.quotedId} />}
        {deleted ? (
          <p className="confab-message-tombstone">{strings.messageDeleted}</p>
        ) : confirmed?.poll !== undefined ? (
          <PollCard message={confirmed as ChatMessage & { poll: Poll }} />
        ) : (
          shown.text !== '' && (
            <div className="confab-message-text" data-emoji-only={emojiOnly ? '' : undefined} aria-busy={streaming === 'generating' ? true : undefined}>
              {action && <bdi className="confab-message-action-author">* {name} </bdi>}
              <RichText text={shown.text} mentions={mentions} meId={me} streaming={streaming === 'generating' || streaming === 'stopped'} />
              {edited && (
                <span className="confab-message-edited" title={confirmed?.editedAt !== undefined ? formatDateTime(confirmed.editedAt, locale) : undefined}>
                  {' '}
                  {strings.edited}
                </span>
              )}
            </div>
          )
        )}
        {confirmed && streaming !== undefined && <StreamingPart roomId={roomId} message={confirmed} />}
        {!deleted && shown.attachments.length > 0 && (
          <div className="confab-message-attachments">
            {shown.attachments.map((attachment) => (
              <AttachmentPart key={attachment.id} attachment={attachment} />
            ))}
          </div>
        )}
        {confirmed?.preview !== undefined && !deleted && <LinkPreviewCard roomId={roomId} message={confirmed} />}
        {confirmed && !deleted && <ReactionsPart roomId={roomId} message={confirmed} />}
        {confirmed && !inThread && confirmed.replyCount > 0 && <ReplyCount message={confirmed} />}
        {status !== undefined && <StatusLine roomId={roomId} sequence={confirmed?.sequence} status={status} clientId={pending?.clientId} delivery={delivery} throttledUntil={pending?.throttledUntil} />}
      </div>
      {confirmed && !deleted && ownsToolbar && (
        <ToolbarIdContext.Provider value={confirmed.id}>
          <ActionsPart roomId={roomId} message={confirmed} inThread={inThread} />
        </ToolbarIdContext.Provider>
      )}
    </article>
  );
});

/** Whether focus came from the keyboard (or a script), not from a click; true where the browser cannot tell. */
const focusVisible = (element: Element) => matchesOr(element, ':focus-visible', true);

/** `element.matches(selector)`, or `otherwise` where the browser does not know the selector. */
function matchesOr(element: Element, selector: string, otherwise: boolean): boolean {
  try {
    return element.matches(selector);
  } catch {
    return otherwise;
  }
}

/** The reply count; a button opening the thread inside a room view, else plain text. */
function ReplyCount({ message }: { message: ChatMessage }): ReactNode {
  const strings = useStrings();
  const view = useRoomView();
  const label = strings.replies(message.replyCount);
  if (!view) return <span className="confab-message-replies">{label}</span>;
  return (
    <button type="button" className="confab-message-replies" aria-expanded={view.threadParentId === message.id} onClick={() => view.openThread(message.id)}>
      {label}
    </button>
  );
}

/** "Pinned", beside the time. */
function PinnedMark(): ReactNode {
  const strings = useStrings();
  return (
    <span className="confab-message-pinned">
      <Icon name="pin" />
      {strings.pinned}
    </span>
  );
}

/** Who of the others read one's own message this far, shown from its "Read by N of M". */
function ReadersOf({ id, roomId, sequence }: { id: string; roomId: string; sequence: number }): ReactNode {
  const strings = useStrings();
  const { readersOf } = useReadReceipts(roomId);
  const readerIds = readersOf(sequence);
  const readers = useUsersById(readerIds);
  const label = strings.seenBy(readerIds.map((_id, index) => isolate(readers[index]?.name ?? strings.someone)));
  return <PeopleAvatars id={id} roomId={roomId} userIds={readerIds} label={label} className="confab-message-readers" />;
}

/** The ticks: one when the server has it, two when delivered, two in the accent colour when read. */
const STATUS_ICONS: Record<MessageStatus, ReactNode> = {
  sending: '○',
  failed: '!',
  sent: <Icon name="check" />,
  delivered: <Icon name="checkDouble" />,
  read: <Icon name="checkDouble" />,
};

/**
 * Delivery status of one's own message as ticks with a spoken label; in a group, how many of the
 * others read it until all have, a button that shows who (each avatar opens the person's card). A
 * failed one offers Retry and Discard; one the flood limit holds back counts down.
 */
function StatusLine({
  roomId,
  sequence,
  status,
  clientId,
  delivery,
  throttledUntil,
}: {
  roomId: string;
  sequence: number | undefined;
  status: MessageStatus;
  clientId: string | undefined;
  delivery: DeliveryStatus | null;
  throttledUntil: number | undefined;
}): ReactNode {
  const strings = useStrings();
  const secondsLeft = useSecondsLeft(status === 'sending' ? throttledUntil : undefined);
  const { retry, discard } = usePendingActions();
  const [showReaders, setShowReaders] = useState(false);
  const readersId = useId();
  const readBy = delivery !== null && delivery.of > 1 && delivery.readBy > 0 && status !== 'read' ? strings.readByCount(delivery.readBy, delivery.of) : null;
  const label = readBy === null ? strings[status] : `${strings[status]}, ${readBy}`;
  if (status === 'failed' && clientId !== undefined) {
    return (
      <div className="confab-message-status" data-status="failed">
        <span className="confab-message-status-text">{strings.failed}</span>
        <button type="button" className="confab-message-retry" onClick={() => void retry(clientId).catch(() => {})}>
          {strings.retry}
        </button>
        <button type="button" className="confab-message-discard" onClick={() => discard(clientId)}>
          {strings.discard}
        </button>
      </div>
    );
  }
  if (secondsLeft > 0) {
    // The queue sends it again by itself, in order: this only says why it waits.
    return (
      <span className="confab-message-status" data-status={status} role="status">
        <span className="confab-message-status-text confab-message-throttled">{strings.sendingTooFast(secondsLeft)}</span>
      </span>
    );
  }
  return (
    <span className="confab-message-status" data-status={status} title={label}>
      <span className="confab-message-status-icon" aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      <span className="confab-visually-hidden">{strings[status]}</span>
      {readBy !== null && (
        <button
          type="button"
          className="confab-message-status-count"
          aria-expanded={showReaders}
          aria-controls={showReaders ? readersId : undefined}
          data-state={showReaders ? 'open' : 'closed'}
          onClick={() => setShowReaders((value) => !value)}
        >
          {readBy}
        </button>
      )}
      {readBy !== null && showReaders && sequence !== undefined && <ReadersOf id={readersId} roomId={roomId} sequence={sequence} />}
    </span>
  );
}
