#!/usr/bin/env node
// The `confab-server` command: the reference server behind a WebSocket. Run `confab-server --help`.
//
// The host's packages are optional peer dependencies of confab (a browser app needs none of them),
// so the first run may find one missing: say which, and how to install it, instead of a stack.
import process from 'node:process';

/** What each of the host's optional packages is for. */
const HOST_PACKAGES = {
  ws: 'the WebSocket server',
  jose: 'signed session tokens',
  'better-sqlite3': 'SQLite storage',
  pg: 'PostgreSQL storage',
  kysely: 'SQL storage',
  'prom-client': 'the metrics endpoint',
};

/** The package a failed import names, when it failed because that package is not installed. */
function missingPackage(error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'MODULE_NOT_FOUND') return undefined;
  return /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)/.exec(String(error.message))?.[1];
}

try {
  const { runCli } = await import('../dist/host.js');
  process.exitCode = await runCli(process.argv.slice(2), process.env);
} catch (error) {
  const name = missingPackage(error);
  if (name === undefined || name.startsWith('.')) throw error;
  const purpose = HOST_PACKAGES[name] ? ` (for ${HOST_PACKAGES[name]})` : '';
  console.error(`confab-server: the package "${name}"${purpose} is not installed. The server side of confab needs it; install it beside confab:\n\n  npm install ${name}\n`);
  console.error('The host always needs ws and jose; better-sqlite3, pg with kysely, and prom-client only for the storage or metrics you turn on.');
  process.exitCode = 1;
}
