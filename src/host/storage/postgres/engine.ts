import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import type { PoolClient } from 'pg';
import { ChatError } from '../../../protocol';
import type { AsyncStorage, Delivery, StorageTx, TransactionOptions } from '../../../server';
import { migrateSqlDatabase } from '../sql/migrations';
import type { SqlAccess } from '../sql/access';
import type { SqlDatabase } from '../sql/schema';
import { PostgresBus } from './bus';
import { isConnectionError, isRetryable, unavailableError } from './errors';
import { HostHeartbeat } from './hosts';
import { PostgresConnection } from './connection';
import { loadMiss } from './loads';
import { LoadedState, MissSignal, TransactionOverlay, type Miss } from './overlay';
import { ensurePostgresTables, type PostgresDatabase } from './tables';
import { writeStatements } from './writes';

/**
 * Options of the PostgreSQL storage.
 *
 * @example
 * const storage = await createPostgresStorage({ url: 'postgres://confab@db.internal/confab', hostId: 'host-a' });
 */
export interface PostgresStorageOptions {
  /** A libpq connection URL: postgres://user:password@host:port/database. */
  url: string;
  /** Names this host among the hosts of one database (sessions, the bus). Default: a random id. */
  hostId?: string;
  /** Connections in the pool, besides the one that listens. Default 10. */
  poolSize?: number;
  /** A host whose heartbeat is older than this stops counting its sessions. Default 5000 ms. */
  liveWithinMs?: number;
  /** Times a transaction runs again after a deadlock, serialization failure or unique violation. Default 8. */
  maxAttempts?: number;
}

/** Reruns of the work inside one transaction before it is treated as a bug (each loads something new). */
const MAX_LOADS_PER_TRANSACTION = 10_000;

/** The URL without its password, for error messages and logs. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the configured PostgreSQL';
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A PostgreSQL storage: an asynchronous engine that also shares its Kysely (see {@link SqlAccess})
 * with the host's webhook queue and statistics.
 *
 * @example
 * const storage: PostgresStorage = await createPostgresStorage({ url: process.env.CONFAB_POSTGRES_URL! });
 */
export interface PostgresStorage extends AsyncStorage, SqlAccess {}

/**
 * The storage for several hosts on one PostgreSQL database (`confab-server --postgres <url>`).
 *
 * A transaction runs the server's synchronous rules against an overlay of what it has loaded.
 * When the rules read something not loaded yet, the overlay throws a private miss; the engine
 * loads that in the open transaction (room rows `SELECT … FOR UPDATE` unless the transaction only
 * reads, so one room's sequence is decided by one transaction at a time on every host) and runs
 * the rules again from the start, with the failed attempt's writes dropped. When they finish, the
 * recorded writes go out as SQL, the deliveries as `pg_notify`, and the transaction commits.
 * Deadlocks, serialization failures and unique violations (a client id or sequence taken by a
 * transaction on another host) run the whole transaction again, a bounded number of times.
 *
 * Events reach every host's subscribers through LISTEN/NOTIFY in commit order; sessions are
 * counted across hosts in confab_host_sessions, each host keeping a heartbeat.
 *
 * If PostgreSQL cannot be reached, transactions reject with ChatError `unavailable` and nothing
 * is acknowledged; the pool and the listener reconnect when it is back.
 *
 * @example
 * const storage = await createPostgresStorage({ url: process.env.CONFAB_POSTGRES_URL! });
 * storage.subscribe((deliveries) => deliver(deliveries));
 * const room = await storage.transaction((tx) => tx.getRoom('general'), { readOnly: true });
 * await storage.close();
 */
