// Prints the size of each built entry: its own JS plus every own chunk it imports statically
// (externals such as react or zustand not counted), raw and gzipped file by file as a browser
// would fetch them. Chunks it loads with dynamic import() are listed apart. Run after `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

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

const rows = Object.entries(pkg.exports)
  // Code entries only: plain files such as ./styles.css map to a string, not `{ types, import }`.
  .filter(([key, target]) => key !== './package.json' && typeof target !== 'string')
  .map(([key, target]) => [key === '.' ? 'confab' : `confab/${key.slice(2)}`, join(root, target.import)]);

if (rows.some(([, file]) => !existsSync(file))) {
  console.error('bench:size: dist/ is missing or incomplete; run `npm run build` first.');
  process.exit(1);
}

console.log(`${'entry'.padEnd(26)}${'files'.padStart(6)}${'raw'.padStart(10)}${'gzip'.padStart(10)}   lazy (gzip)`);
for (const [name, file] of rows) {
  const { files, lazy } = graph(file);
  const own = size(files);
  const later = lazy.length ? `${kb(size(lazy).gzip).trim()} in ${lazy.map((f) => relative(join(root, 'dist'), f)).join(', ')}` : '-';
  console.log(`${name.padEnd(26)}${String(files.size).padStart(6)}${kb(own.raw)}${kb(own.gzip)}   ${later}`);
}
