/**
 * A throwaway PostgreSQL for tests and benchmarks: `initdb` into a temporary folder as an
 * unprivileged user, `pg_ctl start` on 127.0.0.1 and a free port (its unix socket in that folder),
 * and `stop()` removes it all. PostgreSQL refuses to run as root, so when we are root the server
 * runs as `nobody` through `runuser`.
 *
 * Binaries are found on PATH (`initdb`) or in /usr/lib/postgresql/<version>/bin (Debian's
 * postgresql package). `.ci/run` installs that package when neither has them.
 *
 * @example
 * const postgres = await startPostgres();
 * const url = await createTestDatabase(postgres.url); // its own database, for one test file
 * await postgres.stop();
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The environment variable that names a running test PostgreSQL (its `postgres` database). */
export const postgresUrlVariable = 'CONFAB_TEST_POSTGRES_URL';

/** A running throwaway PostgreSQL. */
export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** Stops the server (it can be started again with `start`, data kept). */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/** The folder holding `initdb` and `pg_ctl`, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (folder && existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl'))) return folder;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const folder = join(root, version, 'bin');
    if (existsSync(join(folder, 'initdb'))) return folder;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a PostgreSQL binary as the unprivileged `nobody` when we are root (PostgreSQL refuses root). */
async function runAsOwner(binary: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'nobody', '--', binary, ...args]] : [binary, args];
  await run(command, commandArgs, { timeout: 60_000 });
}

/**
 * Starts a fresh PostgreSQL with trust authentication on 127.0.0.1 only and superuser
 * `postgres`. fsync is off unless `durable` (tests need speed; benchmarks of durable sends don't).
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed: no initdb on PATH or in /usr/lib/postgresql/*/bin. Install Debian\'s `postgresql` package (.ci/run does), or set ' +
        `${postgresUrlVariable} to a server the tests may create databases on.`,
    );
  }
  const folder = await mkdtemp(join(tmpdir(), 'confab-pg-'));
  const data = join(folder, 'data');
  const log = join(folder, 'server.log');
  if (process.getuid?.() === 0) {
    await chown(folder, 65534, 65534);
  }
  await chmod(folder, 0o700);
  await runAsOwner(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const serverOptions = `-h 127.0.0.1 -p ${port} -k ${folder}${options.durable ? '' : ' -F'} -c max_connections=200 -c shared_buffers=${options.durable ? '128MB' : '32MB'}`;
  const start = async () => {
    try {
      await runAsOwner(join(bin, 'pg_ctl'), ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions]);
    } catch (error) {
      const text = await readFile(log, 'utf8').catch(() => '');
      throw new Error(`PostgreSQL did not start: ${String(error)}\n${text}`);
    }
  };
  const pause = () => runAsOwner(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
  await start();
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    pause,
    async stop() {
      if (stopped) return;
      stopped = true;
      await runAsOwner(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a new, empty database on the server at `serverUrl` and answers its URL: each test file
 * takes its own, so files are independent of each other and of the order they run in.
 */
export async function createTestDatabase(serverUrl: string, prefix = 'confab_test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The URL the vitest global setup provided, when running under vitest. */
async function providedUrl(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return (inject as (key: string) => string | undefined)(postgresUrlVariable);
}

/**
 * The server the tests share: the one the global setup started (CONFAB_TEST_POSTGRES_URL), or,
 * when a file runs without it, one started for this file alone (stopped by `release`).
 */
export async function testPostgresServer(): Promise<{ url: string; release: () => Promise<void> }> {
  const shared = process.env[postgresUrlVariable] || (await providedUrl());
  if (shared) return { url: shared, release: async () => undefined };
  const own = await startPostgres();
  return { url: own.url, release: () => own.stop() };
}

