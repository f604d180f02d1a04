import type { CustomData } from '../../react';

/**
 * One line of a profile's custom fields, as text.
 *
 * @example
 * const field: ProfileField = { key: 'title', value: 'Designer' };
 */
export interface ProfileField {
  key: string;
  value: string;
}

/** A profile shows at most this many fields, each value cut to this many characters. */
export const MAX_PROFILE_FIELDS = 12;
export const MAX_PROFILE_VALUE = 200;

/**
 * A person's custom data as key/value lines of plain text for their profile card: strings as
 * they are, numbers and booleans written out, anything nested as JSON; empty values left out,
 * long ones cut. Only text: nothing of it is ever markup or a link.
 *
 * @example
 * profileFields({ title: 'Designer', floor: 3, remote: true, tags: ['ux'] });
 * // [{ key: 'title', value: 'Designer' }, { key: 'floor', value: '3' }, { key: 'remote', value: 'true' }, { key: 'tags', value: '["ux"]' }]
 */
export function profileFields(customData: CustomData | undefined): ProfileField[] {
  if (customData === undefined || customData === null || typeof customData !== 'object' || Array.isArray(customData)) return [];
  const out: ProfileField[] = [];
  for (const [key, raw] of Object.entries(customData)) {
    if (raw === null || raw === undefined) continue;
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : JSON.stringify(raw);
    const value = text.trim();
    if (key.trim() === '' || value === '') continue;
    out.push({
      key,
      value: [...value].length > MAX_PROFILE_VALUE ? `${[...value].slice(0, MAX_PROFILE_VALUE).join('')}…` : value,
    });
    if (out.length === MAX_PROFILE_FIELDS) break;
  }
  return out;
}
