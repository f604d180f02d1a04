// Package smoke test, run by `npm test` after `npm run build`.
//
// Imports each built entry that needs no DOM through the package's own `exports` map (a package
// may import itself by name), checks a few exports, checks that none of them pulls in React,
// checks that every file the exports map names exists, and `require()`s every entry's CommonJS
// build (same exports as its ES module). Prints `package smoke: N passed, N failed`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** Every own file an entry reaches by static import or require (entry included), and the packages it imports. */
function staticGraph(file) {
  const files = new Set();
  const packages = new Set();
  const visit = (f) => {
    if (files.has(f)) return;
    files.add(f);
    const code = readFileSync(f, 'utf8');
    const specifiers = [
      ...code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?["']([^"']+)["']/g),
      // The CommonJS build's chunks: `require("./chunk.cjs")`.
      ...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g),
    ];
    for (const m of specifiers) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(resolve(dirname(f), spec));
      else packages.add(spec);
    }
  };
  visit(file);
  return { files, packages };
}

// Plain files (the stylesheet) map to a string; code entries to
// `{ import: { types, default }, require: { types, default }, default }`.
const entries = Object.entries(pkg.exports).filter(([key, target]) => key !== './package.json' && typeof target !== 'string');
const files = Object.entries(pkg.exports).filter(([key, target]) => key !== './package.json' && typeof target === 'string');

console.log('exports map:');
for (const [key, target] of entries) {
  await check(`${key} → import, require and default, each file present`, () => {
    assert(Object.keys(target).join() === 'import,require,default', `conditions are ${Object.keys(target).join()}, expected import, require, default (default last)`);
    assert(target.default === target.import.default, '`default` must be the ES module, as for `import`');
    for (const [condition, types, js] of [
      ['import', /\.d\.ts$/, /\.js$/],
      ['require', /\.d\.cts$/, /\.cjs$/],
    ]) {
      const branch = target[condition];
      assert(Object.keys(branch).join() === 'types,default', `${condition}: conditions are ${Object.keys(branch).join()}, expected types first, then default`);
      assert(types.test(branch.types) && js.test(branch.default), `${condition}: ${branch.types} and ${branch.default} have the wrong extensions`);
      for (const file of [branch.types, branch.default]) assert(existsSync(join(root, file)), `${file} is missing (did \`npm run build\` run?)`);
    }
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
  'confab-chat/protocol': (m) => {
    assertFunctions(m, ['ChatError', 'parseCommand', 'parseServerEvent', 'utf8ByteLength']);
    assert(m.DEFAULT_LIMITS?.maxTextBytes === 5 * 1024, 'DEFAULT_LIMITS.maxTextBytes is not 5 KB');
    assert(m.utf8ByteLength('é') === 2, 'utf8ByteLength counts bytes');
  },
  'confab-chat/server': (m) => assertFunctions(m, ['createReferenceServer']),
  'confab-chat/core': (m) => assertFunctions(m, ['createChatClient']),
  'confab-chat/transports/memory': (m) => assertFunctions(m, ['createMemoryTransport']),
  'confab-chat/bot': (m) => {
    assertFunctions(m, ['createBot', 'nextPiece', 'isAddressedTo']);
    assert(m.nextPiece('ééé', 0, 4) === 'éé', 'nextPiece cuts by UTF-8 bytes without splitting a character');
  },
};
for (const [name, test] of Object.entries(headless)) {
  await check(`import('${name}')`, async () => {
    const target = pkg.exports[`./${name.slice('confab-chat/'.length)}`];
    assert(target, `no export for ${name}`);
    const mod = await import(name);
    await test(mod);
    const { packages } = staticGraph(join(root, target.import.default));
    const ui = [...packages].filter((p) => /^(react|react-dom)(\/|$)/.test(p));
    assert(ui.length === 0, `${name} imports ${ui.join(', ')}`);
  });
}

console.log('optional peers:');
// A bundler resolves every import it sees, dynamic ones too, and fails the build when the package
// is missing: so only the entries that need them may name the optional peers.
const OPTIONAL_PEERS = {
  'emoji-mart': ['./emoji-mart'],
  '@emoji-mart/data': ['./emoji-mart'],
  ws: ['./host'],
  jose: ['./host'],
};
for (const [key, target] of entries) {
  const allowed = Object.entries(OPTIONAL_PEERS).filter(([, keys]) => keys.includes(key)).map(([name]) => name);
  await check(`${key} names ${allowed.length ? `no optional peer but ${allowed.join(', ')}` : 'no optional peer'} (static or dynamic import)`, () => {
    for (const file of [target.import.default, target.require.default]) {
      const { files } = staticGraph(join(root, file));
      for (const reached of files) {
        const code = readFileSync(reached, 'utf8');
        for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'`]([^"'`]+)["'`]/g)) {
          const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
          if (name in OPTIONAL_PEERS && !allowed.includes(name)) throw new Error(`${reached.slice(root.length + 1)} imports '${m[1]}'`);
        }
      }
    }
  });
}

console.log('CommonJS (require):');
const require = createRequire(import.meta.url);
for (const [key] of entries) {
  const name = key === '.' ? 'confab-chat' : `confab-chat/${key.slice(2)}`;
  await check(`require('${name}') loads ${pkg.exports[key].require.default} with the ES module's exports`, async () => {
    assert(require.resolve(name) === join(root, pkg.exports[key].require.default), `require.resolve('${name}') is ${require.resolve(name)}`);
    const cjs = require(name);
    const esm = await import(name);
    const [cjsNames, esmNames] = [Object.keys(cjs).sort(), Object.keys(esm).sort()];
    assert(cjsNames.join() === esmNames.join(), `exports differ: CommonJS has ${cjsNames.length}, ES module ${esmNames.length}`);
    for (const exported of esmNames) assert(typeof cjs[exported] === typeof esm[exported], `${exported} is a ${typeof cjs[exported]} in CommonJS, a ${typeof esm[exported]} in ESM`);
  });
}
await check('CommonJS end to end: two clients on the memory server, one message delivered', async () => {
  const { createChatClient, selectMessages } = require('confab-chat/core');
  const { createReferenceServer } = require('confab-chat/server');
  const { createMemoryTransport } = require('confab-chat/transports/memory');
  const server = createReferenceServer();
  server.upsertUser({ id: 'ana', name: 'Ana' });
  server.upsertUser({ id: 'bo', name: 'Bo' });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  const ana = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
  const bo = createChatClient({ transport: createMemoryTransport(server, { userId: 'bo' }) });
  try {
    await Promise.all([ana.connect(), bo.connect()]);
    const delivered = new Promise((done) => {
      const stop = bo.store.subscribe((state) => {
        if (!selectMessages(state, 'general').some((message) => message.text === 'Hello from require()')) return;
        stop();
        done();
      });
    });
    const sent = await ana.sendMessage('general', { text: 'Hello from require()' });
    assert(sent.sequence === 1, `sequence ${sent.sequence}`);
    await Promise.race([delivered, new Promise((_, fail) => setTimeout(() => fail(new Error('Bo never saw the message')), 2000))]);
  } finally {
    ana.close();
    bo.close();
  }
});

console.log(`package smoke: ${passed} of ${passed + failed} checks passed`);
recordCounts('package-smoke', passed, failed);
process.exitCode = failed === 0 ? 0 : 1;
