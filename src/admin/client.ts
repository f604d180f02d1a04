import type { ChatStatistics, WebhookAttemptInfo, WebhookEndpointInfo } from './webhookTypes';
import { ChatError, ERROR_CODES, type Attachment, type CustomData, type ErrorCode, type Message, type ModerationSettings, type Report, type ReportAction, type Room, type User } from '../protocol';

/**
 * Options of {@link createAdminClient}.
 *
 * @example
 * const admin = createAdminClient({ url: 'https://chat.example.com', adminKey: process.env.CONFAB_ADMIN_KEY! });
 */
export interface AdminClientOptions {
  /** The host's HTTP address, e.g. `https://chat.example.com` (its `/admin/v1` is added). */
  url: string;
  /** The host's admin key (`--admin-key`, `CONFAB_ADMIN_KEY`). Keep it on your servers. */
  adminKey: string;
  /** Default: the global `fetch` (Node 18+). */
  fetch?: typeof globalThis.fetch;
}

/**
 * A page of people; pass `next` as `after` for the following page.
 *
 * @example
 * for (let page = await admin.listUsers(); ; page = await admin.listUsers({ after: page.next })) { … if (!page.next) break; }
 */
export interface UserPage {
  users: User[];
  next?: string;
}

/**
 * A page of a room's messages, as `message.history` answers it.
 *
 * @example
 * const { messages, hasMore } = await admin.listMessages('general', { limit: 50 });
 */
export interface MessagePage {
  messages: Message[];
  range: { from: number; to: number };
  hasMore: boolean;
}

/**
 * A typed client of the admin API, for an app's backend: create people and sign their tokens,
 * manage rooms and members, send and read messages. Every failure is a `ChatError` with the
 * host's sentence. Node 18+ (or any runtime with `fetch`); never ship the admin key to a browser.
 *
 * @example
 * const admin = createAdminClient({ url: 'http://127.0.0.1:8787', adminKey });
 * await admin.upsertUser('ana', { name: 'Ana' });
 * const { token } = await admin.createToken('ana', { ttlSeconds: 3600 });
 */
