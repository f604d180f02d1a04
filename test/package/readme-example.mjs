// Runs the README's "Headless in 20 lines" example exactly as written, against the built package
// (it imports `confab/...`, which resolves to dist/ through the package's own exports map).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.split('## Headless in 20 lines')[1] ?? '';
const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
if (!code) throw new Error('README has no js block under "Headless in 20 lines"');
const lines = code.trim().split('\n').length;

// The file must sit inside the package for `confab/...` to resolve to this package.
const dir = mkdtempSync(join(root, 'test/package/.readme-'));
try {
  const file = join(dir, 'hello.mjs');
  writeFileSync(file, code);
  const output = execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 10_000 });
  const expected = ['ana sent #1', 'bo sees: ana: Hello, Bo!'];
  const missing = expected.filter((line) => !output.includes(line));
  if (missing.length > 0) throw new Error(`README example printed:\n${output}\nmissing: ${missing.join(', ')}`);
  if (lines > 24) throw new Error(`README example has ${lines} lines; keep it near 20`);
  recordCounts('readme-example', 1, 0);
  console.log(`README example: ran as written (${lines} lines), printed ${JSON.stringify(expected)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
