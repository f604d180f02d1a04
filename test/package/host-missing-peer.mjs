// `confab-server` with one of the host's optional peer packages not installed: it must name the
// package and the command that installs it, and exit 1, instead of printing a stack.
//
// Builds a real install without that package: a temporary node_modules holding confab (its
// package.json, bin/ and dist/) and links to every other package of ours, then runs the bin with
// Node's own module resolution. Run after `npm run build`. Prints `host peers: N of N checks passed`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A node_modules with confab and every installed package but `hidden`; returns the bin's path. */
function installWithout(dir, hidden) {
  const modules = join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === hidden || name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      mkdirSync(join(modules, name), { recursive: true });
      for (const scoped of readdirSync(join(root, 'node_modules', name))) symlinkSync(join(root, 'node_modules', name, scoped), join(modules, name, scoped));
    } else {
      symlinkSync(join(root, 'node_modules', name), join(modules, name));
    }
  }
  const confab = join(modules, 'confab-chat');
  for (const part of ['package.json', 'bin', 'dist']) cpSync(join(root, part), join(confab, part), { recursive: true, filter: (source) => !source.includes(`${join(root, 'dist', 'widget')}`) && !source.endsWith('.map') });
  return join(confab, 'bin', 'confab-server.js');
}

let passed = 0;
let failed = 0;
for (const hidden of ['ws', 'jose']) {
  const dir = mkdtempSync(join(tmpdir(), 'confab-host-'));
  try {
    const bin = installWithout(dir, hidden);
    const run = spawnSync(process.execPath, [bin, '--help'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    const problems = [];
    if (run.status !== 1) problems.push(`exit code ${run.status}`);
    if (!run.stderr.includes(`the package "${hidden}"`)) problems.push('the message does not name the package');
    if (!run.stderr.includes(`npm install ${hidden}`)) problems.push(`no "npm install ${hidden}"`);
    if (/\n\s+at /.test(run.stderr)) problems.push('a stack trace was printed');
    if (problems.length === 0) {
      passed++;
      console.log(`  ok   without ${hidden}: confab-server says to install it, exit 1`);
    } else {
      failed++;
      console.log(`  FAIL without ${hidden}: ${problems.join('; ')}\n${run.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// With everything installed the same bin runs: `--help` prints the usage and exits 0.
const help = spawnSync(process.execPath, [join(root, 'bin/confab-server.js'), '--help'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
if (help.status === 0 && /confab-server/.test(help.stdout + help.stderr)) {
  passed++;
  console.log('  ok   with every package installed: --help prints the usage, exit 0');
} else {
  failed++;
  console.log(`  FAIL with every package installed: exit ${help.status}\n${help.stdout}${help.stderr}`);
}
console.log(`host peers: ${passed} of ${passed + failed} checks passed`);
recordCounts('host-peers', passed, failed);
process.exitCode = failed === 0 ? 0 : 1;