export interface AdminClient {
  upsertUser(id: string, input: { name: string; avatarUrl?: string; customData?: CustomData; bot?: boolean }): Promise<User>;
  getUser(id: string): Promise<User>;
  listUsers(page?: { after?: string; limit?: number }): Promise<UserPage>;
  createToken(userId: string, options?: { ttlSeconds?: number }): Promise<{ token: string; userId: string; expiresAt: number }>;
  createRoom(input: { id?: string; name: string; kind: 'public' | 'private'; createdBy: string; memberIds?: string[]; customData?: CustomData }): Promise<Room>;
  getRoom(id: string): Promise<Room>;
  updateRoom(id: string, patch: { name?: string; customData?: CustomData }): Promise<Room>;
  deleteRoom(id: string): Promise<{ roomId: string }>;
  addMembers(roomId: string, userIds: string[]): Promise<Room>;
  removeMember(roomId: string, userId: string): Promise<Room>;
  setRole(roomId: string, userId: string, role: 'admin' | 'member'): Promise<Room>;
  sendMessage(
    roomId: string,
    input: { userId: string; text: string; clientId?: string; attachments?: Attachment[]; mentions?: string[]; parentId?: string; customData?: CustomData; streaming?: { requestedBy?: string } },
  ): Promise<Message>;
  /** Appends a piece to a streamed message (sent with `streaming`) as its author; answers the text's length, where the next piece goes. */
  appendToMessage(roomId: string, messageId: string, input: { userId: string; offset: number; piece: string }): Promise<{ length: number }>;
  /** Finishes a streamed message as its author. */
  finishMessage(roomId: string, messageId: string, input: { userId: string }): Promise<Message>;
  listMessages(roomId: string, page?: { before?: number; after?: number; limit?: number }): Promise<MessagePage>;
  /** Edits a message's text as a moderator. */
  editMessage(roomId: string, messageId: string, edit: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message>;
  deleteMessage(roomId: string, messageId: string): Promise<Message>;
  /** Adds a webhook endpoint; keep the answer's `secret` (shown this once) to verify deliveries. */
  createWebhook(url: string): Promise<WebhookEndpointInfo & { secret: string }>;
  listWebhooks(): Promise<{ endpoints: WebhookEndpointInfo[] }>;
  deleteWebhook(id: string): Promise<{ id: string }>;
  /** The delivery log, newest first. */
  listWebhookAttempts(filter?: { endpointId?: string; limit?: number }): Promise<{ attempts: WebhookAttemptInfo[] }>;
  /** Messages and active people per day for the last `days` days (default 30), people and rooms. */
  getStats(options?: { days?: number }): Promise<ChatStatistics>;
  /** Streams an export (everything, or `{ roomId }`, or `{ userId }`) as NDJSON lines, each without its newline. */
  exportData(scope?: { roomId?: string; userId?: string }): AsyncIterable<string>;
  /** Imports NDJSON (a string, or chunks of it) into an empty server. */
  importData(ndjson: string | AsyncIterable<string | Uint8Array>): Promise<ImportResult>;
  /** Deletes a person (their messages become "deleted user" tombstones; uploads, blocks and sessions go). */
  deleteUser(id: string): Promise<{ userId: string; rooms: number; messages: number; files: number }>;
  /** Sends one system message to several rooms (at most 100). */
  announce(input: { text: string; roomIds: string[]; clientId?: string; customData?: CustomData }): Promise<{ messages: Message[] }>;
  // Moderation (issue #13).
  /** Makes a person a site moderator, or a plain user again. */
  setSiteRole(userId: string, role: 'moderator' | 'user'): Promise<User>;
  /** Open reports, oldest first (of one room with `roomId`), each with the reported message in context. */
  listReports(filter?: { roomId?: string }): Promise<{ reports: Report[] }>;
  /** Resolves a report: dismiss it, delete the message, or mute or ban its author (for `durationMs`, or for good). */
  resolveReport(roomId: string, reportId: string, resolution: { action: ReportAction; durationMs?: number; reason?: string }): Promise<Report>;
  /** The word filter and the flood limit in effect. */
  getModerationSettings(): Promise<ModerationSettings>;
  /** Changes the word filter and/or the flood limit, at once and for good (a field left out stays). */
  setModerationSettings(settings: Partial<ModerationSettings>): Promise<ModerationSettings>;
}

/**
 * What an import stored.
 *
 * @example
 * const { users, rooms, messages } = await admin.importData(await readFile('dump.ndjson', 'utf8'));
 */
export interface ImportResult {
  users: number;
  rooms: number;
  messages: number;
  blocks: number;
  directPairs: number;
  records: number;
}

function errorOf(status: number, body: unknown): ChatError {
  const inner = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof inner?.code === 'string' && (ERROR_CODES as readonly string[]).includes(inner.code) ? (inner.code as ErrorCode) : status >= 500 ? 'internal' : 'invalid';
  const message = typeof inner?.message === 'string' ? inner.message : `The admin API answered ${status}.`;
  return new ChatError(code, message);
}

/** A request body that reads the next chunk only when fetch asks for it (a large import is never all in memory). */
function streamOf(chunks: AsyncIterator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
  });
}

