/**
 * The storage engine a test run is about: CONFAB_TEST_STORAGE = memory (default), sqlite or
 * postgres. vite.config.ts runs the server tests and the conformance suite once per engine as
 * vitest projects that set it.
 *
 * `openTestStorage()` opens a fresh, empty engine: SQLite in its own folder inside this test
 * file's temp folder (`durable: false`: a test needs no fsync), PostgreSQL as its own database on
 * the run's throwaway server (test/support/postgres.ts). Engines opened during a test are closed
 * after it; the file's temp folder goes after the file (the PostgreSQL server, with its
 * databases, after the run).
 *
 * @example
 * const storage = await openTestStorage();
 * const server = createChatServer({ storage });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStorage, type StorageEngine } from '../../src/server';
import { createSqliteStorage } from '../../src/host/storage/sqlite';
import { createPostgresStorage } from '../../src/host/storage/postgres';
import { createTestDatabase, testPostgresServer } from './postgres';

/** The environment variable naming the engine under test. */
export const testStorageVariable = 'CONFAB_TEST_STORAGE';

export type TestStorageKind = 'memory' | 'sqlite' | 'postgres';

/** The engine this run tests; anything else in CONFAB_TEST_STORAGE is a mistake worth stopping for. */
export function testStorageKind(): TestStorageKind {
  const value = process.env[testStorageVariable] || 'memory';
  if (value === 'memory' || value === 'sqlite' || value === 'postgres') return value;
  throw new Error(`${testStorageVariable} is "${value}"; it must be memory, sqlite or postgres.`);
}

let sqliteRoot: string | undefined;
let sqliteFolders = 0;
let postgres: Awaited<ReturnType<typeof testPostgresServer>> | undefined;
const open = new Set<StorageEngine>();

afterEach(async () => {
  const engines = [...open];
  open.clear();
  for (const engine of engines) await engine.close();
});

afterAll(async () => {
  if (sqliteRoot) rmSync(sqliteRoot, { recursive: true, force: true });
  sqliteRoot = undefined;
  await postgres?.release();
  postgres = undefined;
});

/** A fresh, empty engine of the kind under test, closed after the current test. */
export async function openTestStorage(kind: TestStorageKind = testStorageKind()): Promise<StorageEngine> {
  let engine: StorageEngine;
  if (kind === 'sqlite') {
    sqliteRoot ??= mkdtempSync(join(tmpdir(), 'confab-test-sqlite-'));
    engine = await createSqliteStorage({ directory: join(sqliteRoot, `data-${++sqliteFolders}`), durable: false });
  } else if (kind === 'postgres') {
    postgres ??= await testPostgresServer();
    engine = await createPostgresStorage({ url: await createTestDatabase(postgres.url), poolSize: 3 });
  } else {
    engine = createMemoryStorage();
  }
  open.add(engine);
  return engine;
}
