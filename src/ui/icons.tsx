import type { ReactNode } from 'react';

/**
 * Small line icons drawn with `currentColor`, so they follow the text color and the theme. Always
 * decorative (`aria-hidden`): the button or text beside them carries the name. SVG elements built
 * by React, never markup from a string; no emoji, which some systems lack fonts for.
 */
type IconName =
  | 'plus'
  | 'compose'
  | 'lock'
  | 'hash'
  | 'back'
  | 'close'
  | 'more'
  | 'paperclip'
  | 'file'
  | 'download'
  | 'users'
  | 'addReaction'
  | 'thread'
  | 'quote'
  | 'copy'
  | 'check'
  | 'trash'
  | 'arrowUp'
  | 'arrowDown'
  | 'smile'
  | 'search'
  | 'flag'
  | 'shield'
  | 'block'
  | 'pin'
  | 'markUnread'
  | 'checkDouble'
  | 'bell'
  | 'bellOff'
  | 'poll';

const PATHS: Record<IconName, ReactNode> = {
  plus: <path d="M12 5v14M5 12h14" />,
  search: (
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="m16 16 4.5 4.5" />
    </>
  ),
  flag: <path d="M5 21V4m0 0h11l-2 4 2 4H5" />,
  shield: <path d="M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6l7-3Z" />,
  poll: <path d="M5 20V11M12 20V4M19 20v-6" />,
  compose: (
    <>
      <path d="M4 20h4L19 9l-4-4L4 16v4Z" />
      <path d="M13.5 6.5l4 4" />
    </>
  ),
  lock: (
    <>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </>
  ),
  hash: <path d="M9 4 7 20M17 4l-2 16M4 9h16M3 15h16" />,
  back: <path d="M19 12H5M11 6l-6 6 6 6" />,
  close: <path d="M6 6l12 12M18 6 6 18" />,
  more: <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth="3" />,
  paperclip: <path d="m20 11.5-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />,
  file: (
    <>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5Z" />
      <path d="M14 3v5h5" />
    </>
  ),
  download: <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />,
  users: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M3 20a6 6 0 0 1 12 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5a6 6 0 0 1 3 5.5" />
    </>
  ),
  addReaction: (
    <>
      <path d="M21 12a9 9 0 1 1-9-9" />
      <path d="M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01" />
      <path d="M16 5h6M19 2v6" />
    </>
  ),
  thread: <path d="M21 15a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2Z" />,
  quote: <path d="M5 17c2-1 3-3 3-6H5V7h5v4c0 4-2 6-5 7M14 17c2-1 3-3 3-6h-3V7h5v4c0 4-2 6-5 7" />,
  copy: (
    <>
      <rect x="9" y="9" width="12" height="12" rx="2" />
      <path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1" />
    </>
  ),
  check: <path d="M20 6 9 17l-5-5" />,
  checkDouble: <path d="M2 12.5 7 17.5 17.5 7M11.5 16.5l1 1L23 7" />,
  pin: <path d="M9 4h6M10 4v5l-3 4h10l-3-4V4M12 13v7" />,
  markUnread: (
    <>
      <path d="M21 12v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h9" />
      <circle cx="19" cy="6" r="3" />
    </>
  ),
  trash: <path d="M3 6h18M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6" />,
  arrowUp: <path d="M12 19V5M5 12l7-7 7 7" />,
  arrowDown: <path d="M12 5v14M19 12l-7 7-7-7" />,
  smile: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" />
      <path d="M9 9.5h.01M15 9.5h.01" />
    </>
  ),
  block: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M5.6 5.6l12.8 12.8" />
    </>
  ),
  bell: (
    <>
      <path d="M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9Z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </>
  ),
  bellOff: (
    <>
      <path d="M8.5 4.1A6 6 0 0 1 18 9c0 3 .6 5 1.3 6.3M17 17H3.5S6 15 6 9c0-.7.1-1.3.3-1.9" />
      <path d="M10 20.5a2 2 0 0 0 4 0M3 3l18 18" />
    </>
  ),
};

/** One icon; `className` lets CSS flip pointing icons in right-to-left layouts. */
export function Icon({ name, className }: { name: IconName; className?: string }): ReactNode {
  return (
    <svg
      className={className ?? `confab-icon confab-icon-${name}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
