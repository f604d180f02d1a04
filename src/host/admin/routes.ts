import type * as v from 'valibot';
import { ChatError, type CommandOf, type CommandType, type Outcome, type ResultOf } from '../../protocol';
import type { ChatServer } from '../../server';
import type { FileStore } from '../uploads';
import {
  AnnouncementInputSchema,
  AnnouncementSchema,
  DeletedUserSchema,
  ExportQuerySchema,
  ExportRecordSchema,
  ImportSummarySchema,
  DeletedRoomSchema,
  MembersInputSchema,
  MessageEditSchema,
  MessageInputSchema,
  MessageListQuerySchema,
  MessagePageSchema,
  MessageSchema,
  RoleInputSchema,
  RoomInputSchema,
  RoomPatchSchema,
  RoomSchema,
  TokenInputSchema,
  TokenSchema,
  UserInputSchema,
  UserListQuerySchema,
  UserListSchema,
  UserSchema,
  WebhookInputSchema,
  WebhookCreatedSchema,
  WebhookListSchema,
  DeletedWebhookSchema,
  WebhookAttemptQuerySchema,
  WebhookAttemptListSchema,
  StatsQuerySchema,
  StatsSchema,
  MessageAppendSchema,
  MessageAppendedSchema,
  MessageFinishSchema,
  SiteRoleInputSchema,
  ReportQuerySchema,
  ReportListSchema,
  ReportResolveInputSchema,
  ReportSchema,
  ModerationSettingsInputSchema,
  ModerationSettingsSchema,
} from './schemas';
import type { WebhookDispatcher } from '../webhooks';
import { collectStats, type StatsSource } from '../stats';

type AnySchema = v.GenericSchema;

/**
 * What an admin route is given: the server, a token signer, the path's parameters, and the
 * parsed query and body.
 *
 * @example
 * const handle = async ({ server, params }: AdminCall) => server.getUser(params.id as string);
 */
export interface AdminCall {
  server: ChatServer;
  signToken(userId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: number }>;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  /** How many ids one request may name (the protocol's maxMembersPerRequest). */
  limits: ChatServer['limits'];
  /** The request body's lines, for a route that reads NDJSON. */
  lines?: AsyncIterable<string>;
  /** The host's uploaded files, when it keeps any. */
  files?: FileStore;
  /** Closes this host's connections of a person (after they were deleted). */
  endSessions?(userId: string): void;
  /** The host's webhooks, when it has them. */
  webhooks?: WebhookDispatcher;
  /** Where statistics come from, when the host owns its storage. */
  stats?: StatsSource;
  /** The host's clock. */
  now?: () => number;
}

/**
 * One route of the admin API: its method and path (with `{name}` parameters), the schemas of
 * what it reads and answers (the OpenAPI document is made from them), and what it does.
 *
 * @example
 * const route: AdminRoute = { method: 'GET', path: '/users/{id}', summary: 'Get a person', response: UserSchema, handle: getUser };
 */
export interface AdminRoute {
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  tag: 'Users' | 'Rooms' | 'Messages' | 'Data' | 'Webhooks' | 'Statistics' | 'Moderation';
  query?: AnySchema;
  body?: AnySchema;
  /** The body is NDJSON, read a line at a time (`call.lines`), instead of one JSON value. */
  ndjsonBody?: true;
  /** The answer is NDJSON: `handle` returns an async iterable of records, streamed one line each. */
  ndjsonResponse?: true;
  response: AnySchema;
  status?: 200 | 201;
  handle(call: AdminCall): Promise<unknown>;
}

/** The value of a server outcome, or its typed error thrown. */
function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function webhooksOf(call: AdminCall): WebhookDispatcher {
  if (!call.webhooks) throw new ChatError('unavailable', 'This host runs without webhooks.');
  return call.webhooks;
}

async function system<T extends CommandType>(call: AdminCall, command: CommandOf<T>): Promise<ResultOf<T>> {
  return valueOf(await call.server.actAsSystem(command));
}

let clientIds = 0;

