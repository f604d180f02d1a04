import type { ModerationSettings } from '../protocol';
import { createFloodGate, DEFAULT_READ_LIMIT, type FloodGate } from './flood';
import { andThen, type MaybePromise } from './maybe';
import { effectiveSettings, MODERATION_SETTINGS_KEY } from './moderation';
import type { MutableRules } from './serverRules';
import type { RunInTransaction } from './transactions';
import type { ReferenceServerOptions } from './types';
import { createTextFilter } from './wordFilter';

/**
 * The token buckets people's sessions spend from: writes and history reads, each its own.
 * Internal to the server.
 *
 * @example
 * const retryAfterMs = gates.writes.take('ana');
 */
export interface Gates {
  readonly writes: FloodGate;
  readonly reads: FloodGate;
}

/**
 * The moderation settings in force on this host: the word filter (in the rules) and the write
 * bucket (in `gates`). Internal to the server.
 *
 * @example
 * const moderation = createLiveModeration(options, rules, run);
 * await moderation.load();
 * runCommand('ana', command, moderation.gates);
 */
export interface LiveModeration {
  readonly gates: Gates;
  /** Reads the stored settings once, before the first command this host runs; later calls answer at once. */
  load(): MaybePromise<void>;
  /** Puts committed settings in force on this host at once. */
  apply(settings: ModerationSettings): void;
}

/**
 * Starts from the options' word filter and limits; the stored settings replace them on `load`.
 *
 * @example
 * const moderation = createLiveModeration({ floodLimit: false }, rules, run);
 */
export function createLiveModeration(options: Pick<ReferenceServerOptions, 'wordFilter' | 'floodLimit' | 'readLimit'>, rules: MutableRules, run: RunInTransaction): LiveModeration {
  const clock = rules.now;
  const gates: { writes: FloodGate; reads: FloodGate } = {
    writes: createFloodGate(options.floodLimit, clock),
    reads: createFloodGate(options.readLimit, clock, DEFAULT_READ_LIMIT, 'read limit'),
  };
  /** The settings last applied, so that an unchanged flood limit keeps everyone's buckets. */
  let appliedSettings = rules.moderationDefaults;
  function apply(settings: ModerationSettings): void {
    if (JSON.stringify(settings) === JSON.stringify(appliedSettings)) return;
    const before = appliedSettings;
    appliedSettings = settings;
    rules.filterText = createTextFilter({ ...options.wordFilter, words: settings.words });
    if (JSON.stringify(before.floodLimit) !== JSON.stringify(settings.floodLimit)) gates.writes = createFloodGate(settings.floodLimit, clock);
  }
  /** Stored settings are read once, before the first command this host runs; later changes through this host apply at once. */
  let settingsReady = false;
  let settingsLoad: Promise<void> | null = null;
  function load(): MaybePromise<void> {
    if (settingsReady) return;
    if (settingsLoad) return settingsLoad;
    const loaded = andThen(run((ctx) => effectiveSettings(ctx.tx.getRecord(...MODERATION_SETTINGS_KEY), rules.moderationDefaults), true), (settings) => {
      settingsReady = true;
      apply(settings);
    });
    // A failed read (a database away) is tried again by the next command.
    if (loaded instanceof Promise) settingsLoad = loaded.finally(() => (settingsLoad = null));
    return settingsLoad ?? undefined;
  }
  return { gates, load, apply };
}
