/// <reference types="node" />
import { join, resolve } from 'node:path';
import { ChatError } from '../../../protocol';
import type { Delivery, SyncStorage } from '../../../server';
import { createSqlStatements, createSqlTx } from '../sql';
import { storageFailure } from './errors';
import { createSqliteExecutor } from './executor';
import { openSqliteDatabase } from './open';

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
  /** How long a statement waits for a lock held elsewhere before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Refuse to grow the database past this size: writes beyond it fail with ChatError `unavailable`, as on a full disk. */
  maxSizeBytes?: number;
  /** Told when a subscriber throws (the others still receive the deliveries). Default: `console.error`. */
  onListenerError?: (error: unknown) => void;
}

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
export async function createSqliteStorage(options: SqliteStorageOptions): Promise<SyncStorage> {
  const file = databaseFileOf(options);
  const { database, epoch } = await openSqliteDatabase(file, {
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    ...(options.maxSizeBytes === undefined ? {} : { maxSizeBytes: options.maxSizeBytes }),
  });
  const statements = createSqlStatements('sqlite');
  const executor = createSqliteExecutor(database);
  const onListenerError = options.onListenerError ?? ((error: unknown) => console.error(error));
  const begin = database.prepare('BEGIN IMMEDIATE');
  const beginReadOnly = database.prepare('BEGIN');
  const commit = database.prepare('COMMIT');
  const rollback = database.prepare('ROLLBACK');

  const listeners = new Set<(deliveries: readonly Delivery[]) => void>();
  const sessions = new Map<string, number>();
  let closed = false;
  let inTransaction = false;

  // Deliveries of transactions committed while subscribers are still busy with earlier ones (a
  // subscriber that runs a transaction) wait their turn: every subscriber sees commit order.
  const queue: (readonly Delivery[])[] = [];
  let delivering = false;
  const deliver = (deliveries: readonly Delivery[]) => {
    if (deliveries.length === 0) return;
    queue.push(deliveries);
    if (delivering) return;
    delivering = true;
    try {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        for (const listener of [...listeners]) {
          try {
            listener(next);
          } catch (error) {
            onListenerError(error);
          }
        }
      }
    } finally {
      delivering = false;
    }
  };

  const storage: SyncStorage = {
    mode: 'sync',
    epoch,
    transaction(work, transactionOptions) {
      if (closed) throw new ChatError('unavailable', `The SQLite storage at ${file} is closed.`);
      if (inTransaction) {
        throw new ChatError('internal', 'A storage transaction was started inside another one; finish the first before starting the next.');
      }
      inTransaction = true;
      const pending: Delivery[] = [];
      const sessionChanges = new Map<string, number>();
      const countSession = (userId: string, change: number) => {
        const next = Math.max(0, (sessions.get(userId) ?? 0) + (sessionChanges.get(userId) ?? 0) + change);
        sessionChanges.set(userId, next - (sessions.get(userId) ?? 0));
        return next;
      };
      let result: ReturnType<typeof work>;
      try {
        (transactionOptions?.readOnly ? beginReadOnly : begin).run();
        const tx = createSqlTx(statements, executor, {
          openSession: (userId) => countSession(userId, 1),
          closeSession: (userId) => countSession(userId, -1),
          publish: (deliveries) => {
            for (const delivery of deliveries) pending.push(delivery);
          },
        });
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
        inTransaction = false;
      }
      for (const [userId, change] of sessionChanges) {
        const count = (sessions.get(userId) ?? 0) + change;
        if (count > 0) sessions.set(userId, count);
        else sessions.delete(userId);
      }
      deliver(pending);
      return result;
    },
    subscribe(listener) {
      const own = (deliveries: readonly Delivery[]) => listener(deliveries);
      listeners.add(own);
      return () => {
        listeners.delete(own);
      };
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      database.close();
    },
  };
  return storage;
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
