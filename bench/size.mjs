// Prints the size of each built entry: its own JS plus every own chunk it imports statically
// (externals such as react or zustand not counted), raw and gzipped file by file as dist/ holds
// them, and (the number the size goals mean) what a user's bundler ships for `export * from` the
// entry: bundled, tree-shaken and minified, externals left out, then gzipped. Chunks it loads with
// dynamic import() are listed apart. Run after `npm run build`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const STATIC = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function graph(entry) {
  const files = new Set();
  const lazy = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC)) visit(resolve(dirname(file), m[1]));
    for (const m of code.matchAll(DYNAMIC)) lazy.add(resolve(dirname(file), m[1]));
  };
  visit(entry);
  return { files, lazy: [...lazy].filter((f) => !files.has(f)) };
}

const size = (files) =>
  [...files].reduce(
    (sum, f) => {
      const code = readFileSync(f);
      return { raw: sum.raw + code.byteLength, gzip: sum.gzip + gzipSync(code, { level: 9 }).byteLength };
    },
    { raw: 0, gzip: 0 },
  );
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} kB`.padStart(10);

// `--dist DIR` measures a build elsewhere (bench:ui builds into node_modules/.cache).
const distFlag = process.argv.indexOf('--dist');
const dist = distFlag > 0 && process.argv[distFlag + 1] ? resolve(process.argv[distFlag + 1]) : join(root, 'dist');
const inDist = (exported) => join(dist, exported.replace(/^\.\/dist\//, ''));

const rows = Object.entries(pkg.exports)
  // Code entries only: plain files such as ./styles.css map to a string, not `{ import, require, default }`.
  .filter(([key, target]) => key !== './package.json' && typeof target !== 'string')
  .map(([key, target]) => [key === '.' ? 'confab-chat' : `confab-chat/${key.slice(2)}`, inDist(target.import.default)]);

if (rows.some(([, file]) => !existsSync(file))) {
  console.error('bench:size: dist/ is missing or incomplete; run `npm run build` first.');
  process.exit(1);
}

// Only the peer dependencies (React) stay out, as the goals say: every other dependency is code
// the user ships because of us, and bundling it lets its own pure annotations drop what is unused.
const peers = ['react', 'react-dom'];
// The other peers are optional: the host's packages (ws, jose, storage drivers) are Node only, and
// emoji-mart is imported only with import(), which `shipped` does not count.
const nodeOnly = Object.keys(pkg.peerDependencies ?? {}).filter((name) => !peers.includes(name));
const isExternal = (id) => id.startsWith('node:') || [...peers, ...nodeOnly].some((name) => id === name || id.startsWith(`${name}/`));

/** What a bundler ships for everything the entry exports: tree-shaken, minified, static imports only. */
async function shipped(file) {
  const bundle = await rolldown({
    input: 'entry',
    external: isExternal,
    logLevel: 'silent',
    platform: 'browser',
    plugins: [{ name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? `export * from ${JSON.stringify(file)};` : null) }],
  });
  const { output } = await bundle.generate({ format: 'es', minify: true });
  await bundle.close();
  const entry = output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  const staticChunks = new Set();
  const walk = (chunk) => {
    if (!chunk || staticChunks.has(chunk)) return;
    staticChunks.add(chunk);
    for (const name of chunk.imports ?? []) walk(output.find((other) => other.fileName === name));
  };
  walk(entry);
  return [...staticChunks].reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).byteLength, 0);
}

/** Goals from the issues, in gzip bytes of the shipped size. */
const GOALS = { confab: 12 * 1024, 'confab-chat/ui': 53 * 1024 };

console.log(`${'entry'.padEnd(28)}${'files'.padStart(6)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'shipped'.padStart(11)}   goal   lazy (gzip)`);
for (const [name, file] of rows) {
  const { files, lazy } = graph(file);
  const own = size(files);
  const minified = await shipped(file);
  const goal = GOALS[name] ? `${minified <= GOALS[name] ? 'met' : 'MISSED'} (≤ ${GOALS[name] / 1024} kB)` : '-';
  const later = lazy.length ? `${kb(size(lazy).gzip).trim()} in ${lazy.map((f) => relative(dist, f)).join(', ')}` : '-';
  console.log(`${name.padEnd(28)}${String(files.size).padStart(6)}${kb(own.raw)}${kb(own.gzip)}${kb(minified)} ${goal.padStart(6)}   ${later}`);
}
console.log('shipped: the entry bundled for a user (export * from it) with its dependencies but without React, tree-shaken and minified, gzip -9.');

// The script-tag widget (dist/widget): one IIFE with its renderer inside (preact/compat, see
// vite.widget.config.ts), and the ES chunks it fetches from beside itself only when needed (demo mode's server; the emoji picker's code and data).
const widgetDir = join(dist, 'widget');
const widgetFile = join(widgetDir, 'confab-widget.js');
if (!existsSync(widgetFile)) {
  console.error('bench:size: dist/widget/confab-widget.js is missing; run `npm run build` first.');
  process.exit(1);
}
const WIDGET_GOAL_KB = 110;
const widget = size([widgetFile]);
const lazyDir = join(widgetDir, 'lazy');
const lazyFiles = readdirSync(lazyDir).filter((file) => file.endsWith('.js'));
const i18n = lazyFiles.filter((file) => file.startsWith('emoji-i18n-'));
console.log('');
console.log(`${'widget (script tag)'.padEnd(28)}${'files'.padStart(6)}${'raw'.padStart(10)}${'gzip'.padStart(10)}`);
console.log(
  `${'confab-widget.js'.padEnd(28)}${'1'.padStart(6)}${kb(widget.raw)}${kb(widget.gzip)}   goal ≤ ${WIDGET_GOAL_KB} kB gzip incl. the renderer: ${widget.gzip / 1024 <= WIDGET_GOAL_KB ? 'met' : `over by ${(widget.gzip / 1024 - WIDGET_GOAL_KB).toFixed(2)} kB`}`,
);
for (const file of lazyFiles.filter((f) => !i18n.includes(f))) {
  const one = size([join(lazyDir, file)]);
  console.log(`${`  lazy/${file}`.padEnd(28)}${'1'.padStart(6)}${kb(one.raw)}${kb(one.gzip)}`);
}
if (i18n.length > 0) {
  const all = size(i18n.map((file) => join(lazyDir, file)));
  console.log(`${'  lazy/emoji-i18n-*.js'.padEnd(28)}${String(i18n.length).padStart(6)}${kb(all.raw)}${kb(all.gzip)}   one per language, only that one is fetched`);
}
