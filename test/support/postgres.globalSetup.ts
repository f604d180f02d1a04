/**
 * Vitest global setup: when the run includes a test file that uses test/support/postgres, start
 * one throwaway PostgreSQL for the whole run and name it in CONFAB_TEST_POSTGRES_URL (each file
 * then creates its own database on it). Runs without such files start nothing.
 */
import { readFile } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { postgresUrlVariable, startPostgres } from './postgres';

/** The variable test/support/storage.ts reads (not imported: that module registers test hooks). */
const testStorageVariable = 'CONFAB_TEST_STORAGE';

/** `from '../support/postgres'`, `from './postgres'` (inside test/support), `from '../support/storage'` (which opens PostgreSQL when asked), … */
const importsTestPostgres = /from '(?:\.\.?\/)+(?:support\/)?(?:postgres|storage)'/;

async function runNeedsPostgres(project: TestProject): Promise<boolean> {
  // A project that runs its tests on PostgreSQL (test/support/storage.ts) needs it whatever its files import.
  if (project.config.env?.[testStorageVariable] === 'postgres' || process.env[testStorageVariable] === 'postgres') return true;
  // The file filters given on the command line (`vitest run test/host/storage`), if any.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  for (const file of testFiles) {
    if (importsTestPostgres.test(await readFile(file, 'utf8'))) return true;
  }
  return false;
}

declare module 'vitest' {
  export interface ProvidedContext {
    [postgresUrlVariable]: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const running = process.env[postgresUrlVariable];
  if (running) {
    // Given by the environment, or started by another project of this run: hand it to this project's workers too.
    project.provide(postgresUrlVariable, running);
    return undefined;
  }
  if (!(await runNeedsPostgres(project))) return undefined;
  const postgres = await startPostgres();
  process.env[postgresUrlVariable] = postgres.url;
  // Workers may have been forked before this ran: hand them the URL through vitest's provide/inject.
  project.provide(postgresUrlVariable, postgres.url);
  return async () => {
    delete process.env[postgresUrlVariable];
    await postgres.stop();
  };
}
