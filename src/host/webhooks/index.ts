export { createWebhookDispatcher, checkWebhookUrl, retryDelay, type WebhookDispatcher, type WebhookDispatcherOptions, type WebhookEndpointView } from './dispatcher';
export { createMemoryWebhookStore, type QueuedWebhook, type WebhookAttempt, type WebhookEndpoint, type WebhookStore } from './store';
export { createSqlWebhookStore } from './sqlStore';
export { webhookEventsOf, offlineNotifications, webhookEventId, type WebhookEvent, type WebhookEventData, type WebhookEventType, type NotificationCandidate } from './events';
