import { ChatError, DEFAULT_LIMITS, type Limits, type ModerationSettings } from '../protocol';
import type { ServerRules } from './context';
import { DEFAULT_FLOOD_LIMIT } from './flood';
import { randomId } from './ids';
import type { ReferenceServerOptions } from './types';
import { createTypingTracker } from './typing';
import { createTextFilter } from './wordFilter';

/** Rooms with more members are crowds unless the server says otherwise (ReferenceServerOptions.crowdSize). */
const DEFAULT_CROWD_SIZE = 100;

/**
 * The server's rules, writable: the moderation settings (the admin API) replace the filter on this
 * host without a restart. Internal to the server.
 *
 * @example
 * const rules: MutableRules = createServerRules({});
 * rules.filterText = createTextFilter({ words: ['darn'] });
 */
export type MutableRules = { -readonly [K in keyof ServerRules]: ServerRules[K] };

function resolveLimits(overrides: Partial<Limits> | undefined): Readonly<Limits> {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = overrides?.[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new ChatError('invalid', `The limit ${key} must be a whole number of at least 0.`);
    limits[key] = value;
  }
  return Object.freeze(limits);
}

/**
 * The rules every command of one server runs under, from its options with their defaults; throws
 * `invalid` for a limit that is not a whole number of at least 0.
 *
 * @example
 * const rules = createServerRules({ limits: { maxMembersPerRoom: 10 } });
 */
export function createServerRules(options: Omit<ReferenceServerOptions, 'storage'>): MutableRules {
  const moderationDefaults: ModerationSettings = {
    words: [...(options.wordFilter?.words ?? [])],
    floodLimit: options.floodLimit === false ? false : { ...(options.floodLimit ?? DEFAULT_FLOOD_LIMIT) },
  };
  return {
    moderationDefaults,
    limits: resolveLimits(options.limits),
    now: options.now ?? (() => Date.now()),
    filterText: createTextFilter(options.wordFilter),
    generateId: options.generateId ?? randomId,
    typing: createTypingTracker(),
    allowHttpUrls: options.allowHttpUrls === true,
    directMessages: options.directMessages ?? 'anyone',
    invitations: options.invitations ?? 'direct',
    crowdSize: options.crowdSize ?? DEFAULT_CROWD_SIZE,
  };
}
