import type { ModerationSettings } from '../../protocol';
import type { Handlers } from '../context';
import type { ModerationSettingsRecord } from '../storage/moderationRecords';
import { requireBackend, SITE } from './site';

/**
 * The stored moderation settings over the server's options: what the word filter and flood limit
 * are now.
 *
 * @example
 * const settings = effectiveSettings(ctx.tx.getRecord('siteSetting', 'site', 'moderation'), defaults);
 */
export function effectiveSettings(stored: ModerationSettingsRecord | undefined, defaults: ModerationSettings): ModerationSettings {
  return {
    words: stored?.words ?? defaults.words,
    floodLimit: stored?.floodLimit ?? defaults.floodLimit,
  };
}

/**
 * Where the moderation settings record lives.
 *
 * @example
 * tx.getRecord(...MODERATION_SETTINGS_KEY);
 */
export const MODERATION_SETTINGS_KEY = ['siteSetting', SITE, 'moderation'] as const;

/**
 * The word list and flood limit, backend only. The settings' defaults are the server's options
 * (`ctx.moderationDefaults`); the server applies a change to its flood gate and word filter once
 * it commits (see liveModeration.ts).
 */
export const settingsHandlers: Handlers<'moderation.getSettings' | 'moderation.setSettings'> = {
  'moderation.getSettings': (ctx) => {
    requireBackend(ctx, 'read the moderation settings');
    return effectiveSettings(ctx.tx.getRecord(...MODERATION_SETTINGS_KEY), ctx.moderationDefaults);
  },

  'moderation.setSettings': (ctx, _actor, command) => {
    requireBackend(ctx, 'change the moderation settings');
    const stored = ctx.tx.getRecord(...MODERATION_SETTINGS_KEY) ?? {};
    const next: ModerationSettingsRecord = {
      ...stored,
      ...(command.words !== undefined ? { words: [...new Set(command.words)] } : {}),
      ...(command.floodLimit !== undefined ? { floodLimit: command.floodLimit } : {}),
    };
    ctx.tx.putRecord(...MODERATION_SETTINGS_KEY, next);
    return effectiveSettings(next, ctx.moderationDefaults);
  },
};
