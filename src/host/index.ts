/**
 * The Node host of the reference server: HTTP and a WebSocket endpoint, HS256 tokens, origin
 * checks, heartbeats, dev tokens and a seeded demo, and the `confab-server` command. Node only.
 *
 * @packageDocumentation
 * @module confab/host
 */
export { createHost, CLOSE_CODES, type Backpressure, type Host, type HostOptions, type HostRoute, type HostRouteContext, type HandledRequest } from './host';
export { signToken, verifyToken, authenticateRequest, tokenOfRequest, isExpiredTokenError, type VerifiedToken } from './auth';
export { seedDemo, DEMO_PEOPLE } from './demo';
export { runCli, parseCliOptions } from './cli';
export {
  createUploadHandler,
  createDiskFileStore,
  createMemoryFileStore,
  watchFileLifecycle,
  type FileStore,
  type StoredFileInfo,
  type UploadHandler,
  type UploadHandlerOptions,
} from './uploads';
export { createAdminRoute, buildOpenApiDocument, ADMIN_ROUTES, ADMIN_PREFIX, type AdminRoute, type AdminRouteOptions } from './admin';
export { openStorage, type CliOptions, type StorageChoice } from './cli';
export { createSqliteStorage, type SqliteStorageOptions } from './storage/sqlite';
export { createPostgresStorage, type PostgresStorageOptions } from './storage/postgres';
export {
  createWebhookDispatcher,
  createMemoryWebhookStore,
  createSqlWebhookStore,
  webhookEventsOf,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookEndpoint,
  type WebhookEndpointView,
  type WebhookAttempt,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookStore,
  type QueuedWebhook,
} from './webhooks';
export { collectStats, createSqlStatsSource, createStorageStatsSource, type ChatStats, type StatsSource } from './stats';
export type { HostMetrics, HostMetricsOptions } from './metrics';
export { sqlAccessOf, type SqlAccess } from './storage/sql/access';
// Link previews: ipaddr.js and htmlparser2 (optional peers) load only when a link is first fetched.
export { createLinkUnfurler, type LinkPreviewOptions, type LinkUnfurlerContext, type NodeLinkUnfurler } from './previews/unfurler';
export type { AddressPolicy, AddressPolicyOptions } from './previews/addressPolicy';
