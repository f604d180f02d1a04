import { memo, useState, type ReactNode } from 'react';
import { usePresence, useUser } from '../react';
import { cx, useSlot, useStrings } from './config';

/** Avatar image URLs we render: http(s) and blob only; anything else falls back to initials. */
export function safeImageUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, typeof location === 'undefined' ? 'http://localhost/' : location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'blob:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Up to two initials from a name, by grapheme so that emoji and accents stay whole. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? [...word][0] ?? '' : '');
  const letters = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return letters.toUpperCase() || '?';
}

/** A stable hue per person, so initials avatars are told apart at a glance. */
function hueOf(id: string): number {
  let hash = 0;
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) | 0;
  return Math.abs(hash) % 360;
}

/**
 * Props of {@link Avatar}.
 *
 * @example
 * <Avatar userId="ana" size="sm" showPresence />
 */
export interface AvatarProps {
  userId: string;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  /** Adds a presence dot. */
  showPresence?: boolean;
  className?: string;
}

/**
 * A person's picture, or their initials on a color of their own when there is no usable picture
 * (none, not http(s), or it failed to load).
 *
 * @example
 * <Avatar userId={message.authorId} />
 */
export const Avatar = memo(function Avatar({ userId, size = 'md', showPresence = false, className }: AvatarProps): ReactNode {
  const user = useUser(userId);
  const strings = useStrings();
  const PresencePart = useSlot('PresenceBadge', PresenceBadge);
  const [broken, setBroken] = useState<string | null>(null);
  const name = user?.name ?? strings.someone;
  const src = safeImageUrl(user?.avatarUrl);
  const showImage = src !== undefined && broken !== src;
  return (
    <span className={cx('confab-avatar', className)} data-size={size} data-kind={showImage ? 'image' : 'initials'} style={{ ['--confab-avatar-hue' as string]: hueOf(userId) }}>
      {showImage ? (
        <img className="confab-avatar-image" src={src} alt="" referrerPolicy="no-referrer" onError={() => setBroken(src)} />
      ) : (
        <span className="confab-avatar-initials" aria-hidden="true">
          {initialsOf(name)}
        </span>
      )}
      {showPresence && <PresencePart userId={userId} />}
    </span>
  );
});

/**
 * Props of {@link PresenceBadge}.
 *
 * @example
 * <PresenceBadge userId="bo" />
 */
export interface PresenceBadgeProps {
  userId: string;
  className?: string;
}

/**
 * A dot that is green while the person is online; its label says so for screen readers.
 *
 * @example
 * <PresenceBadge userId={otherPersonId} />
 */
export const PresenceBadge = memo(function PresenceBadge({ userId, className }: PresenceBadgeProps): ReactNode {
  const presence = usePresence(userId);
  const strings = useStrings();
  const state = presence?.state ?? 'offline';
  return <span className={cx('confab-presence', className)} data-state={state} role="img" aria-label={state === 'online' ? strings.online : strings.offline} />;
});
