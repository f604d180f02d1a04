/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useBlocking, useCurrentUserId, usePresence, useRoomActions, useUser } from '../../react';
import { Avatar } from '../Avatar';
import { cx, useLocale, useNow, useSlot, useStrings } from '../config';
import { withNames } from '../format/bidi';
import { ConfirmButton } from '../members/ConfirmButton';
import { useOutsideClick } from '../popover';
import { useChatNavigation } from './navigation';
import { presenceText } from './presenceText';
import { profileFields } from './profileFields';

/**
 * Props of {@link ProfileCard}.
 *
 * @example
 * <ProfileCard userId="bo" onClose={close} onShowBlockedPeople={() => setDialog('blocked')} />
 */
export interface ProfileCardProps {
  userId: string;
  /**
   * Called on Escape (`'escape'`), a click or focus outside (`'outside'`), or once an action is
   * done (`'done'`). Give focus back to the opener unless it was `'outside'`.
   */
  onClose(reason: 'escape' | 'outside' | 'done'): void;
  /** Shows a "Blocked people" button that calls this (on one's own card, and when one blocks anyone). */
  onShowBlockedPeople?: () => void;
  /** Called with the direct room "Message" opened, outside `<Chat>` (inside, the chat switches to it). */
  onOpenRoom?: (roomId: string) => void;
  /** Shows a "Report" button that calls this (on others' cards; the opener shows the report dialog). */
  onReport?: () => void;
  className?: string;
}

/**
 * A person at a glance, as chat products show it from an avatar or a name: picture, name,
 * presence ("Online", or when they were last seen), their custom fields as plain text, and what
 * one can do: "Message" (opens the direct room, creating it the first time, and switches to it),
 * "Block" (asks once more) or "Unblock", and "Report" (to the moderators of the room it was opened in). One's own card has no actions but the list of
 * blocked people. A non-modal dialog: it takes focus when it opens; Escape, a click outside or
 * focus moving out closes it.
 *
 * @example
 * <Popover anchor={button} open={open}><ProfileCard userId="bo" onClose={() => setOpen(false)} /></Popover>
 */
export function ProfileCard({ userId, onClose, onShowBlockedPeople, onOpenRoom, onReport, className }: ProfileCardProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const user = useUser(userId);
  const presence = usePresence(userId);
  const me = useCurrentUserId();
  const { blockedUserIds, isBlocked, block, unblock } = useBlocking();
  const { openDirectRoom } = useRoomActions();
  const navigation = useChatNavigation();
  const AvatarPart = useSlot('Avatar', Avatar);
  const [card, setCard] = useState<HTMLDivElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  const fields = useMemo(() => profileFields(user?.customData), [user?.customData]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => card?.focus(), [card]);
  useOutsideClick(card, () => onClose('outside'));

  const name = user?.name || strings.someone;
  const own = me !== null && userId === me;
  const blocked = isBlocked(userId);
  const state = presence?.state ?? 'offline';

  function run(work: () => Promise<unknown>, then?: () => void) {
    setBusy(true);
    setError(null);
    work().then(
      () => {
        if (!mounted.current) return;
        setBusy(false);
        then?.();
      },
      (failure: unknown) => {
        if (!mounted.current) return;
        setBusy(false);
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    );
  }

  const message = () =>
    run(
      () =>
        openDirectRoom(userId).then((room) => {
          if (navigation) navigation.openRoom(room.id);
          else onOpenRoom?.(room.id);
        }),
      () => onClose('done')
    );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    event.preventDefault();
    onClose('escape');
  }

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    const next = event.relatedTarget as Node | null;
    // Tab out of the card closes it; focus going nowhere (a click on text) does not.
    if (next !== null && !event.currentTarget.contains(next)) onClose('outside');
  }

  return (
    <div
      ref={setCard}
      className={cx('confab-profile-card', className)}
      role="dialog"
      aria-label={strings.profileOf(name)}
      tabIndex={-1}
      data-user-id={userId}
      data-state={state}
      data-own={own ? '' : undefined}
      data-blocked={blocked ? '' : undefined}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
    >
      <div className="confab-profile-card-header">
        <AvatarPart userId={userId} size="lg" showPresence />
        <div className="confab-profile-card-titles">
          <p className="confab-profile-card-name">
            <bdi>{own ? withNames(strings.meSuffix, name) : name}</bdi>
          </p>
          <p className="confab-profile-card-status" data-state={state}>
            {presenceText(presence, now(), locale, strings)}
          </p>
        </div>
      </div>
      {fields.length > 0 && (
        <dl className="confab-profile-card-fields" aria-label={strings.profileDetails}>
          {fields.map((field) => (
            <div key={field.key} className="confab-profile-card-field">
              <dt dir="auto">{field.key}</dt>
              <dd dir="auto">{field.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {blocked && <p className="confab-profile-card-notice">{strings.blockedNotice}</p>}
      {error !== null && (
        <p className="confab-profile-card-error" role="alert">
          {error}
        </p>
      )}
      <div className="confab-profile-card-actions">
        {!own && !blocked && (
          <button type="button" className="confab-button" data-variant="primary" data-action="message" disabled={busy} onClick={message}>
            {strings.sendDirectMessage}
          </button>
        )}
        {!own &&
          (blocked ? (
            <button type="button" className="confab-button" data-variant="secondary" data-action="unblock" disabled={busy} onClick={() => run(() => unblock(userId))}>
              {strings.unblockPerson}
            </button>
          ) : (
            <ConfirmButton action="block" label={strings.blockPerson} confirmLabel={withNames(strings.confirmBlock, name)} disabled={busy} onConfirm={() => run(() => block(userId))} />
          ))}
        {!own && onReport !== undefined && (
          <button type="button" className="confab-button" data-variant="secondary" data-action="report" aria-haspopup="dialog" disabled={busy} onClick={onReport}>
            {strings.report}
          </button>
        )}
        {onShowBlockedPeople !== undefined && (own || blockedUserIds.length > 0) && (
          <button type="button" className="confab-button" data-variant="secondary" data-action="blocked-people" aria-haspopup="dialog" onClick={onShowBlockedPeople}>
            {strings.blockedPeople}
          </button>
        )}
      </div>
    </div>
  );
}
