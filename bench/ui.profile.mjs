// `node bench/ui.profile.mjs [--count N] [--list ours|bare]`: where the load time of the bench page
// goes. Builds the page of bench/ui.bench.mjs, loads it once in headless Chromium with the CPU
// profiler on (CDP, 100 µs samples) and prints, for the time from render() to the painted newest
// message, the functions with the most self time and the time between the page's own marks.
// A Chromium trace for chrome://tracing or Perfetto is written with --trace <file>.
/* global window -- page.evaluate bodies run in the browser */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { keepLocal, launchChromium, serveStatic } from '../test/browser/support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules/.cache/confab-bench-ui-profile');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const count = Number(option('--count', 10_000));
const list = option('--list', 'ours');
const traceFile = option('--trace', null);

const src = (file) => join(root, 'src', file);
await build({
  configFile: false,
  root: join(root, 'bench/ui'),
  base: './',
  mode: 'production',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^confab-chat$/, replacement: src('react/index.ts') },
      { find: /^confab-chat\/testing$/, replacement: src('testing/index.ts') },
      { find: /^confab-chat\/ui$/, replacement: src('ui/index.ts') },
      { find: /^confab-chat\/styles\.css$/, replacement: src('styles/index.css') },
    ],
  },
  // Names kept, so the profile says which function spent the time.
  build: { outDir, emptyOutDir: true, minify: false, chunkSizeWarningLimit: 8192 },
  logLevel: 'warn',
});

const site = await serveStatic(outDir);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await keepLocal(context, site.origin);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  if (traceFile) await browser.startTracing(page, { path: traceFile, screenshots: false, categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing'] });
  await page.goto(`${site.origin}/index.html?list=${list}&count=${count}&mode=load&hold`);
  await page.waitForFunction(() => window.__go !== undefined, null, { timeout: 60_000, polling: 50 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => window.__go());
  await page.waitForFunction(() => window.__benchResult !== undefined, null, { timeout: 60_000, polling: 100 });
  const { profile } = await cdp.send('Profiler.stop');
  if (traceFile) await browser.stopTracing();
  const result = await page.evaluate(() => window.__benchResult);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, at: mark.startTime })));
  console.log(`${list}, ${count.toLocaleString('en')} messages: painted in ${result.loadMs.toFixed(1)} ms`);

  // Self time per function: the profile starts at render() and ends just after the paint.
  const started = marks.find((mark) => mark.name === 'bench:render')?.at ?? 0;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const frame = nodes.get(profile.samples[index]).callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[index] / 1000);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log('\nself time between render() and the painted newest message (ms):');
  for (const [key, ms] of top) console.log(`${ms.toFixed(1).padStart(8)}  ${key}`);
  if (marks.length > 0) {
    console.log('\nmarks (ms after render()):');
    for (const mark of marks) console.log(`${(mark.at - started).toFixed(1).padStart(8)}  ${mark.name}`);
  }
  if (traceFile) writeFileSync(`${traceFile}.profile.json`, JSON.stringify(profile));
} finally {
  await browser.close();
  await site.close();
}
