/**
 * A typed Node client of the Confab host's admin API (`/admin/v1`), for an app's backend: people
 * and their tokens, rooms and members, messages. Server-to-server only: the admin key must never
 * reach a browser.
 *
 * @packageDocumentation
 */
export { createAdminClient, type AdminClient, type AdminClientOptions, type ImportResult, type MessagePage, type UserPage } from './client';
export { verifyWebhookSignature, signWebhookBody, WEBHOOK_SIGNATURE_HEADER, type WebhookSignatureCheck } from './signature';
export type { ChatStatistics, WebhookAttemptInfo, WebhookEndpointInfo } from './webhookTypes';
