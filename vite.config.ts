/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  exports: Record<string, string | { import?: { default?: string } }>;
};

/**
 * Public entries of the library: name in dist → source. The exports map in package.json mirrors
 * it, and test/package/smoke.mjs checks that it does.
 *
 * The stylesheet is an entry too: `styles` → src/styles/index.css, whose `@import`s the build
 * inlines into one `dist/styles.css` (`confab-chat/styles.css` in the exports map). package.json lists
 * `"sideEffects": ["*.css"]` so bundlers keep it; no JS module does anything on import.
 */
export const libraryEntries: Record<string, string> = {
  react: 'src/react/index.ts',
  core: 'src/core/index.ts',
  server: 'src/server/index.ts',
  protocol: 'src/protocol/index.ts',
  'transports-memory': 'src/transports/memory/index.ts',
  'transports-websocket': 'src/transports/websocket/index.ts',
  // Helpers for tests and stories (a memory server, a provider, fixtures); imports React.
  testing: 'src/testing/index.ts',
  // The drop-in components (`confab-chat/ui`); the stylesheet is separate and opt-in (`confab-chat/styles.css`).
  ui: 'src/ui/index.ts',
  // The emoji source backed by emoji-mart (`<Chat emoji={emojiMart}>`): the only entry that imports
  // emoji-mart and @emoji-mart/data, optional peers that a bundler needs installed once this is used.
  'emoji-mart': 'src/emoji-mart/index.ts',
  // Node only (the `confab-server` command and `confab-chat/host`): node: modules, ws and jose stay imports.
  host: 'src/host/index.ts',
  // A typed client of the host's admin API for an app's backend (fetch only, no dependencies).
  admin: 'src/admin/index.ts',
  // The bot kit for Node (`confab-chat/bot`): a bot user over the WebSocket transport, with streamed replies.
  bot: 'src/bot/index.ts',
  // The opt-in stylesheet: emitted as dist/styles.css (CSS entries keep their name; no JS is emitted).
  styles: 'src/styles/index.css',
};

/**
 * Entries whose modules use React state or effects: their built files begin with `'use client'`,
 * so that a React Server Components bundler makes them client references instead of running them
 * on the server. (A directive in a source file is dropped by bundling; the banner is not.)
 */
const clientEntries = new Set(['react', 'ui']);

/**
 * `confab-chat`, `confab-chat/core`, … → their source entries, for code that imports Confab by its public
 * names (playground, stories, tests) while running from source. Derived from the exports map.
 */
export const publicEntryAliases = Object.entries(pkg.exports).flatMap(([key, target]) => {
  const file = typeof target === 'string' ? target : target.import?.default;
  const entry = file?.match(/^\.\/dist\/(.+)\.(?:js|css)$/)?.[1];
  const source = entry === undefined ? undefined : libraryEntries[entry];
  if (source === undefined) return [];
  const name = key === '.' ? 'confab-chat' : `confab-chat/${key.slice(2)}`;
  return [{ find: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`), replacement: resolve(root, source) }];
});

/**
 * Peer and runtime dependencies stay imports (with any subpath); the user's bundler resolves them
 * once. The optional peers (the host's ws, jose and storage drivers; emoji-mart) are peers too.
 */
const externalPackages = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const isExternal = (id: string) => id.startsWith('node:') || externalPackages.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  plugins: [react()],
  resolve: { alias: publicEntryAliases },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // One CSS file per CSS entry (dist/styles.css), rather than one file named after the package.
    cssCodeSplit: true,
    lib: {
      entry: Object.fromEntries(Object.entries(libraryEntries).map(([name, file]) => [name, resolve(root, file)])),
      // ES modules (`import`) and CommonJS (`require`, for Jest and older tools): `name.js` and
      // `name.cjs`, each with its own shared chunks. Types: scripts/types.mjs after this build.
      formats: ['es', 'cjs'],
      fileName: (format, name) => `${name}.${format === 'es' ? 'js' : 'cjs'}`,
    },
    rolldownOptions: {
      external: isExternal,
      onLog(level, log, handler) {
        // The host's CLI asks `import.meta.url` whether it runs as a script; in CommonJS that is
        // `{}`, so the answer is "no", which is right: the `confab-server` bin imports the ES build.
        if (log.code === 'EMPTY_IMPORT_META' && log.id?.endsWith('src/host/cli.ts')) return;
        handler(level, log);
      },
      output: {
        banner: (chunk) => (chunk.isEntry && clientEntries.has(chunk.name) ? "'use client';" : ''),
      },
    },
  },
  test: {
    globals: true,
    // Which files: per project below (a project's `include` would add to one given here).
    // Starts a throwaway PostgreSQL when the run has tests that need one (test/support/postgres.ts).
    globalSetup: ['test/support/postgres.globalSetup.ts'],
    environment: 'node',
    restoreMocks: true,
    // A guard against hangs, not a speed check: on a loaded two-core machine ESLint's first run
    // alone takes seconds. Speed is measured by the benchmarks in bench/.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The server's tests once per storage engine, in the same run: every file of test/server/
    // also on SQLite and on PostgreSQL (test/support/storage.ts reads CONFAB_TEST_STORAGE; each
    // test a fresh database). The first project is everything, on memory, as before.
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.{ts,tsx}'] } },
      ...(['sqlite', 'postgres'] as const).map((engine) => ({
        extends: true as const,
        test: {
          name: `server-${engine}`,
          include: ['test/server/**/*.test.ts'],
          // Pure units of the rules that never touch storage: memory covers them. The export format's
          // round trip runs on the in-page server (test/server/memoryHelpers.ts); over SQLite and
          // PostgreSQL it is test/host/transfer.test.ts and test/storage's contract suite.
          exclude: ['test/server/typing.test.ts', 'test/server/transfer.test.ts'],
          env: { CONFAB_TEST_STORAGE: engine },
        },
      })),
    ],
  },
});
