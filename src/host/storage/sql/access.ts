import type { Kysely } from 'kysely';
import type { SqlDatabase, SqlDialectName } from './schema';

/**
 * What a SQL storage engine shares with the host's features beside the server's rules (the
 * webhook queue, statistics): its Kysely over the same database, so nothing opens the database a
 * second time (SQLite holds its file exclusively). Queries made through it run outside the
 * engine's transactions, one statement at a time; use no Kysely transaction on SQLite (the
 * engine's own would meet it on the one connection).
 *
 * @example
 * const access = sqlAccessOf(storage);
 * if (access) await access.sql.selectFrom('rooms').select((eb) => eb.fn.countAll().as('n')).execute();
 */
export interface SqlAccess {
  readonly sql: Kysely<SqlDatabase>;
  readonly sqlDialect: SqlDialectName;
}

/**
 * The {@link SqlAccess} of a storage engine that has one (SQLite, PostgreSQL), or undefined
 * (memory).
 *
 * @example
 * const access = sqlAccessOf(await createSqliteStorage({ directory }));
 */
export function sqlAccessOf(storage: unknown): SqlAccess | undefined {
  const candidate = storage as Partial<SqlAccess> | null | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.sql === 'object' && candidate.sql !== null && typeof candidate.sqlDialect === 'string'
    ? (candidate as SqlAccess)
    : undefined;
}
