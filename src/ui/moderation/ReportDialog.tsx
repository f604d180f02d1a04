import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { MAX_MODERATION_REASON_LENGTH, REPORT_REASONS, useModeration, type ReportReason } from '../../react';
import { cx, useStrings } from '../config';
import { DialogButtons, DialogError, DialogFrame } from '../Dialog';
import { REASON_LABELS } from './format';

/**
 * Props of {@link ReportDialog}: a message to report (its author is the person reported), or a person.
 *
 * @example
 * <ReportDialog roomId="general" target={{ messageId: 'm9' }} onClose={close} />
 */
export interface ReportDialogProps {
  roomId: string;
  target: { messageId: string } | { userId: string; name: string };
  /** Called on Cancel, Escape, a click outside, and on Done after the report went. */
  onClose(): void;
  className?: string;
}

/**
 * A modal form that reports a message or a person to the room's moderators: a reason (spam,
 * harassment, inappropriate, something else) and optional details. The server's refusal is shown
 * in the dialog; once sent, it thanks the reporter.
 *
 * @example
 * {reporting && <ReportDialog roomId={roomId} target={{ messageId }} onClose={() => setReporting(false)} />}
 */
export function ReportDialog({ roomId, target, onClose, className }: ReportDialogProps): ReactNode {
  const strings = useStrings();
  const moderation = useModeration();
  const ids = useId();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [state, setState] = useState<'idle' | 'loading' | 'ready'>('idle');
  const [error, setError] = useState<string | null>(null);
  const title = 'messageId' in target ? strings.reportMessageTitle : strings.reportPersonTitle(target.name);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason === null || state !== 'idle') return;
    setState('loading');
    setError(null);
    try {
      await moderation.report(roomId, 'messageId' in target ? { messageId: target.messageId, reason, note } : { userId: target.userId, reason, note });
      setState('ready');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setState('idle');
    }
  }

  return (
    <DialogFrame title={title} onClose={onClose} className={cx('confab-report-dialog', className)}>
      {state === 'ready' ? (
        <div className="confab-dialog-form" data-state="ready">
          <p className="confab-dialog-text" role="status">
            {strings.reportSent}
          </p>
          <DialogButtons closeLabel={strings.done} closeVariant="primary" onClose={onClose} />
        </div>
      ) : (
        <form className="confab-dialog-form" onSubmit={(event) => void onSubmit(event)} data-state={state}>
          <fieldset className="confab-dialog-fieldset">
            <legend className="confab-dialog-label">{strings.reportReasonLabel}</legend>
            {REPORT_REASONS.map((value) => (
              <label key={value} className="confab-dialog-choice">
                <input type="radio" name="reason" value={value} checked={reason === value} onChange={() => setReason(value)} />
                {strings[REASON_LABELS[value]]}
              </label>
            ))}
          </fieldset>
          <label className="confab-dialog-label" htmlFor={`${ids}-note`}>
            {strings.reportNote}
          </label>
          <textarea
            id={`${ids}-note`}
            className="confab-dialog-input"
            name="note"
            rows={3}
            value={note}
            maxLength={MAX_MODERATION_REASON_LENGTH}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? `${ids}-error` : undefined}
            onChange={(event) => setNote(event.target.value)}
          />
          {error !== null && <DialogError id={`${ids}-error`}>{error}</DialogError>}
          <DialogButtons closeLabel={strings.cancel} onClose={onClose}>
            <button type="submit" className="confab-button" data-variant="primary" disabled={reason === null || state !== 'idle'}>
              {strings.sendReport}
            </button>
          </DialogButtons>
        </form>
      )}
    </DialogFrame>
  );
}