export async function createPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  const where = describeUrl(options.url);
  const hostId = options.hostId ?? randomUUID();
  const liveWithinMs = options.liveWithinMs ?? 5000;
  const maxAttempts = options.maxAttempts ?? 8;

  // pg is an optional peer: loaded here, so `confab-chat/host` imports without it.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // A dropped connection is reported as an 'error' event: by the pool for idle clients, by the
  // client itself while checked out. Either way the query in flight rejects and the pool drops
  // the client on release; the events only must not end the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<PostgresDatabase>({ dialect: new PostgresDialect({ pool }) });
  // The shared SQL code (migrations, the webhook queue, statistics) sees the tables both engines
  // have. PostgresDatabase has all of them and a few more, but Kysely's types are invariant in
  // the schema, so the classic TypeScript compiler (typedoc) wants the view spelled out.
  const sqlDb = db as unknown as Kysely<SqlDatabase>;

  const listeners = new Set<(deliveries: readonly Delivery[]) => void>();
  const receive = (deliveries: readonly Delivery[]) => {
    for (const listener of [...listeners]) {
      try {
        listener(deliveries);
      } catch {
        // One subscriber's failure must not keep the others from their events.
      }
    }
  };
  const bus = new PostgresBus({ connection: { connectionString: options.url }, Client: pg.Client, hostId, receive });
  const heartbeat = new HostHeartbeat(db, { hostId, liveWithinMs });

  let epoch: string;
  try {
    await migrateSqlDatabase(sqlDb, 'postgres', where);
    await ensurePostgresTables(db);
    const row = await db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow();
    epoch = row.value;
    await heartbeat.start();
    await bus.start();
  } catch (error) {
    await bus.stop();
    await db.destroy().catch(() => undefined);
    if (error instanceof ChatError) throw error;
    if (isConnectionError(error)) throw unavailableError(`The database at ${where} is not reachable (${(error as Error).message}).`, error);
    throw error;
  }

  let closed = false;

  /**
   * Runs the work until it stops missing, loading each miss through `connection`, and answers its
   * result with the overlay it finished on.
   */
  async function runWork<T>(work: (tx: StorageTx) => T, connection: PostgresConnection, lock: boolean): Promise<{ result: T; overlay: TransactionOverlay }> {
    const loaded = new LoadedState();
    for (let loads = 0; loads < MAX_LOADS_PER_TRANSACTION; loads++) {
      const overlay = new TransactionOverlay(loaded);
      let miss: Miss | undefined;
      let result: T | undefined;
      try {
        result = work(overlay);
        miss = overlay.missed;
      } catch (error) {
        miss = overlay.missed ?? (error instanceof MissSignal ? error.miss : undefined);
        if (!miss) throw error;
      }
      if (!miss) return { result: result as T, overlay };
      await loadMiss(connection, miss, loaded, { lock, liveWithinMs, hostId });
    }
    throw new ChatError('internal', `A storage transaction read more than ${MAX_LOADS_PER_TRANSACTION} things one by one; nothing was stored.`);
  }

  /** Runs `use` on a pooled connection; a connection that failed is dropped rather than reused. */
  async function withConnection<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let failed = false;
    try {
      return await use(client);
    } catch (error) {
      failed = isConnectionError(error);
      throw error;
    } finally {
      client.release(failed);
    }
  }

  /**
   * A read-only work runs without BEGIN/COMMIT: each load is one statement (or one batch), seeing
   * what was committed when it ran (as every statement of a READ COMMITTED transaction does), and
   * its deliveries (typing) go out at once. Two round trips fewer for every history page.
   */
  async function readOnlyAttempt<T>(work: (tx: StorageTx) => T): Promise<T> {
    const outcome = await withConnection(async (client) => {
      const connection = new PostgresConnection(client);
      const { result, overlay } = await runWork(work, connection, false);
      // A work marked read-only that writes after all runs again as a transaction that may write.
      if (overlay.writes.length > 0) return { rerun: true as const };
      if (overlay.deliveries.length > 0) {
        const { token, statement } = bus.prepare(overlay.deliveries);
        try {
          await connection.all(statement);
        } catch (error) {
          bus.forget(token);
          throw error;
        }
        await bus.arrived(token);
      }
      return { rerun: false as const, result };
    });
    return outcome.rerun ? attempt(work) : outcome.result;
  }

  /**
   * A transaction that may write: BEGIN goes out with its first load, and its writes, its
   * notification and COMMIT go out together in one round trip at the end.
   */
  async function attempt<T>(work: (tx: StorageTx) => T): Promise<T> {
    return withConnection(async (client) => {
      const connection = new PostgresConnection(client, { begin: 'BEGIN ISOLATION LEVEL READ COMMITTED' });
      let token: number | undefined;
      let committed = false;
      try {
        const { result, overlay } = await runWork(work, connection, true);
        const statements = writeStatements(overlay.writes, hostId);
        if (overlay.deliveries.length > 0) {
          const prepared = bus.prepare(overlay.deliveries);
          token = prepared.token;
          statements.push(prepared.statement);
        }
        if (statements.length > 0 || connection.begun) await connection.batch(statements, ['COMMIT']);
        committed = true;
        if (token !== undefined) await bus.arrived(token);
        return result;
      } catch (error) {
        if (token !== undefined) bus.forget(token);
        if (!committed && connection.begun) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  return {
    mode: 'async',
    epoch,
    // The host's webhook queue and statistics use the same pool (see SqlAccess).
    sql: sqlDb,
    sqlDialect: 'postgres',
    async transaction<T>(work: (tx: StorageTx) => T, transactionOptions?: TransactionOptions): Promise<T> {
      if (closed) throw unavailableError('This storage was closed; nothing was stored.');
      const readOnly = transactionOptions?.readOnly === true;
      for (let attemptNumber = 1; ; attemptNumber++) {
        try {
          return await (readOnly ? readOnlyAttempt(work) : attempt(work));
        } catch (error) {
          if (error instanceof ChatError) throw error;
          if (isConnectionError(error) || closed) throw unavailableError('The database is not reachable; nothing was stored.', error);
          if (!isRetryable(error)) throw error;
          if (attemptNumber >= maxAttempts) {
            throw new ChatError('unavailable', `The database kept refusing this change (${(error as Error).message}) ${maxAttempts} times; nothing was stored, try again.`, { cause: error });
          }
          // Contending transactions retry at slightly different moments.
          await delay(Math.random() * 5 * attemptNumber);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await bus.stop();
      await heartbeat.stop().catch(() => undefined);
      await db.destroy().catch(() => undefined);
    },
  };
}
