import type { WebhookAttemptInfo } from '../../admin';

/**
 * A webhook endpoint: where events are POSTed and the secret they are signed with.
 * `source` tells endpoints made through the admin API (kept in storage) from those of
 * `--webhook` (configuration, signed with `--webhook-secret`).
 *
 * @example
 * const endpoint: WebhookEndpoint = { id: 'wh_1', url: 'https://app.example.com/hooks', secret: 'whsec_…', createdAt: 0, source: 'api' };
 */
export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  createdAt: number;
  source: 'api' | 'config';
}

/**
 * One event queued for one endpoint. It stays `pending` until the endpoint answers 2xx
 * (`delivered`) or a day of retries has passed (`failed`).
 *
 * @example
 * const queued: QueuedWebhook = { id: 'whd_1', endpointId: 'wh_1', eventId: 'evt_1', eventType: 'message.created', body: '{…}', attempts: 0, nextAttemptAt: 0, createdAt: 0, state: 'pending' };
 */
export interface QueuedWebhook {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  body: string;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  state: 'pending' | 'delivered' | 'failed';
}

/**
 * One attempt to deliver, for the delivery log: the HTTP status when there was an answer, the
 * error when there was none (timeout, refused connection), and what became of the delivery.
 *
 * @example
 * const attempt: WebhookAttempt = { id: 'wha_1', deliveryId: 'whd_1', endpointId: 'wh_1', eventId: 'evt_1', eventType: 'message.created', attempt: 1, at: 0, status: 500, durationMs: 12, outcome: 'retrying' };
 */
// The same record the admin API answers with: one definition, in the admin client's types.
export type WebhookAttempt = WebhookAttemptInfo;

/**
 * Where webhooks are kept: the endpoints made through the admin API, the durable queue, and the
 * delivery log. Memory (`createMemoryWebhookStore`) beside a memory storage; SQL
 * (`createSqlWebhookStore`) beside SQLite and PostgreSQL, in the same database, so deliveries
 * survive a restart.
 *
 * @example
 * const store = createMemoryWebhookStore();
 * await store.enqueue([{ id: 'whd_1', endpointId: 'wh_1', eventId: 'evt_1', eventType: 'message.created', body, attempts: 0, nextAttemptAt: now, createdAt: now, state: 'pending' }]);
 * const due = await store.claim('wh_1', { now, limit: 4, leaseMs: 30_000 });
 */
export interface WebhookStore {
  putEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  listEndpoints(): Promise<WebhookEndpoint[]>;
  /** Deletes the endpoint with its queued deliveries; answers whether it existed. */
  deleteEndpoint(id: string): Promise<boolean>;
  /** Queues deliveries; one already queued for the same endpoint and event is left as it is (hosts sharing a database queue an event once). */
  enqueue(items: readonly QueuedWebhook[]): Promise<void>;
  /**
   * Takes up to `limit` pending deliveries of an endpoint that are due, oldest first, and leases
   * them for `leaseMs` (another host, or this one after a crash, takes them again once it ends).
   */
  claim(endpointId: string, options: { now: number; limit: number; leaseMs: number }): Promise<QueuedWebhook[]>;
  /** Records the end of an attempt: delivered, failed for good, or pending again from `nextAttemptAt`. */
  settle(id: string, change: { state: QueuedWebhook['state']; attempts: number; nextAttemptAt: number }): Promise<void>;
  recordAttempt(attempt: WebhookAttempt): Promise<void>;
  /** The newest attempts first, of one endpoint or all. */
  listAttempts(filter: { endpointId?: string; limit: number }): Promise<WebhookAttempt[]>;
  /** Pending deliveries of these endpoints (the queue depth). */
  depth(endpointIds: readonly string[]): Promise<number>;
  /** Forgets delivered and failed deliveries, and attempts, older than `before`. */
  prune(before: number): Promise<void>;
}

/**
 * A {@link WebhookStore} in memory: beside a memory storage, where nothing outlives the process.
 *
 * @example
 * const store = createMemoryWebhookStore();
 */
export function createMemoryWebhookStore(): WebhookStore {
  const endpoints = new Map<string, WebhookEndpoint>();
  const queue = new Map<string, QueuedWebhook & { leaseUntil: number }>();
  const keys = new Set<string>();
  let attempts: WebhookAttempt[] = [];
  return {
    async putEndpoint(endpoint) {
      endpoints.set(endpoint.id, { ...endpoint });
    },
    async listEndpoints() {
      return [...endpoints.values()].map((endpoint) => ({ ...endpoint }));
    },
    async deleteEndpoint(id) {
      for (const [key, item] of queue) {
        if (item.endpointId !== id) continue;
        queue.delete(key);
        keys.delete(`${item.endpointId}\n${item.eventId}`);
      }
      return endpoints.delete(id);
    },
    async enqueue(items) {
      for (const item of items) {
        const key = `${item.endpointId}\n${item.eventId}`;
        if (keys.has(key)) continue;
        keys.add(key);
        queue.set(item.id, { ...item, leaseUntil: 0 });
      }
    },
    async claim(endpointId, { now, limit, leaseMs }) {
      const due = [...queue.values()]
        .filter((item) => item.endpointId === endpointId && item.state === 'pending' && item.nextAttemptAt <= now && item.leaseUntil <= now)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt)
        .slice(0, limit);
      return due.map((item) => {
        item.leaseUntil = now + leaseMs;
        const { leaseUntil: _lease, ...copy } = item;
        return copy;
      });
    },
    async settle(id, change) {
      const item = queue.get(id);
      if (item) Object.assign(item, change, { leaseUntil: 0 });
    },
    async recordAttempt(attempt) {
      attempts.push({ ...attempt });
    },
    async listAttempts({ endpointId, limit }) {
      const out: WebhookAttempt[] = [];
      for (let index = attempts.length - 1; index >= 0 && out.length < limit; index--) {
        const attempt = attempts[index] as WebhookAttempt;
        if (endpointId === undefined || attempt.endpointId === endpointId) out.push({ ...attempt });
      }
      return out;
    },
    async depth(endpointIds) {
      const wanted = new Set(endpointIds);
      let count = 0;
      for (const item of queue.values()) if (item.state === 'pending' && wanted.has(item.endpointId)) count++;
      return count;
    },
    async prune(before) {
      for (const [key, item] of queue) {
        if (item.state !== 'pending' && item.createdAt < before) {
          queue.delete(key);
          keys.delete(`${item.endpointId}\n${item.eventId}`);
        }
      }
      attempts = attempts.filter((attempt) => attempt.at >= before);
    },
  };
}
