// Package smoke test, run by `npm test` after `npm run build`.
//
// Imports each built entry that needs no DOM through the package's own `exports` map (a package
// may import itself by name), checks a few exports, checks that none of them pulls in React, and
// checks that every file the exports map names exists. Prints `package smoke: N passed, N failed`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

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
function assertFunctions(mod, names) {
  for (const name of names) assert(typeof mod[name] === 'function', `export ${name} is ${typeof mod[name]}, expected a function`);
}

/** Every own file an entry reaches by static import (entry included), and the packages it imports. */
function staticGraph(file) {
  const files = new Set();
  const packages = new Set();
  const visit = (f) => {
    if (files.has(f)) return;
    files.add(f);
    const code = readFileSync(f, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?["']([^"']+)["']/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(resolve(dirname(f), spec));
      else packages.add(spec);
    }
  };
  visit(file);
  return { files, packages };
}

// Plain files (the stylesheet) map to a string; code entries to `{ types, import }`.
const entries = Object.entries(pkg.exports).filter(([key, target]) => key !== './package.json' && typeof target !== 'string');
const files = Object.entries(pkg.exports).filter(([key, target]) => key !== './package.json' && typeof target === 'string');

console.log('exports map:');
for (const [key, target] of entries) {
  await check(`${key} → ${target.import} and ${target.types} exist`, () => {
    assert(typeof target === 'object' && target.types && target.import, 'each export needs `types` and `import`');
    assert(Object.keys(target)[0] === 'types', '`types` must come first in the conditions');
    for (const file of [target.import, target.types]) assert(existsSync(join(root, file)), `${file} is missing (did \`npm run build\` run?)`);
  });
}

console.log('files:');
for (const [key, target] of files) {
  await check(`${key} → ${target} exists`, () => assert(existsSync(join(root, target)), `${target} is missing (did \`npm run build\` run?)`));
}
await check('./styles.css is one file with the design tokens and every part, @imports inlined', () => {
  assert(pkg.exports['./styles.css'] === './dist/styles.css', 'exports has no "./styles.css": "./dist/styles.css"');
  const css = readFileSync(join(root, 'dist/styles.css'), 'utf8');
  assert(/--confab-[a-z-]+\s*:/.test(css), 'no --confab-* custom property is defined');
  assert(css.includes('.confab-root'), 'no .confab-root rule');
  assert(!/@import\b/.test(css), 'an @import was left in (the parts must be inlined)');
  for (const part of ['confab-room-list', 'confab-room-header', 'confab-thread-panel']) assert(css.includes(`.${part}`), `.${part} is missing`);
  const sideEffects = pkg.sideEffects;
  assert(Array.isArray(sideEffects) && sideEffects.includes('*.css'), 'package.json sideEffects must list "*.css", or bundlers drop the stylesheet');
});

console.log('entries without a DOM:');
const headless = {
  'confab/protocol': (m) => {
    assertFunctions(m, ['ChatError', 'parseCommand', 'parseServerEvent', 'utf8ByteLength']);
    assert(m.DEFAULT_LIMITS?.maxTextBytes === 5 * 1024, 'DEFAULT_LIMITS.maxTextBytes is not 5 KB');
    assert(m.utf8ByteLength('é') === 2, 'utf8ByteLength counts bytes');
  },
  'confab/server': (m) => assertFunctions(m, ['createReferenceServer']),
  'confab/core': (m) => assertFunctions(m, ['createChatClient']),
  'confab/transports/memory': (m) => assertFunctions(m, ['createMemoryTransport']),
};
for (const [name, test] of Object.entries(headless)) {
  await check(`import('${name}')`, async () => {
    const target = pkg.exports[`./${name.slice('confab/'.length)}`];
    assert(target, `no export for ${name}`);
    const mod = await import(name);
    await test(mod);
    const { packages } = staticGraph(join(root, target.import));
    const ui = [...packages].filter((p) => /^(react|react-dom)(\/|$)/.test(p));
    assert(ui.length === 0, `${name} imports ${ui.join(', ')}`);
  });
}

console.log(`package smoke: ${passed} of ${passed + failed} checks passed`);
recordCounts('package-smoke', passed, failed);
process.exitCode = failed === 0 ? 0 : 1;
