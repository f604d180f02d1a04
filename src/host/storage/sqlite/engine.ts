/// <reference types="node" />
import { join, resolve } from 'node:path';
import { ChatError } from '../../../protocol';
import type { Delivery, SyncStorage } from '../../../server';
import type { SqlAccess } from '../sql';
import { createSqlStatements, createSqlTx } from '../sql';
import { createDeliveryFanOut } from './deliveries';
import { storageFailure } from './errors';
import { createSqliteExecutor } from './executor';
import { openSqliteDatabase } from './open';
import { createSessionCounts } from './sessions';

/** The database's file name inside a data folder. */
export const SQLITE_FILE_NAME = 'confab.db';

/**
 * Where and how to keep the SQLite storage. Give `directory` (a data folder, made if missing; the
 * database is `confab.db` inside it, beside whatever else the host keeps there) or `file`.
 *
 * @example
 * const storage = await createSqliteStorage({ directory: './confab-data' });
 */
export interface SqliteStorageOptions {
  /** A data folder: the database is `<directory>/confab.db`. */
  directory?: string;
  /** The database file itself. */
  file?: string;
  /**
   * Default true: every commit is fsynced before the transaction returns (survives kill -9 and
   * power loss). false skips that fsync (`synchronous = NORMAL`): a killed process still loses
   * nothing, a power loss may lose the last commits. For tests and throwaway demos.
   */
  durable?: boolean;
  /** How long a statement waits for a lock held elsewhere before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Refuse to grow the database past this size: writes beyond it fail with ChatError `unavailable`, as on a full disk. */
  maxSizeBytes?: number;
  /** Told when a subscriber throws (the others still receive the deliveries). Default: `console.error`. */
  onListenerError?: (error: unknown) => void;
}

/**
 * A SQLite storage: a synchronous engine that also shares its Kysely (see {@link SqlAccess}) with
 * the host's webhook queue and statistics.
 *
 * @example
 * const storage: SqliteStorage = await createSqliteStorage({ directory: './confab-data' });
 */
export interface SqliteStorage extends SyncStorage, SqlAccess {}

/**
 * The SQLite storage: a synchronous engine over one database file (better-sqlite3), for one host
 * process. Each transaction is `BEGIN IMMEDIATE … COMMIT` with the WAL fsynced at commit, so
 * whatever a transaction returned is on disk; a work that throws is rolled back and leaves
 * nothing. Deliveries wait for COMMIT and then go to this process's subscribers, synchronously,
 * in commit order; a rolled-back transaction's are dropped. Sessions are counted in memory: the
 * file is held exclusively, so a second host on the same file is refused.
 *
 * Resolves once the database is open and its schema up to date; rejects with ChatError
 * `unavailable` and a sentence when it cannot be (not a database, written by a newer
 * confab-server, in use by another process, an unwritable folder).
 *
 * @example
 * const storage = await createSqliteStorage({ directory: process.env.CONFAB_DATA ?? './confab-data' });
 * storage.subscribe((deliveries) => fanOut(deliveries));
 * const room = storage.transaction((tx) => tx.getRoom('general'), { readOnly: true });
 * storage.close();
 */
export async function createSqliteStorage(options: SqliteStorageOptions): Promise<SqliteStorage> {
  const file = databaseFileOf(options);
  const { database, epoch, db } = await openSqliteDatabase(file, {
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    durable: options.durable ?? true,
    ...(options.maxSizeBytes === undefined ? {} : { maxSizeBytes: options.maxSizeBytes }),
  });
  const onListenerError = options.onListenerError ?? ((error: unknown) => console.error(error));
  const fanOut = createDeliveryFanOut(onListenerError);
  const sessions = createSessionCounts();
  const begin = database.prepare('BEGIN IMMEDIATE');
  const beginReadOnly = database.prepare('BEGIN');
  const commit = database.prepare('COMMIT');
  const rollback = database.prepare('ROLLBACK');

  /** The open transaction's own state; undefined between transactions. */
  let current: { pending: Delivery[]; sessions: ReturnType<typeof sessions.changes> } | undefined;
  let closed = false;
  const openTransaction = () => {
    if (current === undefined) throw new ChatError('internal', 'A storage transaction was used after it ended; keep `tx` inside its work.');
    return current;
  };
  // One StorageTx for the engine's life: it reaches the open transaction through `current`, and
  // refuses to run a statement outside one (it would commit on its own).
  const sqlite = createSqliteExecutor(database);
  const tx = createSqlTx(
    createSqlStatements('sqlite'),
    {
      all: (query) => (openTransaction(), sqlite.all(query)),
      run: (query) => (openTransaction(), sqlite.run(query)),
    },
    {
      openSession: (userId) => openTransaction().sessions.open(userId),
      closeSession: (userId) => openTransaction().sessions.close(userId),
      countSessions: (userId) => openTransaction().sessions.current(userId),
      publish: (deliveries) => {
        const { pending } = openTransaction();
        for (const delivery of deliveries) pending.push(delivery);
      },
    },
  );

  return {
    mode: 'sync',
    epoch,
    sql: db,
    sqlDialect: 'sqlite',
    transaction(work, transactionOptions) {
      if (closed) throw new ChatError('unavailable', `The SQLite storage at ${file} is closed.`);
      if (current !== undefined) {
        throw new ChatError('internal', 'A storage transaction was started inside another one; finish the first before starting the next.');
      }
      const state = (current = { pending: [], sessions: sessions.changes() });
      let result: ReturnType<typeof work>;
      try {
        (transactionOptions?.readOnly ? beginReadOnly : begin).run();
        result = work(tx);
        if (isThenable(result)) throw new ChatError('internal', 'A storage transaction’s work must be synchronous; it returned a promise.');
        commit.run();
      } catch (error) {
        if (database.inTransaction) {
          try {
            rollback.run();
          } catch {
            // A failed COMMIT may already have rolled back; the original error says what happened.
          }
        }
        throw storageFailure(file, error);
      } finally {
        current = undefined;
      }
      state.sessions.commit();
      fanOut.deliver(state.pending);
      return result;
    },
    subscribe: (listener) => fanOut.subscribe(listener),
    close() {
      if (closed) return;
      closed = true;
      fanOut.clear();
      database.close();
    },
  };
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The database file named by the options: `file`, or `confab.db` inside `directory`.
 *
 * @example
 * databaseFileOf({ directory: './confab-data' }); // '/abs/path/confab-data/confab.db'
 */
export function databaseFileOf(options: Pick<SqliteStorageOptions, 'file' | 'directory'>): string {
  if ((options.file === undefined) === (options.directory === undefined)) {
    throw new ChatError('invalid', 'Give the SQLite storage either a `directory` (a data folder) or a `file`, not both and not neither.');
  }
  return options.file !== undefined ? resolve(options.file) : join(resolve(options.directory!), SQLITE_FILE_NAME);
}
