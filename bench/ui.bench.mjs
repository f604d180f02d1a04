// `npm run bench:ui`: the components in headless Chromium, against a bare react-virtuoso list of
// the same rows measured in the same run. Prints numbers; passes or fails nothing.
//
// - load: render() → first painted frame holding the newest message, rooms of 1,000 and 10,000
//   messages (median of several fresh pages; goal: ours ≤ 1.2× bare at 10,000);
// - incoming: 200 messages arriving 20 ms apart into a 1,000-message room, event → painted row,
//   p50 and p95 (goal: our p95 within one frame, 16.7 ms, of bare's);
// - long tasks (PerformanceObserver 'longtask') and the JS heap after a forced GC (CDP);
// - the size of each built entry, by bench/size.mjs (goals: `confab-chat` ≤ 12 KB,
//   `confab-chat/ui` ≤ 53 KB without React and the lazily loaded emoji code and data).
//
// The page (bench/ui/) is built with Vite in production mode into node_modules/.cache and served
// on 127.0.0.1; nothing leaves the machine. Usage: node bench/ui.bench.mjs [--runs N] [--quick]
/* global window -- page.evaluate bodies run in the browser */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { keepLocal, launchChromium, serveStatic } from '../test/browser/support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules/.cache/confab-bench-ui');
const distDir = join(root, 'node_modules/.cache/confab-bench-dist');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : quick ? 2 : 5;
const INCOMING_RUNS = quick ? 1 : 3;
const PAGE_TIMEOUT_MS = 60_000;
const FRAME_MS = 1000 / 60;

const median = (values) => quantile(values, 0.5);
function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}
const ms = (value) => `${value.toFixed(1)} ms`.padStart(10);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`.padStart(9);

console.log('bench:ui: building the bench page (production)…');
// Confab by its public names, pointed at src/ (as in .storybook/main.ts and the playground).
const src = (file) => join(root, 'src', file);
const aliases = [
  { find: /^confab-chat$/, replacement: src('react/index.ts') },
  { find: /^confab-chat\/testing$/, replacement: src('testing/index.ts') },
  { find: /^confab-chat\/ui$/, replacement: src('ui/index.ts') },
  { find: /^confab-chat\/styles\.css$/, replacement: src('styles/index.css') },
];
await build({
  configFile: false,
  root: join(root, 'bench/ui'),
  base: './',
  mode: 'production',
  plugins: [react()],
  resolve: { alias: aliases },
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});

const site = await serveStatic(outDir);
const browser = await launchChromium(['--enable-precise-memory-info']);

/** One fresh page running one scenario; returns the page's result plus the heap after a GC. */
async function measure(list, count, mode) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await keepLocal(context, site.origin, (url) => console.warn(`bench:ui: blocked a request to ${url}`));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  try {
    await page.goto(`${site.origin}/index.html?list=${list}&count=${count}&mode=${mode}`);
    await page.waitForFunction(() => window.__benchResult !== undefined, null, { timeout: PAGE_TIMEOUT_MS, polling: 100 });
    const result = await page.evaluate(() => window.__benchResult);
    if (result.error) throw new Error(result.error);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    if (errors.length > 0) console.warn(`bench:ui: ${list}/${count}/${mode} logged errors: ${errors.slice(0, 3).join(' | ')}`);
    return { ...result, heapUsed: heap.usedSize };
  } finally {
    await context.close();
  }
}

try {
  // ---- load ------------------------------------------------------------------------------
  console.log(`\nload → painted list (median of ${RUNS} fresh pages; min in brackets)`);
  console.log(`${'room'.padEnd(16)}${'ours'.padStart(18)}${'bare'.padStart(18)}${'ratio'.padStart(8)}   goal ≤ 1.20× at 10,000`);
  const loadRows = [];
  for (const count of [1_000, 10_000]) {
    const ours = [];
    const bare = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate the order so neither list always runs on a warmer machine.
      const order = run % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const list of order) (list === 'ours' ? ours : bare).push(await measure(list, count, 'load'));
    }
    const o = median(ours.map((r) => r.loadMs));
    const b = median(bare.map((r) => r.loadMs));
    const fmt = (values, m) => `${m.toFixed(1)} (${Math.min(...values).toFixed(1)}) ms`.padStart(18);
    console.log(`${`${count.toLocaleString('en')} messages`.padEnd(16)}${fmt(ours.map((r) => r.loadMs), o)}${fmt(bare.map((r) => r.loadMs), b)}${`${(o / b).toFixed(2)}×`.padStart(8)}`);
    loadRows.push({ count, ours, bare });
  }

  console.log('\nJS heap after load and a forced GC (median)      long tasks during load (median count / total / max)');
  for (const { count, ours, bare } of loadRows) {
    for (const [label, runs] of [
      ['ours', ours],
      ['bare', bare],
    ]) {
      const lt = (key) => median(runs.map((r) => r.longTasks[key]));
      console.log(
        `${`${count.toLocaleString('en')} ${label}`.padEnd(16)}${mb(median(runs.map((r) => r.heapUsed)))}${''.padEnd(26)}${String(lt('count')).padStart(4)} / ${ms(lt('totalMs')).trim()} / ${ms(lt('maxMs')).trim()}`,
      );
    }
  }

  // ---- incoming --------------------------------------------------------------------------
  console.log(`\nincoming event → painted row: 200 messages 20 ms apart into a 1,000-message room (${INCOMING_RUNS} run(s) each, pooled)`);
  console.log(`${'list'.padEnd(8)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}${'missed'.padStart(8)}   long tasks (count / total / max)`);
  const incoming = {};
  for (const list of ['ours', 'bare']) {
    const runs = [];
    for (let run = 0; run < INCOMING_RUNS; run++) runs.push(await measure(list, 1_000, 'incoming'));
    const latencies = runs.flatMap((r) => r.latencies);
    const tasks = runs.map((r) => r.longTasks);
    incoming[list] = { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) };
    console.log(
      `${list.padEnd(8)}${ms(quantile(latencies, 0.5))}${ms(quantile(latencies, 0.95))}${ms(Math.max(...latencies))}${String(runs.reduce((n, r) => n + r.missed, 0)).padStart(8)}   ${median(tasks.map((t) => t.count))} / ${median(tasks.map((t) => t.totalMs)).toFixed(1)} ms / ${median(tasks.map((t) => t.maxMs)).toFixed(1)} ms`,
    );
  }
  const gap = incoming.ours.p95 - incoming.bare.p95;
  console.log(`p95 difference: ${gap.toFixed(1)} ms (goal ≤ ${FRAME_MS.toFixed(1)} ms, one frame)`);
} finally {
  await browser.close();
  await site.close();
}

// ---- sizes -------------------------------------------------------------------------------
// The library is built into node_modules/.cache (not dist/, which npm test and others use) and
// measured by bench/size.mjs, the one place that says what an entry costs.
console.log('\nbuilt entries (the library built with vite into node_modules/.cache)');
const built = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) console.log(`bench:ui: the library build failed:\n${built.stderr}`);
else spawnSync(process.execPath, [join(root, 'bench/size.mjs'), '--dist', distDir], { cwd: root, stdio: 'inherit' });
