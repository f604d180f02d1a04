import { exportDataRoute, importDataRoute } from './data';
import { sendMessageRoute, listMessagesRoute, editMessageRoute, deleteMessageRoute, announceRoute } from './messages';
import { setSiteRoleRoute, listReportsRoute, resolveReportRoute, getModerationSettingsRoute, setModerationSettingsRoute } from './moderation';
import { createRoomRoute, getRoomRoute, updateRoomRoute, deleteRoomRoute, addMembersRoute, removeMemberRoute, setMemberRoleRoute } from './rooms';
import { getStatsRoute } from './stats';
import { appendToMessageRoute, finishMessageRoute } from './streaming';
import { upsertUserRoute, getUserRoute, listUsersRoute, signUserTokenRoute, deleteUserRoute } from './users';
import { createWebhookRoute, listWebhooksRoute, deleteWebhookRoute, listWebhookAttemptsRoute } from './webhooks';
import type { AdminRoute } from './types';

export type { AdminCall, AdminRoute } from './types';

/**
 * Every route of `/admin/v1`, in the order the OpenAPI document lists them (each resource's
 * routes live in their own file; a new route goes at the end, so the document's order holds).
 */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  upsertUserRoute,
  getUserRoute,
  listUsersRoute,
  signUserTokenRoute,
  createRoomRoute,
  getRoomRoute,
  updateRoomRoute,
  deleteRoomRoute,
  addMembersRoute,
  removeMemberRoute,
  setMemberRoleRoute,
  sendMessageRoute,
  listMessagesRoute,
  editMessageRoute,
  deleteMessageRoute,
  exportDataRoute,
  importDataRoute,
  createWebhookRoute,
  listWebhooksRoute,
  deleteUserRoute,
  announceRoute,
  deleteWebhookRoute,
  listWebhookAttemptsRoute,
  getStatsRoute,
  appendToMessageRoute,
  finishMessageRoute,
  setSiteRoleRoute,
  listReportsRoute,
  resolveReportRoute,
  getModerationSettingsRoute,
  setModerationSettingsRoute,
];
