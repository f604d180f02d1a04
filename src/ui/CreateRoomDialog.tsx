import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_LIMITS, useRoomActions, type Room } from '../react';
import { DialogButtons, DialogError, DialogFrame } from './Dialog';
import { cx, useStrings } from './config';

/**
 * Props of {@link CreateRoomDialog}.
 *
 * @example
 * <CreateRoomDialog onClose={() => setOpen(false)} onCreated={(room) => setRoomId(room.id)} />
 */
export interface CreateRoomDialogProps {
  /** Called on Cancel, Escape or a click outside. Focus then returns to what opened the dialog. */
  onClose(): void;
  /** Called with the room the server created. */
  onCreated(room: Room): void;
  className?: string;
}

/**
 * A modal form that creates a public or private room (`createRoom` of {@link useRoomActions}).
 * Focuses the name field on open; Escape closes; a refusal from the server is shown in the dialog.
 *
 * @example
 * {open && <CreateRoomDialog onClose={() => setOpen(false)} onCreated={(room) => select(room.id)} />}
 */
export function CreateRoomDialog({ onClose, onCreated, className }: CreateRoomDialogProps): ReactNode {
  const strings = useStrings();
  const { createRoom } = useRoomActions();
  const nameId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'public' | 'private'>('public');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = name.trim();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (trimmed === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      const room = await createRoom({ name: trimmed, kind });
      onCreated(room);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <DialogFrame title={strings.createRoomTitle} onClose={onClose} className={cx('confab-create-room-dialog', className)}>
      <form className="confab-dialog-form" onSubmit={(event) => void onSubmit(event)} data-state={busy ? 'loading' : 'idle'}>
        <label className="confab-dialog-label" htmlFor={nameId}>
          {strings.roomName}
        </label>
        <input
          id={nameId}
          className="confab-dialog-input"
          name="name"
          value={name}
          required
          maxLength={DEFAULT_LIMITS.maxRoomNameLength}
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <fieldset className="confab-dialog-fieldset">
          <legend className="confab-dialog-label">{strings.roomVisibility}</legend>
          <label className="confab-dialog-choice">
            <input type="radio" name="kind" value="public" checked={kind === 'public'} onChange={() => setKind('public')} />
            {strings.publicRoom}
          </label>
          <label className="confab-dialog-choice">
            <input type="radio" name="kind" value="private" checked={kind === 'private'} onChange={() => setKind('private')} />
            {strings.privateRoom}
          </label>
        </fieldset>
        {error !== null && <DialogError id={errorId}>{error}</DialogError>}
        <DialogButtons closeLabel={strings.cancel} onClose={onClose}>
          <button type="submit" className="confab-button" data-variant="primary" disabled={trimmed === '' || busy}>
            {busy ? strings.creating : strings.create}
          </button>
        </DialogButtons>
      </form>
    </DialogFrame>
  );
}
