import type { ReactNode } from 'react';
import type { RoomMembers } from '../../react';
import { useStrings } from '../config';

/**
 * The last row of a crowd's member list: a button that loads the next page of members (waiting
 * while one is on its way), and the server's sentence when the last page failed (the button tries
 * again). Nothing once every member is loaded, or in a small room.
 *
 * @example
 * <ul>{rows}<MoreMembers roster={useRoomMembers(roomId)} /></ul>
 */
export function MoreMembers({ roster }: { roster: Pick<RoomMembers, 'hasMore' | 'status' | 'error' | 'loadMore'> }): ReactNode {
  const strings = useStrings();
  if (!roster.hasMore) return null;
  const loading = roster.status === 'loading';
  return (
    <li className="confab-members-panel-more-members" data-state={loading ? 'loading' : roster.status === 'error' ? 'failed' : 'idle'}>
      {roster.error && (
        <p className="confab-members-panel-error" role="alert">
          {roster.error.message}
        </p>
      )}
      <button type="button" className="confab-button" data-variant="secondary" data-action="show-more-members" aria-busy={loading} disabled={loading} onClick={roster.loadMore}>
        {loading ? strings.loading : strings.showMoreMembers}
      </button>
    </li>
  );
}
