import { sql, type CompiledQuery, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { MessageSearch } from '../../../server';
import type { BigIntColumn, MessagesTable, SqlDatabase, SqlDialectName } from './schema';

/**
 * A message row found by search, with its search position (SQLite: the row's rowid; PostgreSQL:
 * `search_position`, made by 0005_search).
 *
 * @example
 * const row: SearchRow = { ...messageRow, position: 1042 };
 */
export type SearchRow = Selectable<MessagesTable> & { position: BigIntColumn };

/**
 * The FTS5 MATCH expression of search terms: each a quoted string with a prefix star
 * (`"lun"* "noon"*`, every one required). Terms are letters and digits already (`searchTerms`);
 * quotes are doubled anyway, so no term can ever be read as FTS5 syntax. It travels as a parameter.
 *
 * @example
 * fts5Match(['lun', 'noon']); // '"lun"* "noon"*'
 */
export function fts5Match(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' ');
}

/** Up to this many rooms, the FTS5 query itself is narrowed to them (a selective filter); more, and the index is read for the words alone. */
export const FTS5_ROOM_FILTER_MAX = 8;

/**
 * The FTS5 MATCH expression of a search: its terms in the text column and, for a few rooms, the
 * room ids in the room_id column (each id as a quoted phrase: ids cannot hold a quote; one the
 * tokenizer splits may match a look-alike id, which the query's own room filter then drops).
 *
 * @example
 * fts5Expression(['lunch'], ['general']); // 'text : ("lunch"*) AND room_id : ("general")'
 */
export function fts5Expression(terms: readonly string[], roomIds: readonly string[]): string {
  const words = `text : (${fts5Match(terms)})`;
  if (roomIds.length > FTS5_ROOM_FILTER_MAX) return words;
  return `${words} AND room_id : (${roomIds.map((id) => `"${id.replaceAll('"', '""')}"`).join(' OR ')})`;
}

/**
 * The tsquery text of search terms: each a quoted lexeme with a prefix match, all required
 * (`'lun':* & 'noon':*`); quotes and backslashes are escaped though terms cannot hold them. It
 * travels as a parameter of `to_tsquery`.
 *
 * @example
 * tsQuery(['lun', 'noon']); // "'lun':* & 'noon':*"
 */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((term) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}':*`).join(' & ');
}

/**
 * The search query of one dialect. SQLite walks the FTS5 index newest rowid first (no sort) and
 * joins each hit's row; PostgreSQL takes the GIN index's matches and sorts them by position.
 * Every value is a parameter; room and author lists are at most a few hundred ids.
 *
 * @example
 * const query = searchMessagesQuery(db, 'sqlite', { roomIds: ['general'], terms: ['lunch'], excludeAuthorIds: [], limit: 21 });
 */
export function searchMessagesQuery(db: Kysely<SqlDatabase>, dialect: SqlDialectName, search: MessageSearch): CompiledQuery<SearchRow> {
  const { roomIds, terms, excludeAuthorIds, before, limit } = search;
  const filters = (position: RawBuilder<unknown>): RawBuilder<unknown>[] => [
    sql`m.room_id in (${sql.join(roomIds)})`,
    sql`m.deleted_at is null`,
    ...(excludeAuthorIds.length > 0 ? [sql`m.author_id not in (${sql.join(excludeAuthorIds)})`] : []),
    ...(before !== undefined ? [sql`${position} < ${before}`] : []),
  ];
  if (dialect === 'sqlite') {
    // CROSS JOIN keeps the FTS table outside: the index is read newest first and stops at `limit`.
    const where = sql.join([sql`messages_fts match ${fts5Expression(terms, roomIds)}`, ...filters(sql`messages_fts.rowid`)], sql` and `);
    return sql<SearchRow>`select m.*, m.rowid as position from messages_fts cross join messages m on m.rowid = messages_fts.rowid where ${where} order by messages_fts.rowid desc limit ${limit}`.compile(db);
  }
  const where = sql.join(
    [sql`to_tsvector('simple'::regconfig, confab_search_fold(m.text)) @@ to_tsquery('simple'::regconfig, ${tsQuery(terms)})`, ...filters(sql`m.search_position`)],
    sql` and `,
  );
  return sql<SearchRow>`select m.*, m.search_position as position from messages m where ${where} order by m.search_position desc limit ${limit}`.compile(db);
}
