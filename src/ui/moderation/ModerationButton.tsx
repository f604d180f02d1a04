import { useState, type ReactNode } from 'react';
import { useOpenReports } from '../../react';
import { cx, useStrings } from '../config';
import { Icon } from '../icons';
import { ModerationPanel } from './ModerationPanel';

/**
 * The room header's way into the moderation queue, for the room's admins and site moderators: a
 * shield with the count of open reports, opening the {@link ModerationPanel}.
 *
 * @example
 * {canModerate && <ModerationButton roomId={roomId} />}
 */
export function ModerationButton({ roomId, className }: { roomId: string; className?: string }): ReactNode {
  const strings = useStrings();
  const { reports } = useOpenReports(roomId);
  const [open, setOpen] = useState(false);
  const label = `${strings.moderation}: ${strings.openReports(reports.length)}`;
  return (
    <>
      <button type="button" className={cx('confab-room-header-moderation', className)} aria-label={label} title={label} aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        <Icon name="shield" />
        {reports.length > 0 && (
          <span className="confab-room-header-moderation-count" aria-hidden="true">
            {reports.length}
          </span>
        )}
      </button>
      {open && <ModerationPanel roomId={roomId} onClose={() => setOpen(false)} />}
    </>
  );
}