/**
 * Makes an {@link AdminClient}.
 *
 * @example
 * const admin = createAdminClient({ url: process.env.CONFAB_URL!, adminKey: process.env.CONFAB_ADMIN_KEY! });
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const base = `${options.url.replace(/\/+$/, '')}/admin/v1`;
  const fetcher = options.fetch ?? globalThis.fetch;
  const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

  async function send(method: string, route: string, init: { body?: BodyInit; contentType?: string; query?: Record<string, string | number | undefined> } = {}): Promise<Response> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== undefined) search.set(key, String(value));
    const url = `${base}/${route}${search.size > 0 ? `?${search}` : ''}`;
    try {
      return await fetcher(url, {
        method,
        headers: { authorization: `Bearer ${options.adminKey}`, ...(init.contentType !== undefined ? { 'content-type': init.contentType } : {}) },
        ...(init.body !== undefined ? { body: init.body } : {}),
        // A streamed body (an import) needs half-duplex in Node's fetch.
        ...(init.body !== undefined && typeof init.body !== 'string' ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      throw new ChatError('unavailable', `The host at ${options.url} could not be reached.`, { cause: error });
    }
  }

  async function call<T>(method: string, route: string, body?: unknown, query?: Record<string, string | number | undefined>): Promise<T> {
    const response = await send(method, route, { ...(body !== undefined ? { body: JSON.stringify(body), contentType: 'application/json' } : {}), ...(query ? { query } : {}) });
    return parse<T>(response);
  }

  async function parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ChatError('internal', `The host answered ${response.status} with something that is not JSON.`);
    }
    if (!response.ok) throw errorOf(response.status, json);
    return json as T;
  }

  return {
    upsertUser: (id, input) => call('PUT', path('users', id), input),
    getUser: (id) => call('GET', path('users', id)),
    listUsers: (page = {}) => call('GET', 'users', undefined, { after: page.after, limit: page.limit }),
    createToken: (userId, tokenOptions = {}) => call('POST', path('users', userId, 'tokens'), tokenOptions),
    createRoom: (input) => call('POST', 'rooms', input),
    getRoom: (id) => call('GET', path('rooms', id)),
    updateRoom: (id, patch) => call('PATCH', path('rooms', id), patch),
    deleteRoom: (id) => call('DELETE', path('rooms', id)),
    addMembers: (roomId, userIds) => call('POST', path('rooms', roomId, 'members'), { userIds }),
    removeMember: (roomId, userId) => call('DELETE', path('rooms', roomId, 'members', userId)),
    setRole: (roomId, userId, role) => call('PUT', path('rooms', roomId, 'members', userId), { role }),
    sendMessage: (roomId, input) => call('POST', path('rooms', roomId, 'messages'), input),
    listMessages: (roomId, page = {}) => call('GET', path('rooms', roomId, 'messages'), undefined, page),
    editMessage: (roomId, messageId, edit) => call('PATCH', path('rooms', roomId, 'messages', messageId), edit),
    deleteMessage: (roomId, messageId) => call('DELETE', path('rooms', roomId, 'messages', messageId)),
    appendToMessage: (roomId, messageId, input) => call('POST', path('rooms', roomId, 'messages', messageId, 'append'), input),
    finishMessage: (roomId, messageId, input) => call('POST', path('rooms', roomId, 'messages', messageId, 'finish'), input),
    async *exportData(scope = {}) {
      const response = await send('GET', 'export', { query: { roomId: scope.roomId, userId: scope.userId } });
      if (!response.ok || !response.body) {
        await parse(response);
        return;
      }
      const decoder = new TextDecoder();
      let pending = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        pending += decoder.decode(chunk, { stream: true });
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        yield* lines.filter((line) => line !== '');
      }
      pending += decoder.decode();
      if (pending !== '') yield pending;
    },
    async importData(ndjson) {
      const body: BodyInit =
        typeof ndjson === 'string'
          ? ndjson
          : streamOf(ndjson[Symbol.asyncIterator]());
      return parse(await send('POST', 'import', { body, contentType: 'application/x-ndjson' }));
    },
    deleteUser: (id) => call('DELETE', path('users', id)),
    announce: (input) => call('POST', 'announcements', input),
    createWebhook: (url) => call('POST', 'webhooks', { url }),
    listWebhooks: () => call('GET', 'webhooks'),
    deleteWebhook: (id) => call('DELETE', path('webhooks', id)),
    listWebhookAttempts: (filter = {}) => call('GET', 'webhooks/attempts', undefined, { endpointId: filter.endpointId, limit: filter.limit }),
    getStats: (statsOptions = {}) => call('GET', 'stats', undefined, { days: statsOptions.days }),
    setSiteRole: (userId, role) => call('PUT', path('users', userId, 'role'), { role }),
    listReports: (filter = {}) => call('GET', 'reports', undefined, { roomId: filter.roomId }),
    resolveReport: (roomId, reportId, resolution) => call('POST', path('rooms', roomId, 'reports', reportId, 'resolve'), resolution),
    getModerationSettings: () => call('GET', 'settings/moderation'),
    setModerationSettings: (settings) => call('PUT', 'settings/moderation', settings),
  };
}
