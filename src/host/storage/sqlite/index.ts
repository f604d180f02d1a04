/**
 * The SQLite storage engine (better-sqlite3, loaded when first used): the default of
 * confab-server, one database file in the data folder. Node only.
 *
 * @packageDocumentation
 */
export { createSqliteStorage, databaseFileOf, SQLITE_FILE_NAME, type SqliteStorage, type SqliteStorageOptions } from './engine';
