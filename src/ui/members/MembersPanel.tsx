/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useCurrentUser, useInvitations, useMemberMute, useModeration, useOnlineUserIds, useRoom, useRoomActions, useRoomMembers, useUser, useUsers, type Role, type Room, type RoomMember } from '../../react';
import { ModerateMemberDialog } from '../moderation/ModerateMemberDialog';
import { Avatar } from '../Avatar';
import { ProfileTrigger } from '../people/ProfileTrigger';
import { Icon } from '../icons';
import { cx, useLocale, useSlot, useStrings } from '../config';
import { withNames } from '../format/bidi';
import { useRoomDisplay } from '../roomName';
import { AddPeopleDialog } from './AddPeopleDialog';
import { ConfirmButton } from './ConfirmButton';
import { MoreMembers } from './MoreMembers';
import { RenameRoomDialog } from './RenameRoomDialog';
import { memberPermissions, moderationPermissions, orderMembers, roomPermissions } from './permissions';

/**
 * Props of {@link MembersPanel}.
 *
 * @example
 * {open && <MembersPanel roomId="general" onClose={() => setOpen(false)} />}
 */
export interface MembersPanelProps {
  roomId: string;
  /** Called on Escape (the header closes it on a click outside too). Give focus back to the opener there. */
  onClose(): void;
  /** The panel's element id (the opener's `aria-controls`). */
  id?: string;
  className?: string;
}

/** A command in flight, so its buttons wait, and the server's refusal, shown until the next try. */
interface CommandState {
  busy: boolean;
  error: string | null;
  run(command: () => Promise<unknown>): void;
}

function useCommand(): CommandState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  return {
    busy,
    error,
    run(command) {
      setBusy(true);
      setError(null);
      command().then(
        () => mounted.current && setBusy(false),
        (failure: unknown) => {
          if (!mounted.current) return;
          setBusy(false);
          setError(failure instanceof Error ? failure.message : String(failure));
        },
      );
    },
  };
}

/**
 * Who is in a room, online people first, admins marked; and what the signed-in person may do about
 * it, by the server's rules and nothing more: add people (any member of a public room, admins of a
 * private one), give or take the admin role and remove people (admins), rename and delete the room
 * (admins), leave it (anyone). A direct room shows its two people and no actions. When the server
 * refuses anyway (a race, a limit), its sentence is shown in the panel.
 *
 * A non-modal dialog: it takes focus when it opens, and Escape closes it.
 *
 * @example
 * <MembersPanel roomId={roomId} onClose={close} />
 */
