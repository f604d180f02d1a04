import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { MAX_MODERATION_REASON_LENGTH, useModeration } from '../../react';
import { cx, useStrings } from '../config';
import { DialogButtons, DialogError, DialogFrame } from '../Dialog';
import { MODERATION_DURATIONS } from './format';

/**
 * Props of {@link ModerateMemberDialog}.
 *
 * @example
 * <ModerateMemberDialog roomId="general" userId="bo" name="Bo" action="mute" onClose={close} />
 */
export interface ModerateMemberDialogProps {
  roomId: string;
  userId: string;
  /** The member's name, for the title. */
  name: string;
  action: 'mute' | 'ban';
  /** Called on Cancel, Escape, a click outside, and once the server muted or banned them. */
  onClose(): void;
  className?: string;
}

/**
 * A modal form that mutes or bans a member: for 10 minutes, an hour, a day or until lifted, with
 * an optional reason that the room's notice shows. The server decides who may; its refusal is
 * shown in the dialog.
 *
 * @example
 * {muting && <ModerateMemberDialog roomId={roomId} userId={member.userId} name={name} action="mute" onClose={() => setMuting(false)} />}
 */
export function ModerateMemberDialog({ roomId, userId, name, action, onClose, className }: ModerateMemberDialogProps): ReactNode {
  const strings = useStrings();
  const moderation = useModeration();
  const ids = useId();
  const [duration, setDuration] = useState(0);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const options = { durationMs: MODERATION_DURATIONS[duration]?.ms ?? null, reason };
    try {
      if (action === 'mute') await moderation.mute(roomId, userId, options);
      else await moderation.ban(roomId, userId, options);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <DialogFrame title={action === 'mute' ? strings.muteTitle(name) : strings.banTitle(name)} onClose={onClose} className={cx('confab-moderate-dialog', className)}>
      <form className="confab-dialog-form" onSubmit={(event) => void onSubmit(event)} data-state={busy ? 'loading' : 'idle'}>
        <p className="confab-dialog-text">{action === 'mute' ? strings.muteExplanation : strings.banExplanation}</p>
        <label className="confab-dialog-label" htmlFor={`${ids}-duration`}>
          {strings.durationLabel}
        </label>
        <select id={`${ids}-duration`} className="confab-dialog-input" name="duration" value={duration} onChange={(event) => setDuration(Number(event.target.value))}>
          {MODERATION_DURATIONS.map((choice, index) => (
            <option key={choice.label} value={index}>
              {strings[choice.label]}
            </option>
          ))}
        </select>
        <label className="confab-dialog-label" htmlFor={`${ids}-reason`}>
          {strings.moderationReason}
        </label>
        <input
          id={`${ids}-reason`}
          className="confab-dialog-input"
          name="reason"
          value={reason}
          maxLength={MAX_MODERATION_REASON_LENGTH}
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${ids}-error` : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {error !== null && <DialogError id={`${ids}-error`}>{error}</DialogError>}
        <DialogButtons closeLabel={strings.cancel} onClose={onClose}>
          <button type="submit" className="confab-button" data-variant="danger" disabled={busy}>
            {action === 'mute' ? strings.mute : strings.ban}
          </button>
        </DialogButtons>
      </form>
    </DialogFrame>
  );
}
