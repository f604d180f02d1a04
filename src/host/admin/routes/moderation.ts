import type * as v from 'valibot';
import { UserSchema, SiteRoleInputSchema, ReportQuerySchema, ReportListSchema, ReportResolveInputSchema, ReportSchema, ModerationSettingsInputSchema, ModerationSettingsSchema } from '../schemas';
import { system } from './calls';
import type { AdminRoute } from './types';

// Moderation (issue #13): site moderators, reports, and the word filter and flood limit.

export const setSiteRoleRoute: AdminRoute = {
  method: 'PUT',
  path: '/users/{id}/role',
  tag: 'Moderation',
  summary: 'Make a person a site moderator (mute, ban and delete in any public room they see, and see every report) or a plain user again',
  body: SiteRoleInputSchema,
  response: UserSchema,
  async handle(call) {
    const { role } = call.body as v.InferOutput<typeof SiteRoleInputSchema>;
    return system(call, { type: 'user.setRole', userId: call.params.id as string, role });
  },
};

export const listReportsRoute: AdminRoute = {
  method: 'GET',
  path: '/reports',
  tag: 'Moderation',
  summary: 'Open reports (of one room with `roomId`, else of every room), oldest first, each with the reported message in context',
  query: ReportQuerySchema,
  response: ReportListSchema,
  async handle(call) {
    const { roomId } = call.query as v.InferOutput<typeof ReportQuerySchema>;
    return { reports: await system(call, { type: 'report.list', ...(roomId !== undefined ? { roomId } : {}) }) };
  },
};

export const resolveReportRoute: AdminRoute = {
  method: 'POST',
  path: '/rooms/{id}/reports/{reportId}/resolve',
  tag: 'Moderation',
  summary: 'Resolve a report: dismiss it, delete the message, or mute or ban its author (for `durationMs`, or for good)',
  body: ReportResolveInputSchema,
  response: ReportSchema,
  async handle(call) {
    const input = call.body as v.InferOutput<typeof ReportResolveInputSchema>;
    return system(call, { type: 'report.resolve', roomId: call.params.id as string, reportId: call.params.reportId as string, ...input });
  },
};

export const getModerationSettingsRoute: AdminRoute = {
  method: 'GET',
  path: '/settings/moderation',
  tag: 'Moderation',
  summary: 'The word filter and the flood limit in effect',
  response: ModerationSettingsSchema,
  async handle(call) {
    return system(call, { type: 'moderation.getSettings' });
  },
};

export const setModerationSettingsRoute: AdminRoute = {
  method: 'PUT',
  path: '/settings/moderation',
  tag: 'Moderation',
  summary: 'Change the word filter and the flood limit: stored, and in effect on this host at once (other hosts on their restart)',
  body: ModerationSettingsInputSchema,
  response: ModerationSettingsSchema,
  async handle(call) {
    const input = call.body as v.InferOutput<typeof ModerationSettingsInputSchema>;
    return system(call, { type: 'moderation.setSettings', ...input });
  },
};
