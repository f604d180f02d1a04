// The last step of `npm test`: one closing line counting every test that ran, for people and CI.
//
// Each runner leaves its counts in test-results/: vitest's JSON report, and `<name>.counts.json`
// from our own scripts (package smoke, README example, browser suites). Imported by those scripts
// for `recordCounts`; run directly, it prints the total and fails when anything failed.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const results = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results');

/** Records how many checks a script passed and failed. */
export function recordCounts(name, passed, failed) {
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, `${name}.counts.json`), JSON.stringify({ passed, failed }));
}

/** Forgets the counts of an earlier run, so a step that did not run this time cannot be counted. */
export function clearCounts() {
  if (!existsSync(results)) return;
  for (const file of readdirSync(results)) if (file.endsWith('.counts.json') || file === 'vitest.json') rmSync(join(results, file));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--clear') {
    clearCounts();
  } else {
    const rows = [];
    const vitest = join(results, 'vitest.json');
    if (existsSync(vitest)) {
      const report = JSON.parse(readFileSync(vitest, 'utf8'));
      rows.push(['vitest', report.numPassedTests, report.numFailedTests, report.numPendingTests + report.numTodoTests]);
    }
    for (const file of existsSync(results) ? readdirSync(results).sort() : []) {
      if (!file.endsWith('.counts.json')) continue;
      const { passed, failed } = JSON.parse(readFileSync(join(results, file), 'utf8'));
      rows.push([file.replace('.counts.json', ''), passed, failed, 0]);
    }
    for (const [name, passed, failed, skipped] of rows) console.log(`  ${name.padEnd(16)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    const total = rows.reduce((sum, [, passed, failed, skipped]) => ({ passed: sum.passed + passed, failed: sum.failed + failed, skipped: sum.skipped + skipped }), { passed: 0, failed: 0, skipped: 0 });
    if (rows.length === 0) total.failed = 1;
    console.log(`total: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
    process.exitCode = total.failed === 0 && total.skipped === 0 ? 0 : 1;
  }
}
