// React Server Components: the client entries (`confab-chat`, `confab-chat/ui`) import under
// `node --conditions=react-server` (React's server build: no hooks, no context), and the entries
// without React (core, protocol, server, memory transport) run there as they are.
//
// Node alone does not know `'use client'`; the hooks in react-server-hooks.mjs do what an RSC
// bundler does with it (the module becomes client references, one per export). So this checks
// that our builds carry the directive where they must and nowhere else: without it, importing
// `confab-chat` on the server fails (checked too, so the test shows what it guards against).
// Prints `react-server: N of N checks passed`.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const child = join(here, 'react-server-child.mjs');

/** Runs the child under the react-server condition; its stdout is one JSON report. */
function run(mode) {
  try {
    return { ok: true, report: JSON.parse(execFileSync(process.execPath, ['--conditions=react-server', child, mode], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) };
  } catch (error) {
    return { ok: false, stderr: String(error.stderr ?? error.message) };
  }
}

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`  FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

console.log('React Server Components (node --conditions=react-server):');
const boundary = run('boundary');
await check('with an RSC bundler\'s \'use client\' boundary, every entry imports on the server', () => {
  assert(boundary.ok, boundary.stderr);
  assert(boundary.report.serverReact, 'react did not resolve to its server build (useState exists)');
});
const report = boundary.report ?? { entries: {} };
for (const [name, expected] of Object.entries({ 'confab-chat': 'client', 'confab-chat/ui': 'client', 'confab-chat/core': 'server', 'confab-chat/protocol': 'server', 'confab-chat/server': 'server', 'confab-chat/transports/memory': 'server' })) {
  await check(`${name}: ${expected === 'client' ? 'every export a client reference' : 'runs on the server as it is'}`, () => {
    const entry = report.entries[name];
    assert(entry, `${name} was not imported`);
    const normal = Object.keys(entry.exports).length;
    assert(normal > 0, `${name} exports nothing`);
    const kinds = new Set(Object.values(entry.exports));
    assert(kinds.size === 1 && kinds.has(expected), `${name} exports ${[...kinds].join(' and ')}`);
  });
}
await check('a server component renders <Chat> as an element whose type is the client reference', () => {
  assert(report.chatElement === 'client', `element type: ${report.chatElement}`);
});
await check('the client references name the same exports as the real modules', async () => {
  for (const name of ['confab-chat', 'confab-chat/ui']) {
    const real = Object.keys(await import(name)).sort().join();
    assert(Object.keys(report.entries[name]?.exports ?? {}).sort().join() === real, `${name}: export names differ`);
  }
});
const plain = run('plain');
await check('without the boundary, confab fails on React\'s server build (what \'use client\' prevents)', () => {
  assert(!plain.ok && /useContext|createContext|useState|useEffect/.test(plain.stderr), plain.ok ? 'it imported' : plain.stderr.split('\n').slice(0, 3).join(' '));
});

console.log(`react-server: ${passed} of ${passed + failed} checks passed`);
recordCounts('react-server', passed, failed);
process.exitCode = failed === 0 ? 0 : 1;
