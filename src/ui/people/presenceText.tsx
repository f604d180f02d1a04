import type { ReactNode } from 'react';
import type { Presence } from '../../react';
import type { ChatStrings } from '../strings';
import { withNames } from '../format/bidi';
import { formatRelative } from '../format/dates';

/**
 * "Online", "Last seen 5 minutes ago" (relative, in the chat's language) or "Offline" when the
 * server never said when: the one wording of a person's presence, for the room header and the
 * profile card.
 *
 * @example
 * presenceText(usePresence('bo'), now(), locale, strings); // "Last seen 3 hours ago"
 */
export function presenceText(presence: Presence | undefined, now: number, locale: string | undefined, strings: Pick<ChatStrings, 'online' | 'offline' | 'lastSeen'>): ReactNode {
  if (presence?.state === 'online') return strings.online;
  if (presence?.lastSeenAt !== undefined) return withNames(strings.lastSeen, formatRelative(presence.lastSeenAt, now, locale));
  return strings.offline;
}
