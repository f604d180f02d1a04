import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { checkPollInput, POLL_LIMITS, toChatError, useChatClient, type Message } from '../../react';
import { cx, useStrings } from '../config';
import { DialogButtons, DialogError, DialogFrame } from '../Dialog';
import { Icon } from '../icons';
import { canAddOption, canRemoveOption, newPollDraft, pollInputOf, type PollDraft } from './draft';

/**
 * Props of {@link CreatePollDialog}.
 *
 * @example
 * <CreatePollDialog roomId="general" onClose={close} onCreated={close} />
 */
export interface CreatePollDialogProps {
  roomId: string;
  /** The question to start with (e.g. what followed `/poll`). */
  question?: string;
  /** Called on Cancel, Escape or a click outside. Focus then returns to what opened the dialog. */
  onClose(): void;
  /** Called with the poll's message once the server stored it. */
  onCreated(message: Message): void;
  className?: string;
}

/**
 * A modal form that creates a poll in a room: the question, 2–10 options (added and removed with
 * buttons; empty ones are left out), single or multiple choice, and anonymous or not. The rule is
 * the protocol's `checkPollInput`, so the form refuses what the server would, with its sentence.
 *
 * @example
 * {open && <CreatePollDialog roomId={roomId} onClose={() => setOpen(false)} onCreated={() => setOpen(false)} />}
 */
export function CreatePollDialog({ roomId, question = '', onClose, onCreated, className }: CreatePollDialogProps): ReactNode {
  const strings = useStrings();
  const client = useChatClient();
  const ids = useId();
  const errorId = `${ids}-error`;
  const [draft, setDraft] = useState<PollDraft>(() => newPollDraft(question));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const optionsRef = useRef<HTMLOListElement>(null);

  const change = (next: Partial<PollDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setError(null);
  };
  const setOption = (index: number, text: string) => change({ options: draft.options.map((option, i) => (i === index ? text : option)) });
  const addOption = () => {
    change({ options: [...draft.options, ''] });
    // The new field takes focus, so typing goes on without the mouse.
    requestAnimationFrame(() => optionsRef.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  };
  const removeOption = (index: number) => change({ options: draft.options.filter((_, i) => i !== index) });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const input = pollInputOf(draft);
    const problem = checkPollInput(input);
    if (problem) {
      setError(problem.message);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await client.createPoll(roomId, input));
    } catch (failure) {
      setError(toChatError(failure).message);
      setBusy(false);
    }
  }

  return (
    <DialogFrame title={strings.createPoll} onClose={onClose} className={cx('confab-create-poll-dialog', className)}>
      <form className="confab-dialog-form" onSubmit={(event) => void onSubmit(event)} data-state={busy ? 'loading' : 'idle'} noValidate>
        <label className="confab-dialog-label" htmlFor={`${ids}-question`}>
          {strings.pollQuestion}
        </label>
        <input
          id={`${ids}-question`}
          className="confab-dialog-input"
          value={draft.question}
          maxLength={POLL_LIMITS.maxQuestionLength}
          autoComplete="off"
          aria-invalid={error !== null || undefined}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => change({ question: event.target.value })}
        />
        <ol ref={optionsRef} className="confab-poll-fields">
          {draft.options.map((option, index) => (
            // Fields are positions: removing one moves the texts below it up, as a person expects.
            <li key={index} className="confab-poll-field">
              <input
                className="confab-dialog-input"
                value={option}
                maxLength={POLL_LIMITS.maxOptionLength}
                autoComplete="off"
                aria-label={strings.pollOption(index + 1)}
                placeholder={strings.pollOption(index + 1)}
                onChange={(event) => setOption(index, event.target.value)}
              />
              {canRemoveOption(draft) && (
                <button type="button" className="confab-poll-field-remove" aria-label={strings.removePollOption(index + 1)} onClick={() => removeOption(index)}>
                  <Icon name="close" />
                </button>
              )}
            </li>
          ))}
        </ol>
        {canAddOption(draft) && (
          <button type="button" className="confab-button" data-variant="secondary" onClick={addOption}>
            {strings.addPollOption}
          </button>
        )}
        <label className="confab-dialog-choice">
          <input type="checkbox" checked={draft.multiple} onChange={(event) => change({ multiple: event.target.checked })} />
          {strings.pollMultiple}
        </label>
        <label className="confab-dialog-choice">
          <input type="checkbox" checked={draft.anonymous} onChange={(event) => change({ anonymous: event.target.checked })} />
          {strings.pollAnonymous}
        </label>
        {error !== null && <DialogError id={errorId}>{error}</DialogError>}
        <DialogButtons closeLabel={strings.cancel} onClose={onClose}>
          <button type="submit" className="confab-button" data-variant="primary" disabled={busy}>
            {busy ? strings.creating : strings.create}
          </button>
        </DialogButtons>
      </form>
    </DialogFrame>
  );
}
