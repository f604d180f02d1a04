import type * as v from 'valibot';
import { ChatError } from '../../../protocol';
import type { WebhookDispatcher } from '../../webhooks';
import { WebhookInputSchema, WebhookCreatedSchema, WebhookListSchema, DeletedWebhookSchema, WebhookAttemptQuerySchema, WebhookAttemptListSchema } from '../schemas';
import type { AdminRoute, AdminCall } from './types';

// The host's webhook endpoints and their delivery log.

/** The host's webhooks, or the typed refusal of a host that runs without them. */
function webhooksOf(call: AdminCall): WebhookDispatcher {
  if (!call.webhooks) throw new ChatError('unavailable', 'This host runs without webhooks.');
  return call.webhooks;
}

export const createWebhookRoute: AdminRoute = {
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
};

export const listWebhooksRoute: AdminRoute = {
  method: 'GET',
  path: '/webhooks',
  tag: 'Webhooks',
  summary: 'List webhook endpoints (from the admin API and from --webhook), without their secrets',
  response: WebhookListSchema,
  async handle(call) {
    return { endpoints: await webhooksOf(call).listEndpoints() };
  },
};

export const deleteWebhookRoute: AdminRoute = {
  method: 'DELETE',
  path: '/webhooks/{id}',
  tag: 'Webhooks',
  summary: 'Delete a webhook endpoint made through the admin API, with its queued deliveries',
  response: DeletedWebhookSchema,
  async handle(call) {
    await webhooksOf(call).deleteEndpoint(call.params.id as string);
    return { id: call.params.id as string };
  },
};

export const listWebhookAttemptsRoute: AdminRoute = {
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
};
