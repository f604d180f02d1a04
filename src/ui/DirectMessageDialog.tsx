import { useMemo, useState, type ReactNode } from 'react';
import { useCurrentUser, useRoomActions, useUsers, type Room, type UserProfile } from '../react';
import { DialogButtons, DialogError, DialogFrame } from './Dialog';
import { PeoplePicker } from './PeoplePicker';
import { cx, useStrings } from './config';

/**
 * Props of {@link DirectMessageDialog}.
 *
 * @example
 * <DirectMessageDialog onClose={() => setOpen(false)} onOpened={(room) => setRoomId(room.id)} />
 */
export interface DirectMessageDialogProps {
  /** Called on Cancel, Escape or a click outside. Focus then returns to what opened the dialog. */
  onClose(): void;
  /** Called with the direct room, new or existing, once the server has opened it. */
  onOpened(room: Room): void;
  className?: string;
}

/**
 * A modal people picker that opens a direct room (`openDirectRoom` of {@link useRoomActions}).
 * The search box filters the people the client knows by name, ignoring case and accents; ArrowUp
 * and ArrowDown move through the matches and Enter opens a conversation with the one highlighted.
 *
 * @example
 * {open && <DirectMessageDialog onClose={() => setOpen(false)} onOpened={(room) => select(room.id)} />}
 */
export function DirectMessageDialog({ onClose, onOpened, className }: DirectMessageDialogProps): ReactNode {
  const strings = useStrings();
  const users = useUsers();
  const { id: meId } = useCurrentUser();
  const { openDirectRoom } = useRoomActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = useMemo(() => users.filter((user) => user.id !== meId), [users, meId]);

  async function open(user: UserProfile) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onOpened(await openDirectRoom(user.id));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <DialogFrame title={strings.startDirectMessageTitle} onClose={onClose} className={cx('confab-direct-message-dialog', className)}>
      <PeoplePicker people={others} onPick={(user) => void open(user)} busy={busy} />
      {error !== null && <DialogError>{error}</DialogError>}
      <DialogButtons closeLabel={strings.cancel} onClose={onClose} />
    </DialogFrame>
  );
}