export function MembersPanel({ roomId, onClose, id, className }: MembersPanelProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const room = useRoom(roomId);
  const { name } = useRoomDisplay(room);
  const { id: meId } = useCurrentUser();
  const users = useUsers();
  // A crowd's view lists only its admins: the rest load a page at a time (small rooms list everyone).
  const roster = useRoomMembers(roomId);
  const memberIds = useMemo(() => roster.members.map((member) => member.userId), [roster.members]);
  const online = useOnlineUserIds(memberIds);
  const actions = useRoomActions();
  const { withdraw } = useInvitations();
  const command = useCommand();
  const [dialog, setDialog] = useState<'add' | 'rename' | { action: 'mute' | 'ban'; userId: string; name: string } | null>(null);
  const moderation = useModeration();
  const [expanded, setExpanded] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => panelRef.current?.focus(), []);

  const members = useMemo(() => {
    const names = new Map(users.map((user) => [user.id, user.name]));
    return orderMembers(roster.members, online, (userId) => names.get(userId) ?? '', locale);
  }, [roster.members, online, users, locale]);

  if (!room) return null;
  const may = roomPermissions(room, meId);
  const anyRoomAction = may.addMembers || may.rename || may.leave || may.delete;

  return (
    <>
      <div
        ref={panelRef}
        id={id}
        className={cx('confab-members-panel', className)}
        role="dialog"
        aria-label={strings.membersOf(name)}
        data-kind={room.kind}
        data-state={command.busy ? 'loading' : 'idle'}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <ul className="confab-members-panel-list" aria-label={strings.memberList}>
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              room={room}
              member={member}
              meId={meId}
              online={online.has(member.userId)}
              expanded={expanded === member.userId}
              onToggle={() => setExpanded((open) => (open === member.userId ? null : member.userId))}
              busy={command.busy}
              onSetRole={(role) => command.run(() => actions.setRole(room.id, member.userId, role))}
              onRemove={() => command.run(() => actions.removeMembers(room.id, [member.userId]))}
              onModerate={(action, memberName) => setDialog({ action, userId: member.userId, name: memberName })}
              onUnmute={() => command.run(() => moderation.unmute(room.id, member.userId))}
            />
          ))}
          {(room.invitedUserIds ?? []).map((userId) => (
            // Admins may withdraw any invitation (`rename` is exactly "an admin of a room that is not direct").
            <InvitedRow key={userId} userId={userId} canWithdraw={may.rename} busy={command.busy} onWithdraw={() => command.run(() => withdraw(room.id, userId))} />
          ))}
          <MoreMembers roster={roster} />
        </ul>
        {command.error !== null && (
          <p className="confab-members-panel-error" role="alert">
            {command.error}
          </p>
        )}
        {anyRoomAction && (
          <div className="confab-members-panel-actions">
            {may.addMembers && (
              <button type="button" className="confab-button" data-variant="primary" data-action="add-people" aria-haspopup="dialog" onClick={() => setDialog('add')}>
                <Icon name="plus" />
                {strings.addPeople}
              </button>
            )}
            {may.rename && (
              <button type="button" className="confab-button" data-variant="secondary" data-action="rename-room" aria-haspopup="dialog" onClick={() => setDialog('rename')}>
                {strings.renameRoom}
              </button>
            )}
            {may.leave && (
              <ConfirmButton action="leave-room" label={strings.leaveRoom} confirmLabel={strings.confirmLeaveRoom} disabled={command.busy} onConfirm={() => command.run(() => actions.leaveRoom(room.id))} />
            )}
            {may.delete && (
              <ConfirmButton action="delete-room" label={strings.deleteRoom} confirmLabel={strings.confirmDeleteRoom} disabled={command.busy} onConfirm={() => command.run(() => actions.deleteRoom(room.id))} />
            )}
          </div>
        )}
      </div>
      {dialog === 'add' && <AddPeopleDialog room={room} roomName={name} onClose={() => setDialog(null)} />}
      {dialog === 'rename' && <RenameRoomDialog room={room} onClose={() => setDialog(null)} />}
      {typeof dialog === 'object' && dialog !== null && <ModerateMemberDialog roomId={room.id} userId={dialog.userId} name={dialog.name} action={dialog.action} onClose={() => setDialog(null)} />}
    </>
  );
}

interface MemberRowProps {
  room: Room;
  member: RoomMember;
  meId: string | null;
  online: boolean;
  expanded: boolean;
  onToggle(): void;
  busy: boolean;
  onSetRole(role: Role): void;
  onRemove(): void;
  /** Opens the mute or ban form for this member. */
  onModerate(action: 'mute' | 'ban', name: string): void;
  onUnmute(): void;
}

