import { sql, type Generated, type Kysely } from 'kysely';
import type { SqlDatabase } from '../sql/schema';

/**
 * PostgreSQL's own tables, beside the shared schema: what several hosts share that one host
 * keeps in memory. All three hold ephemeral state, so they are UNLOGGED (no WAL; emptied by a
 * crash of PostgreSQL, which also ends every session they count).
 *
 * - `confab_hosts`: one row per running host and when it last said it was alive.
 * - `confab_host_sessions`: open sessions per (host, person), for presence across hosts.
 * - `confab_bus_payloads`: deliveries too large for a NOTIFY payload; the notification names the row.
 *
 * @example
 * const db = new Kysely<PostgresDatabase>({ dialect: new PostgresDialect({ pool }) });
 */
export interface PostgresDatabase extends SqlDatabase {
  confab_hosts: { host_id: string; heartbeat_at: Date };
  confab_host_sessions: { host_id: string; user_id: string; sessions: number };
  confab_bus_payloads: { id: Generated<string>; body: string; created_at: Generated<Date> };
}

/**
 * Creates PostgreSQL's own tables when missing. Hosts may start together: a transaction-level
 * advisory lock makes one of them create, and the others find the tables there.
 *
 * @example
 * await ensurePostgresTables(db);
 */
export async function ensurePostgresTables(db: Kysely<PostgresDatabase>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('confab_postgres_tables'))`.execute(trx);
    await sql`CREATE UNLOGGED TABLE IF NOT EXISTS confab_hosts (
      host_id text COLLATE "C" PRIMARY KEY,
      heartbeat_at timestamptz NOT NULL
    )`.execute(trx);
    await sql`CREATE UNLOGGED TABLE IF NOT EXISTS confab_host_sessions (
      host_id text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL,
      sessions integer NOT NULL,
      PRIMARY KEY (user_id, host_id)
    )`.execute(trx);
    await sql`CREATE UNLOGGED TABLE IF NOT EXISTS confab_bus_payloads (
      id bigserial PRIMARY KEY,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(trx);
  });
}
