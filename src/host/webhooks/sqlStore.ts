import { sql, type Kysely } from 'kysely';
import type { BigIntColumn, SqlAccess } from '../storage/sql';
import type { QueuedWebhook, WebhookAttempt, WebhookEndpoint, WebhookStore } from './store';

/** The tables of migration 0002_webhooks, as Kysely sees them. */
type WebhookTables = {
  webhook_endpoints: { id: string; url: string; secret: string; created_at: BigIntColumn };
  webhook_queue: {
    id: string;
    endpoint_id: string;
    event_id: string;
    event_type: string;
    body: string;
    state: QueuedWebhook['state'];
    attempts: number;
    next_attempt_at: BigIntColumn;
    lease_until: BigIntColumn;
    created_at: BigIntColumn;
  };
  webhook_attempts: {
    id: string;
    delivery_id: string;
    endpoint_id: string;
    event_id: string;
    event_type: string;
    attempt: number;
    at: BigIntColumn;
    status: number | null;
    error: string | null;
    duration_ms: number;
    outcome: WebhookAttempt['outcome'];
  };
};

type QueueRow = WebhookTables['webhook_queue'];
type AttemptRow = WebhookTables['webhook_attempts'];

function queuedOf(row: QueueRow): QueuedWebhook {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    body: row.body,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    createdAt: Number(row.created_at),
  };
}

function attemptOf(row: AttemptRow): WebhookAttempt {
  const attempt: WebhookAttempt = {
    id: row.id,
    deliveryId: row.delivery_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: Number(row.attempt),
    at: Number(row.at),
    durationMs: Number(row.duration_ms),
    outcome: row.outcome,
  };
  if (row.status !== null) attempt.status = Number(row.status);
  if (row.error !== null) attempt.error = row.error;
  return attempt;
}

/**
 * A {@link WebhookStore} in the storage's own SQL database (SQLite or PostgreSQL, tables of
 * migration 0002_webhooks), reached through the engine's {@link SqlAccess}: deliveries survive a
 * restart, and hosts sharing a PostgreSQL database share one queue (an event is queued once per
 * endpoint; a claim leases a delivery so one host sends it). Every method is one statement, so it
 * never holds the SQLite connection across an await.
 *
 * @example
 * const store = createSqlWebhookStore(sqlAccessOf(storage)!);
 */
export function createSqlWebhookStore(access: SqlAccess): WebhookStore {
  const db = access.sql.withTables<WebhookTables>() as unknown as Kysely<WebhookTables>;
  return {
    async putEndpoint(endpoint) {
      await db
        .insertInto('webhook_endpoints')
        .values({ id: endpoint.id, url: endpoint.url, secret: endpoint.secret, created_at: endpoint.createdAt })
        .onConflict((conflict) => conflict.column('id').doUpdateSet({ url: endpoint.url, secret: endpoint.secret }))
        .execute();
    },
    async listEndpoints() {
      const rows = await db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map((row): WebhookEndpoint => ({ id: row.id, url: row.url, secret: row.secret, createdAt: Number(row.created_at), source: 'api' }));
    },
    async deleteEndpoint(id) {
      await db.deleteFrom('webhook_queue').where('endpoint_id', '=', id).where('state', '=', 'pending').execute();
      const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async enqueue(items) {
      if (items.length === 0) return;
      await db
        .insertInto('webhook_queue')
        .values(
          items.map((item) => ({
            id: item.id,
            endpoint_id: item.endpointId,
            event_id: item.eventId,
            event_type: item.eventType,
            body: item.body,
            state: item.state,
            attempts: item.attempts,
            next_attempt_at: item.nextAttemptAt,
            lease_until: 0,
            created_at: item.createdAt,
          })),
        )
        .onConflict((conflict) => conflict.columns(['endpoint_id', 'event_id']).doNothing())
        .execute();
    },
    async claim(endpointId, { now, limit, leaseMs }) {
      // The conditions are repeated outside the subquery: under PostgreSQL's read committed, a
      // row another host leased meanwhile is re-checked against them and skipped.
      const rows = await db
        .updateTable('webhook_queue')
        .set({ lease_until: now + leaseMs })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('webhook_queue')
            .select('id')
            .where('endpoint_id', '=', endpointId)
            .where('state', '=', 'pending')
            .where('next_attempt_at', '<=', now)
            .where('lease_until', '<=', now)
            .orderBy('next_attempt_at')
            .orderBy('created_at')
            .limit(limit),
        )
        .where('state', '=', 'pending')
        .where('lease_until', '<=', now)
        .returningAll()
        .execute();
      return rows.map(queuedOf).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
    },
    async settle(id, change) {
      await db
        .updateTable('webhook_queue')
        .set({ state: change.state, attempts: change.attempts, next_attempt_at: change.nextAttemptAt, lease_until: 0 })
        .where('id', '=', id)
        .execute();
    },
    async recordAttempt(attempt) {
      await db
        .insertInto('webhook_attempts')
        .values({
          id: attempt.id,
          delivery_id: attempt.deliveryId,
          endpoint_id: attempt.endpointId,
          event_id: attempt.eventId,
          event_type: attempt.eventType,
          attempt: attempt.attempt,
          at: attempt.at,
          status: attempt.status ?? null,
          error: attempt.error ?? null,
          duration_ms: Math.round(attempt.durationMs),
          outcome: attempt.outcome,
        })
        .execute();
    },
    async listAttempts({ endpointId, limit }) {
      let query = db.selectFrom('webhook_attempts').selectAll();
      if (endpointId !== undefined) query = query.where('endpoint_id', '=', endpointId);
      const rows = await query.orderBy('at', 'desc').orderBy('attempt', 'desc').limit(limit).execute();
      return rows.map(attemptOf);
    },
    async depth(endpointIds) {
      if (endpointIds.length === 0) return 0;
      const row = await db
        .selectFrom('webhook_queue')
        .select(sql<number | string>`count(*)`.as('count'))
        .where('state', '=', 'pending')
        .where('endpoint_id', 'in', [...endpointIds])
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
    async prune(before) {
      await db.deleteFrom('webhook_queue').where('state', '<>', 'pending').where('created_at', '<', before).execute();
      await db.deleteFrom('webhook_attempts').where('at', '<', before).execute();
    },
  };
}
