// Generated avatars: an SVG per person, made here from our own constants (a palette, a pattern
// and the initials we wrote down in people.ts), never from user text, and served as a `blob:` URL.
// Nothing is fetched from the internet.

/** What an avatar is drawn from. Every field is one of our constants. */
export interface AvatarSpec {
  /** One or two capital letters, A–Z only. */
  initials: string;
  /** An index into the palette. */
  color: number;
  /** Which background pattern. */
  pattern: 'plain' | 'rings' | 'stripes' | 'dots';
}

const PALETTE: readonly (readonly [string, string])[] = [
  ['#2563eb', '#60a5fa'],
  ['#db2777', '#f472b6'],
  ['#059669', '#34d399'],
  ['#d97706', '#fbbf24'],
  ['#7c3aed', '#a78bfa'],
  ['#dc2626', '#f87171'],
  ['#0891b2', '#22d3ee'],
  ['#4d7c0f', '#a3e635'],
  ['#be185d', '#fb7185'],
  ['#1d4ed8', '#818cf8'],
  ['#b45309', '#fb923c'],
  ['#0f766e', '#2dd4bf'],
];

function patternOf(spec: AvatarSpec, light: string): string {
  switch (spec.pattern) {
    case 'plain':
      return '';
    case 'rings':
      return `<circle cx="32" cy="32" r="26" fill="none" stroke="${light}" stroke-width="3" opacity="0.6"/><circle cx="32" cy="32" r="18" fill="none" stroke="${light}" stroke-width="2" opacity="0.4"/>`;
    case 'stripes':
      return `<g stroke="${light}" stroke-width="5" opacity="0.45">${[-24, -8, 8, 24, 40].map((x) => `<line x1="${x}" y1="64" x2="${x + 48}" y2="0"/>`).join('')}</g>`;
    case 'dots':
      return `<g fill="${light}" opacity="0.5">${[12, 32, 52].flatMap((x) => [12, 52].map((y) => `<circle cx="${x}" cy="${y}" r="4"/>`)).join('')}</g>`;
  }
}

/**
 * The SVG text of an avatar. Refuses anything but our constants: initials must be one or two
 * letters A–Z, so no markup can ever get in.
 *
 * @example
 * avatarSvg({ initials: 'AL', color: 0, pattern: 'rings' });
 */
export function avatarSvg(spec: AvatarSpec): string {
  if (!/^[A-Z]{1,2}$/.test(spec.initials)) throw new Error('avatarSvg: initials must be one or two letters A–Z');
  const [dark, light] = PALETTE[Math.abs(Math.trunc(spec.color)) % PALETTE.length] as readonly [string, string];
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">',
    '<defs><clipPath id="c"><circle cx="32" cy="32" r="32"/></clipPath></defs>',
    `<g clip-path="url(#c)"><rect width="64" height="64" fill="${dark}"/>${patternOf(spec, light)}</g>`,
    `<text x="32" y="33" text-anchor="middle" dominant-baseline="central" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="24" font-weight="600" fill="#ffffff">${spec.initials}</text>`,
    '</svg>',
  ].join('');
}

/**
 * A `blob:` URL of the avatar's SVG, for `avatarUrl`. Revoke it with `URL.revokeObjectURL` when
 * the world is thrown away.
 */
export function avatarUrl(spec: AvatarSpec): string {
  return URL.createObjectURL(new Blob([avatarSvg(spec)], { type: 'image/svg+xml' }));
}
