// Runs the README's "Headless in 20 lines" example exactly as written, against the built package
// (it imports `confab-chat/...`, which resolves to dist/ through the package's own exports map).
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

// The file must sit inside the package for `confab-chat/...` to resolve to this package.
const dir = mkdtempSync(join(root, 'test/package/.readme-'));
try {
  const file = join(dir, 'hello.mjs');
  writeFileSync(file, code);
  const output = execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 10_000 });
  const expected = ['ana sent #1', 'bo sees: ana: Hello, Bo!'];
  // Each line exactly once: the README promises Bo sees the message once, not on every store change.
  const printed = output.trim().split('\n');
  const wrong = expected.filter((line) => printed.filter((printedLine) => printedLine === line).length !== 1);
  if (wrong.length > 0) throw new Error(`README example printed:\n${output}\nnot exactly once: ${wrong.join(', ')}`);
  if (lines > 24) throw new Error(`README example has ${lines} lines; keep it near 20`);
  recordCounts('readme-example', 1, 0);
  console.log(`README example: ran as written (${lines} lines), printed ${JSON.stringify(expected)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