/** Every route of `/admin/v1`, in the order the OpenAPI document lists them. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  {
    method: 'PUT',
    path: '/users/{id}',
    tag: 'Users',
    summary: 'Create or update a person (name, avatar, custom data)',
    body: UserInputSchema,
    response: UserSchema,
    async handle({ server, params, body }) {
      const input = body as v.InferOutput<typeof UserInputSchema>;
      return server.upsertUser({ id: params.id as string, ...input });
    },
  },
  {
    method: 'GET',
    path: '/users/{id}',
    tag: 'Users',
    summary: 'Get a person',
    response: UserSchema,
    async handle({ server, params }) {
      const user = await server.getUser(params.id as string);
      if (!user) throw new ChatError('not_found', `There is no user with id "${params.id}".`);
      return user;
    },
  },
  {
    method: 'GET',
    path: '/users',
    tag: 'Users',
    summary: 'List people by id, a page at a time (`next` is the `after` of the next page)',
    query: UserListQuerySchema,
    response: UserListSchema,
    async handle({ server, query }) {
      const { after, limit = 100 } = query as v.InferOutput<typeof UserListQuerySchema>;
      const users = await server.listUsers({ ...(after !== undefined ? { afterId: after } : {}), limit });
      const last = users.at(-1);
      return users.length === limit && last ? { users, next: last.id } : { users };
    },
  },
  {
    method: 'POST',
    path: '/users/{id}/tokens',
    tag: 'Users',
    summary: 'Sign a client token for a person (default lifetime one hour)',
    body: TokenInputSchema,
    response: TokenSchema,
    status: 201,
    async handle({ server, params, body, signToken }) {
      const userId = params.id as string;
      if (!(await server.getUser(userId))) throw new ChatError('not_found', `There is no user with id "${userId}"; create them first with PUT /admin/v1/users/${userId}.`);
      const { ttlSeconds = 3600 } = (body ?? {}) as v.InferOutput<typeof TokenInputSchema>;
      return { userId, ...(await signToken(userId, ttlSeconds)) };
    },
  },
  {
    method: 'POST',
    path: '/rooms',
    tag: 'Rooms',
    summary: 'Create a public or private room; its creator becomes its admin',
    body: RoomInputSchema,
    response: RoomSchema,
    status: 201,
    async handle({ server, body, limits }) {
      const input = body as v.InferOutput<typeof RoomInputSchema>;
      if ((input.memberIds?.length ?? 0) > limits.maxMembersPerRoom) throw new ChatError('too_large', `A room may have at most ${limits.maxMembersPerRoom} members.`);
      return server.createRoom(input);
    },
  },
  {
    method: 'GET',
    path: '/rooms/{id}',
    tag: 'Rooms',
    summary: 'Get a room with its members',
    response: RoomSchema,
    async handle({ server, params }) {
      const room = await server.getRoom(params.id as string);
      if (!room) throw new ChatError('not_found', `There is no room with id "${params.id}".`);
      return room;
    },
  },
  {
    method: 'PATCH',
    path: '/rooms/{id}',
    tag: 'Rooms',
    summary: 'Rename a room or change its custom data',
    body: RoomPatchSchema,
    response: RoomSchema,
    async handle(call) {
      const patch = call.body as v.InferOutput<typeof RoomPatchSchema>;
      return system(call, { type: 'room.update', roomId: call.params.id as string, ...patch });
    },
  },
  {
    method: 'DELETE',
    path: '/rooms/{id}',
    tag: 'Rooms',
    summary: 'Delete a room with its messages and files',
    response: DeletedRoomSchema,
    async handle(call) {
      return system(call, { type: 'room.delete', roomId: call.params.id as string });
    },
  },
  {
    method: 'POST',
    path: '/rooms/{id}/members',
    tag: 'Rooms',
    summary: 'Add people to a room (at most 10 per request)',
    body: MembersInputSchema,
    response: RoomSchema,
    async handle(call) {
      const { userIds } = call.body as v.InferOutput<typeof MembersInputSchema>;
      return system(call, { type: 'room.addMembers', roomId: call.params.id as string, userIds });
    },
  },
  {
    method: 'DELETE',
    path: '/rooms/{id}/members/{userId}',
    tag: 'Rooms',
    summary: 'Remove a person from a room',
    response: RoomSchema,
    async handle(call) {
      return system(call, { type: 'room.removeMembers', roomId: call.params.id as string, userIds: [call.params.userId as string] });
    },
  },
  {
    method: 'PUT',
    path: '/rooms/{id}/members/{userId}',
    tag: 'Rooms',
    summary: "Set a member's role (admin or member)",
    body: RoleInputSchema,
    response: RoomSchema,
    async handle(call) {
      const { role } = call.body as v.InferOutput<typeof RoleInputSchema>;
      return system(call, { type: 'room.setRole', roomId: call.params.id as string, userId: call.params.userId as string, role });
    },
  },
  {
    method: 'POST',
    path: '/rooms/{id}/messages',
    tag: 'Messages',
    summary: 'Send a message as a person who is a member (idempotent on clientId)',
    body: MessageInputSchema,
    response: MessageSchema,
    status: 201,
    async handle({ server, params, body }) {
      const { userId, clientId, ...rest } = body as v.InferOutput<typeof MessageInputSchema>;
      const outcome = await server.actAs(userId, {
        type: 'message.send',
        roomId: params.id as string,
        clientId: clientId ?? `admin_${Date.now().toString(36)}_${(++clientIds).toString(36)}`,
        ...rest,
      });
      return valueOf(outcome);
    },
  },
  {
    method: 'GET',
    path: '/rooms/{id}/messages',
    tag: 'Messages',
    summary: "A page of a room's top-level messages before or after a sequence (the message retrieval API)",
    query: MessageListQuerySchema,
    response: MessagePageSchema,
    async handle(call) {
      const { before, after, limit } = call.query as v.InferOutput<typeof MessageListQuerySchema>;
      return system(call, {
        type: 'message.history',
        roomId: call.params.id as string,
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
  },
  {
    method: 'PATCH',
    path: '/rooms/{id}/messages/{messageId}',
    tag: 'Messages',
    summary: "Edit a message's text as a moderator (it shows as edited)",
    body: MessageEditSchema,
    response: MessageSchema,
    async handle(call) {
      const edit = call.body as v.InferOutput<typeof MessageEditSchema>;
      return system(call, { type: 'message.edit', roomId: call.params.id as string, messageId: call.params.messageId as string, ...edit });
    },
  },
  {
    method: 'DELETE',
    path: '/rooms/{id}/messages/{messageId}',
    tag: 'Messages',
    summary: 'Delete a message as a moderator (it becomes a tombstone)',
    response: MessageSchema,
    async handle(call) {
      return system(call, { type: 'message.delete', roomId: call.params.id as string, messageId: call.params.messageId as string });
    },
  },
  {
    method: 'GET',
    path: '/export',
    tag: 'Data',
    summary:
      'Export everything, one room (`roomId`) or one person (`userId`) as NDJSON, streamed: a meta line, then users, each room with its messages in sequence order, blocks and direct pairs',
    query: ExportQuerySchema,
    response: ExportRecordSchema,
    ndjsonResponse: true,
    async handle({ server, query }) {
      const { roomId, userId } = query as v.InferOutput<typeof ExportQuerySchema>;
      return server.exportData(roomId !== undefined ? { roomId } : userId !== undefined ? { userId } : { all: true });
    },
  },
  {
    method: 'POST',
    path: '/import',
    tag: 'Data',
    summary: 'Import an export (NDJSON) into this server, which must be empty; all or nothing, a bad line answers 400 with its number',
    response: ImportSummarySchema,
    ndjsonBody: true,
    status: 201,
    async handle({ server, lines }) {
      return server.importData(lines ?? []);
    },
  },
  {
    method: 'POST',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'Add a webhook endpoint; the answer shows its signing secret, once',
    body: WebhookInputSchema,
    response: WebhookCreatedSchema,
    status: 201,
    async handle(call) {
      const { url } = call.body as v.InferOutput<typeof WebhookInputSchema>;
      return webhooksOf(call).createEndpoint(url);
    },
  },
  {
    method: 'GET',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'List webhook endpoints (from the admin API and from --webhook), without their secrets',
    response: WebhookListSchema,
    async handle(call) {
      return { endpoints: await webhooksOf(call).listEndpoints() };
    },
  },
  {
    method: 'DELETE',
    path: '/users/{id}',
    tag: 'Users',
    summary: 'Delete a person: they leave every room, their messages become "deleted user" tombstones, their uploads, blocks and sessions go',
    response: DeletedUserSchema,
    async handle({ server, params, files, endSessions }) {
      const userId = params.id as string;
      const deleted = await server.deleteUser(userId);
      endSessions?.(userId);
      const fileIds = (await files?.filesOfUploader(userId)) ?? [];
      for (const id of fileIds) await files?.remove(id);
      return { ...deleted, files: fileIds.length };
    },
  },
  {
    method: 'POST',
    path: '/announcements',
    tag: 'Messages',
    summary: 'Send one system message to several rooms (at most 100): all of them or none',
    body: AnnouncementInputSchema,
    response: AnnouncementSchema,
    status: 201,
    async handle({ server, body }) {
      const input = body as v.InferOutput<typeof AnnouncementInputSchema>;
      return { messages: await server.announce(input) };
    },
  },
  {
    method: 'DELETE',
    path: '/webhooks/{id}',
    tag: 'Webhooks',
    summary: 'Delete a webhook endpoint made through the admin API, with its queued deliveries',
    response: DeletedWebhookSchema,
    async handle(call) {
      await webhooksOf(call).deleteEndpoint(call.params.id as string);
      return { id: call.params.id as string };
    },
  },
  {
    method: 'GET',
    path: '/webhooks/attempts',
    tag: 'Webhooks',
    summary: 'The delivery log: recent attempts, newest first, with status code or error',
    query: WebhookAttemptQuerySchema,
    response: WebhookAttemptListSchema,
    async handle(call) {
      const { endpointId, limit = 100 } = call.query as v.InferOutput<typeof WebhookAttemptQuerySchema>;
      return { attempts: await webhooksOf(call).listAttempts({ ...(endpointId !== undefined ? { endpointId } : {}), limit }) };
    },
  },
  {
    method: 'GET',
    path: '/stats',
    tag: 'Statistics',
    summary: 'Messages and active people per UTC day for the last `days` days (default 30), and counts of people and rooms',
    query: StatsQuerySchema,
    response: StatsSchema,
    async handle(call) {
      if (!call.stats) throw new ChatError('unavailable', 'Statistics need a host that owns its storage.');
      const { days = 30 } = call.query as v.InferOutput<typeof StatsQuerySchema>;
      return collectStats(call.stats, { days, now: (call.now ?? Date.now)() });
    },
  },
  // Streamed messages (issue #14): a bot without a socket writes its answer piece by piece.
  {
    method: 'POST',
    path: '/rooms/{id}/messages/{messageId}/append',
    tag: 'Messages',
    summary:
      'Append a piece to a streamed message as its author (sent with `streaming`); `offset` is the text\'s length so far, and a piece resent after a failure is taken once',
    body: MessageAppendSchema,
    response: MessageAppendedSchema,
    async handle({ server, params, body }) {
      const { userId, offset, piece } = body as v.InferOutput<typeof MessageAppendSchema>;
      return valueOf(await server.actAs(userId, { type: 'message.append', roomId: params.id as string, messageId: params.messageId as string, offset, piece }));
    },
  },
  {
    method: 'POST',
    path: '/rooms/{id}/messages/{messageId}/finish',
    tag: 'Messages',
    summary: 'Finish a streamed message as its author: it becomes a normal message (not marked edited)',
    body: MessageFinishSchema,
    response: MessageSchema,
    async handle({ server, params, body }) {
      const { userId } = body as v.InferOutput<typeof MessageFinishSchema>;
      return valueOf(await server.actAs(userId, { type: 'message.finish', roomId: params.id as string, messageId: params.messageId as string }));
    },
  },
  // Moderation (issue #13).
  {
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
  },
  {
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
  },
  {
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
  },
  {
    method: 'GET',
    path: '/settings/moderation',
    tag: 'Moderation',
    summary: 'The word filter and the flood limit in effect',
    response: ModerationSettingsSchema,
    async handle(call) {
      return system(call, { type: 'moderation.getSettings' });
    },
  },
  {
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
  },
];
