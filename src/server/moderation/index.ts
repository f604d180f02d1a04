/**
 * Moderation (issue #13), one concept per file: who may moderate (access), the notices actions
 * post, mutes, bans, the reports queue, site roles, the word list and flood limit (settings),
 * and what a deleted room or person leaves behind (forget). Other server rules import from here.
 */
import type { Handlers } from '../context';
import { banHandlers } from './bans';
import { muteHandlers } from './mutes';
import { reportHandlers } from './reports';
import { settingsHandlers } from './settings';
import { siteRoleHandlers } from './site';

export { assertNotBanned } from './bans';
export { forgetPersonModeration, forgetRoomModeration } from './forget';
export { assertNotMuted, isMutedAt } from './mutes';
export type { ModerationNotice } from './notices';
export { MAX_LISTED_REPORTS, REPORT_CONTEXT_MESSAGES } from './reports';
export { effectiveSettings, MODERATION_SETTINGS_KEY } from './settings';
export { isSiteModerator } from './site';

/**
 * The moderation commands, spread into dispatch.ts's handler table.
 *
 * @example
 * const handlers = { ...roomHandlers, ...moderationHandlers };
 */
export const moderationHandlers: Handlers<
  | 'member.mute'
  | 'member.unmute'
  | 'member.ban'
  | 'member.unban'
  | 'room.listBans'
  | 'report.create'
  | 'report.list'
  | 'report.resolve'
  | 'user.setRole'
  | 'moderation.getSettings'
  | 'moderation.setSettings'
> = {
  ...muteHandlers,
  ...banHandlers,
  ...reportHandlers,
  ...siteRoleHandlers,
  ...settingsHandlers,
};
