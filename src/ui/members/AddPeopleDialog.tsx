import { useMemo, useState, type ReactNode } from 'react';
import { useRoomActions, useUsers, type Room, type UserProfile } from '../../react';
import { DialogButtons, DialogError, DialogFrame } from '../Dialog';
import { PeoplePicker } from '../PeoplePicker';
import { cx, useStrings } from '../config';
import { withNames } from '../format/bidi';

/**
 * Props of {@link AddPeopleDialog}.
 *
 * @example
 * <AddPeopleDialog room={room} roomName="design" onClose={() => setOpen(false)} />
 */
export interface AddPeopleDialogProps {
  room: Room;
  /** The room's name as shown (the title says whom people are added to). */
  roomName: string;
  /** Called on Done, Escape or a click outside. Focus then returns to what opened the dialog. */
  onClose(): void;
  className?: string;
}

/**
 * A modal people picker that adds people to a room (`addMembers` of `useRoomActions`), one pick at
 * a time: it stays open, and whoever was added leaves the list (they are members now) while a
 * status line says so. The server's refusal (a private room and no admin, a full room) is shown.
 *
 * @example
 * {open && <AddPeopleDialog room={room} roomName={name} onClose={() => setOpen(false)} />}
 */
export function AddPeopleDialog({ room, roomName, onClose, className }: AddPeopleDialogProps): ReactNode {
  const strings = useStrings();
  const users = useUsers();
  const { addMembers } = useRoomActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const candidates = useMemo(() => {
    const members = new Set(room.members.map((member) => member.userId));
    return users.filter((user) => !members.has(user.id));
  }, [users, room]);

  async function add(user: UserProfile) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      await addMembers(room.id, [user.id]);
      setAdded(user.name || strings.someone);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogFrame title={strings.addPeopleTitle(roomName)} onClose={onClose} className={cx('confab-add-people-dialog', className)}>
      <PeoplePicker people={candidates} onPick={(user) => void add(user)} busy={busy} noneText={strings.nobodyToAdd} />
      <p className="confab-dialog-status" role="status">
        {added !== null ? withNames(strings.memberAdded, added) : null}
      </p>
      {error !== null && <DialogError>{error}</DialogError>}
      <DialogButtons closeLabel={strings.done} closeVariant="primary" onClose={onClose} />
    </DialogFrame>
  );
}
