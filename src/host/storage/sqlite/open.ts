/// <reference types="node" />
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';
import { ChatError } from '../../../protocol';
import { migrateSqlDatabase, type SqlDatabase } from '../sql';
import { openFailure } from './errors';

/** SQLite runs DDL inside transactions, so each migration is all or nothing (Kysely's adapter says no, to be safe). */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/** How {@link openSqliteDatabase} sets up the connection. */
export interface SqliteOpenSettings {
  busyTimeoutMs: number;
  /** false: `synchronous = NORMAL` (no fsync per commit; survives a killed process, not a power loss). */
  durable: boolean;
  /** Refuse to grow the file past this many bytes (writes then fail as a full disk would). */
  maxSizeBytes?: number;
}

/**
 * Opens (or creates) the database file, claims it for this process alone, makes it durable and
 * brings its schema up to date. Answers the connection, the database's epoch, and the Kysely the
 * migrations ran on (kept for the host's features beside the rules: see SqlAccess).
 *
 * - `locking_mode = EXCLUSIVE` before WAL: the first access takes a lock held until close, so a
 *   second confab-server on the same file is refused (SQLite's lock dies with the process, unlike a
 *   lock file after kill -9), and WAL needs no shared-memory file.
 * - `journal_mode = WAL` with `synchronous = FULL`: every commit is on disk (the WAL fsynced)
 *   before the transaction returns, so an acknowledged send survives kill -9 and power loss.
 * - `foreign_keys = ON`: members, cursors, messages and direct pairs belong to a room.
 *
 * @example
 * const { database, epoch } = await openSqliteDatabase('/data/confab.db', { busyTimeoutMs: 5000, durable: true });
 */
export async function openSqliteDatabase(file: string, settings: SqliteOpenSettings): Promise<{ database: Database; epoch: string; db: Kysely<SqlDatabase> }> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  let database: Database;
  try {
    mkdirSync(dirname(file), { recursive: true });
    database = new BetterSqlite3(file);
  } catch (error) {
    throw openFailure(file, error);
  }
  try {
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(settings.busyTimeoutMs))}`);
    database.pragma('locking_mode = EXCLUSIVE');
    const mode = database.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new ChatError('unavailable', `The database at ${file} cannot use write-ahead logging (journal mode stayed "${String(mode)}"); put --data on a local disk.`);
    database.pragma(settings.durable ? 'synchronous = FULL' : 'synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    if (settings.maxSizeBytes !== undefined) {
      const pageSize = database.pragma('page_size', { simple: true }) as number;
      database.pragma(`max_page_count = ${Math.max(1, Math.floor(settings.maxSizeBytes / pageSize))}`);
    }
    // Kysely's Migrator is asynchronous; it runs on this same connection, which is used
    // synchronously only once it is done. Not destroyed: that would close the connection.
    const db = new Kysely<SqlDatabase>({ dialect: new TransactionalSqliteDialect({ database }) });
    await migrateSqlDatabase(db, 'sqlite', file);
    const row = database.prepare("select value from meta where key = 'epoch'").get() as { value: string } | undefined;
    if (row === undefined) throw new ChatError('unavailable', `The database at ${file} has no epoch; it was not made by confab-server, restore a backup.`);
    return { database, epoch: row.value, db };
  } catch (error) {
    database.close();
    throw openFailure(file, error);
  }
}
