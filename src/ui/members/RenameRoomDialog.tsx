import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_LIMITS, useRoomActions, type Room } from '../../react';
import { DialogButtons, DialogError, DialogFrame } from '../Dialog';
import { cx, useStrings } from '../config';

/**
 * Props of {@link RenameRoomDialog}.
 *
 * @example
 * <RenameRoomDialog room={room} onClose={() => setOpen(false)} />
 */
export interface RenameRoomDialogProps {
  room: Room;
  /** Called on Cancel, Escape, a click outside, and once the server has renamed the room. */
  onClose(): void;
  className?: string;
}

/**
 * A modal form that renames a room (`updateRoom` of `useRoomActions`; admins only). The field
 * starts with the current name, selected; the server's refusal is shown in the dialog.
 *
 * @example
 * {open && <RenameRoomDialog room={room} onClose={() => setOpen(false)} />}
 */
export function RenameRoomDialog({ room, onClose, className }: RenameRoomDialogProps): ReactNode {
  const strings = useStrings();
  const { updateRoom } = useRoomActions();
  const nameId = useId();
  const errorId = useId();
  const [name, setName] = useState(room.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = name.trim();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (trimmed === '' || busy) return;
    if (trimmed === room.name) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await updateRoom(room.id, { name: trimmed });
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <DialogFrame title={strings.renameRoomTitle} onClose={onClose} className={cx('confab-rename-room-dialog', className)}>
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
          onFocus={(event) => event.currentTarget.select()}
          onChange={(event) => setName(event.target.value)}
        />
        {error !== null && <DialogError id={errorId}>{error}</DialogError>}
        <DialogButtons closeLabel={strings.cancel} onClose={onClose}>
          <button type="submit" className="confab-button" data-variant="primary" disabled={trimmed === '' || busy}>
            {busy ? strings.saving : strings.save}
          </button>
        </DialogButtons>
      </form>
    </DialogFrame>
  );
}
