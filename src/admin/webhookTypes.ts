/**
 * A webhook endpoint as the admin API lists it (never its secret; `secretHint` is its start).
 *
 * @example
 * const { endpoints } = await admin.listWebhooks();
 */
export interface WebhookEndpointInfo {
  id: string;
  url: string;
  createdAt: number;
  /** `api`: made through the admin API; `config`: from `--webhook`. */
  source: 'api' | 'config';
  secretHint: string;
}

/**
 * One delivery attempt in the log: the HTTP status when the endpoint answered, the error when it
 * did not, and what became of the delivery.
 *
 * @example
 * const { attempts } = await admin.listWebhookAttempts({ limit: 20 });
 */
export interface WebhookAttemptInfo {
  id: string;
  deliveryId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  at: number;
  status?: number;
  error?: string;
  durationMs: number;
  outcome: 'delivered' | 'retrying' | 'failed';
}

/**
 * What `GET /admin/v1/stats` answers: messages and distinct authors per UTC day (oldest first,
 * today last), and counts of people and rooms.
 *
 * @example
 * const { days, rooms } = await admin.getStats({ days: 7 });
 */
export interface ChatStatistics {
  days: { date: string; messages: number; activeUsers: number }[];
  users: number;
  rooms: { total: number; public: number; private: number; direct: number };
}
