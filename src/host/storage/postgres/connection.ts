import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery } from 'kysely';
import type { ClientBase, QueryResult } from 'pg';
import type { PostgresDatabase } from './tables';

/**
 * Builds and compiles PostgreSQL's own queries (Kysely's "cold" use): the engine runs compiled
 * SQL on a pg connection it holds itself, so it can send several statements in one round trip.
 *
 * @example
 * const { sql, parameters } = postgresQueries.selectFrom('confab_hosts').selectAll().compile();
 */
export const postgresQueries = new Kysely<PostgresDatabase>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** One SQL literal for a parameter of a compiled query. */
function literal(value: unknown, escapeLiteral: (text: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot send ${value} to PostgreSQL.`);
    // In parentheses: `x - -1` written out would start a comment.
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'bigint') return value < 0n ? `(${value})` : value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return escapeLiteral(value);
  throw new TypeError(`Cannot send a ${typeof value} parameter in a batch.`);
}

/**
 * A compiled query as plain SQL text, its parameters written as literals with pg's escapeLiteral.
 * Our statements' text holds no `$n` but their placeholders (Kysely quotes every identifier and
 * writes no string literals of its own).
 */
export function inlineParameters(query: CompiledQuery, escapeLiteral: (text: string) => string): string {
  return query.sql.replace(/\$(\d+)/g, (_, index: string) => literal(query.parameters[Number(index) - 1], escapeLiteral));
}

/**
 * One pg connection in use by a transaction. `all` runs one statement (parameters bound by the
 * server); `batch` sends several in one round trip (a simple-protocol query string, parameters
 * written as literals) and answers each one's rows. PostgreSQL runs such a string's statements in
 * order, each with its own snapshot at READ COMMITTED, and stops at the first that fails.
 *
 * `BEGIN` goes out with the first statement of a transaction rather than on its own.
 *
 * @example
 * const connection = new PostgresConnection(client, { begin: 'BEGIN' });
 * const [rooms, members] = await connection.batch([lockRoom, membersOf]);
 */
export class PostgresConnection {
  private pendingBegin: string | undefined;

  constructor(
    readonly client: ClientBase,
    options: { begin?: string } = {},
  ) {
    this.pendingBegin = options.begin;
  }

  /** Whether BEGIN has gone out (a transaction is open on the connection). */
  get begun(): boolean {
    return this.pendingBegin === undefined;
  }

  async all<Row>(query: CompiledQuery<Row>): Promise<Row[]> {
    if (this.pendingBegin !== undefined) return (await this.batch([query]))[0] as Row[];
    const result = await this.client.query(query.sql, [...query.parameters]);
    return result.rows as Row[];
  }

  /** Runs the statements in one round trip; `texts` are appended as they are (COMMIT, say). */
  async batch(queries: readonly CompiledQuery[], texts: readonly string[] = []): Promise<unknown[][]> {
    const escape = (text: string) => this.client.escapeLiteral(text);
    const statements = [...(this.pendingBegin === undefined ? [] : [this.pendingBegin]), ...queries.map((query) => inlineParameters(query, escape)), ...texts];
    const skipped = this.pendingBegin === undefined ? 0 : 1;
    this.pendingBegin = undefined;
    if (statements.length === 0) return [];
    const answer = (await this.client.query(statements.join(';\n'))) as QueryResult | QueryResult[];
    const results = Array.isArray(answer) ? answer : [answer];
    return results.slice(skipped, skipped + queries.length).map((result) => result.rows as unknown[]);
  }
}
