/**
 * Confab's SQL storage, shared by the SQLite and PostgreSQL engines: one schema with versioned
 * migrations (Kysely's Migrator), every `StorageTx` query written once with Kysely's builder and
 * compiled per dialect, and the row ↔ entity mapping. Node only (migrations make the epoch with
 * node:crypto).
 *
 * @packageDocumentation
 */
export type { SqlDatabase, SqlDialectName, BigIntColumn } from './schema';
export { sqlMigrations, migrateSqlDatabase, newerSchemaError, MIGRATION_TABLE, MIGRATION_LOCK_TABLE } from './migrations';
export { coldKysely, createSqlStatements, MAX_IDS_PER_QUERY, type SqlStatements } from './statements';
export { createSqlTx, type SyncSqlExecutor, type TxEffects } from './tx';
export * from './rows';
export { sqlAccessOf, type SqlAccess } from './access';
export { FTS5_ROOM_FILTER_MAX, fts5Expression, fts5Match, searchMessagesQuery, tsQuery, type SearchRow } from './search';
