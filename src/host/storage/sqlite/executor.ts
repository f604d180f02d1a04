import type { Database, Statement } from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import type { SyncSqlExecutor } from '../sql';

/** Past this many distinct statements the cache starts over (IN lists of every length could grow it). */
const MAX_CACHED_STATEMENTS = 512;

/**
 * Runs compiled queries on a better-sqlite3 database, preparing each distinct SQL text once.
 *
 * @example
 * const executor = createSqliteExecutor(database);
 * const rows = executor.all(statements.getRoom('general'));
 */
export function createSqliteExecutor(database: Database): SyncSqlExecutor {
  const cache = new Map<string, Statement>();
  const prepared = (query: CompiledQuery): Statement => {
    let statement = cache.get(query.sql);
    if (statement === undefined) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = database.prepare(query.sql);
      cache.set(query.sql, statement);
    }
    return statement;
  };
  return {
    all: <Row>(query: CompiledQuery<Row>) => prepared(query).all(query.parameters as unknown[]) as Row[],
    run: (query) => {
      prepared(query).run(query.parameters as unknown[]);
    },
  };
}