/** One member: avatar with presence, name, the admin badge, and the viewer's actions on them behind a disclosure button. */
function MemberRow({ room, member, meId, online, expanded, onToggle, busy, onSetRole, onRemove, onModerate, onUnmute }: MemberRowProps): ReactNode {
  const strings = useStrings();
  const AvatarPart = useSlot('Avatar', Avatar);
  const user = useUser(member.userId);
  const viewer = useUser(meId ?? '');
  const muted = useMemberMute(room.id, member.userId) !== undefined;
  const name = user?.name || strings.someone;
  const may = memberPermissions(room, meId, member);
  const moderate = moderationPermissions(room, meId, viewer, member, user, muted);
  const canAct = may.remove || may.changeRoleTo !== null || moderate.mute || moderate.ban || moderate.unmute;
  return (
    <li className="confab-members-panel-item" data-state={online ? 'online' : 'offline'} data-role={member.role} data-user-id={member.userId}>
      <div className="confab-members-panel-row">
        <ProfileTrigger userId={member.userId} roomId={room.id} tabIndex={-1}>
          <AvatarPart userId={member.userId} size="sm" showPresence />
        </ProfileTrigger>
        <ProfileTrigger userId={member.userId} roomId={room.id} className="confab-members-panel-name" showsName>
          {member.userId === meId ? withNames(strings.meSuffix, name) : <bdi>{name}</bdi>}
        </ProfileTrigger>
        {member.role === 'admin' && <span className="confab-members-panel-role">{strings.adminRole}</span>}
        {muted && (
          <span className="confab-members-panel-role" data-state="muted">
            {strings.mutedBadge}
          </span>
        )}
        {canAct && (
          <button type="button" className="confab-members-panel-more" aria-expanded={expanded} aria-label={strings.memberActions(name)} title={strings.memberActions(name)} onClick={onToggle}>
            <Icon name="more" />
          </button>
        )}
      </div>
      {canAct && expanded && (
        <div className="confab-members-panel-member-actions" role="group" aria-label={strings.memberActions(name)}>
          {may.changeRoleTo !== null && (
            <button type="button" className="confab-button" data-variant="secondary" data-action={may.changeRoleTo === 'admin' ? 'make-admin' : 'remove-admin'} disabled={busy} onClick={() => onSetRole(may.changeRoleTo as Role)}>
              {may.changeRoleTo === 'admin' ? strings.makeAdmin : strings.removeAdmin}
            </button>
          )}
          {may.remove && <ConfirmButton action="remove-member" label={strings.removeMember} confirmLabel={withNames(strings.confirmRemoveMember, name)} disabled={busy} onConfirm={onRemove} />}
          {moderate.mute && (
            <button type="button" className="confab-button" data-variant="secondary" data-action="mute-member" aria-haspopup="dialog" disabled={busy} onClick={() => onModerate('mute', name)}>
              {strings.muteMember}
            </button>
          )}
          {moderate.unmute && (
            <button type="button" className="confab-button" data-variant="secondary" data-action="unmute-member" disabled={busy} onClick={onUnmute}>
              {strings.unmuteMember}
            </button>
          )}
          {moderate.ban && (
            <button type="button" className="confab-button" data-variant="danger" data-action="ban-member" aria-haspopup="dialog" disabled={busy} onClick={() => onModerate('ban', name)}>
              {strings.banMember}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * Someone invited who has not answered yet (servers where invitations wait for an answer): their
 * name, the "Invited" badge, and for admins a button that withdraws the invitation.
 */
function InvitedRow({ userId, canWithdraw, busy, onWithdraw }: { userId: string; canWithdraw: boolean; busy: boolean; onWithdraw(): void }): ReactNode {
  const strings = useStrings();
  const AvatarPart = useSlot('Avatar', Avatar);
  const user = useUser(userId);
  const name = user?.name || strings.someone;
  return (
    <li className="confab-members-panel-item" data-state="invited" data-user-id={userId}>
      <div className="confab-members-panel-row">
        <AvatarPart userId={userId} size="sm" />
        <span className="confab-members-panel-name">
          <bdi>{name}</bdi>
        </span>
        <span className="confab-members-panel-role">
          {strings.invitedRole}
        </span>
        {canWithdraw && (
          <button type="button" className="confab-members-panel-more" data-action="withdraw-invitation" aria-label={strings.withdrawInvitation(name)} title={strings.withdrawInvitation(name)} disabled={busy} onClick={onWithdraw}>
            <Icon name="close" />
          </button>
        )}
      </div>
    </li>
  );
}
