// Makes the declarations in dist/types resolve under every TypeScript resolver (`bundler`,
// `node16`, `nodenext`), for both `import` and `require`. Run by `npm run build` after `tsc`.
//
// tsc copies our import specifiers as written, and the sources import without extensions
// (`./client`, `../protocol`), which only `bundler` resolution accepts. So, starting from the
// `types` file of every entry in package.json's exports map, this script:
//   - rewrites each relative specifier to the file it means, with an extension: `./client.js`,
//     `../protocol/index.js` (TypeScript maps `.js` to the `.d.ts` beside it);
//   - writes a CommonJS twin of every reached file, `name.d.cts`, whose specifiers end in `.cjs`
//     (so that `require` types load CommonJS declarations all the way down, as the `.cjs` build does);
//   - deletes every declaration no entry reaches (the widget's, for one), so the tarball carries
//     only types a user can reach.
// It fails the build when a specifier names no declaration file.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'dist/types');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')` with a relative specifier,
 * or a block comment (group 1), matched first so that imports in TSDoc `@example`s stay as written.
 */
const SPECIFIER = /(\/\*[\s\S]*?\*\/)|(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\3/g;

/** The declaration file a relative specifier means, as a path without `.d.ts`, or undefined. */
function target(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier.replace(/\.js$/, ''));
  if (existsSync(`${base}.d.ts`)) return base;
  if (existsSync(join(base, 'index.d.ts'))) return join(base, 'index');
  return undefined;
}

/** The ESM declaration files of the exports map's entries (`import.types`). */
const entries = Object.values(pkg.exports)
  .filter((value) => typeof value === 'object' && value.import?.types)
  .map((value) => join(root, value.import.types));

const reached = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (reached.has(file)) continue;
  if (!existsSync(file)) throw new Error(`types: ${relative(root, file)} is missing (did tsc run?)`);
  reached.add(file);
  const code = readFileSync(file, 'utf8');
  const rewrite = (extension) =>
    code.replace(SPECIFIER, (whole, comment, lead, quote, specifier) => {
      if (comment !== undefined) return whole;
      const path = target(file, specifier);
      if (path === undefined) throw new Error(`types: ${relative(root, file)} imports '${specifier}', which names no declaration file`);
      const spec = relative(dirname(file), path).replaceAll('\\', '/');
      return `${lead}${quote}${spec.startsWith('.') ? spec : `./${spec}`}.${extension}${quote}`;
    });
  const [esm, cjs] = [rewrite('js'), rewrite('cjs')];
  for (const match of code.matchAll(SPECIFIER)) if (match[1] === undefined) queue.push(`${target(file, match[4])}.d.ts`);
  writeFileSync(file, esm);
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), cjs);
}

/** Deletes declarations no entry reaches, then folders left empty. */
function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (!reached.has(path.replace(/\.d\.cts$/, '.d.ts'))) {
      rmSync(path);
    }
  }
}
prune(typesDir);
console.log(`types: ${reached.size} declaration files reachable from ${entries.length} entries, each as .d.ts and .d.cts`);
