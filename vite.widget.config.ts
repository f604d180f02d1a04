/**
 * The script-tag widget build (`vite build -c vite.widget.config.ts`, run by `npm run build` after
 * the library build). It writes:
 *
 *   dist/widget/confab-widget.js          one classic script (IIFE): React, the UI, the client,
 *                                         the WebSocket transport and the stylesheet, all inside
 *   dist/widget/lazy/emoji-mart.js        ES modules fetched with import() the first time the
 *   dist/widget/lazy/emoji-data.js        emoji picker opens (or `:shortcode` completion starts),
 *   dist/widget/lazy/emoji-i18n-<lang>.js from beside the script, never before
 *   dist/widget/lazy/demo.js              the in-page server of demo mode, fetched in demo mode only
 *   dist/widget/lazy/locale-<tag>.js      a language's texts (`locale`), fetched when the chat first shows it
 *
 * Design: an IIFE cannot be split into chunks, and a loader that import()s an ES build would make
 * React a second request. So the main file stays one IIFE, and only the emoji code and data (and
 * demo mode's server) are left out of it: the UI's `import('emoji-mart')`, `import('@emoji-mart/data')` and
 * `import('@emoji-mart/data/i18n/<lang>.json')` are rewritten (plugin `confab-widget-lazy`
 * below) to `import(lazyChunkUrl('<file>'))`, where `lazyChunkUrl` (src/widget/lazy.ts) resolves
 * against the script's own URL, taken from `document.currentScript` while the script first runs;
 * likewise the widget's own `import('./lazy/demo')`. Browsers run `import()` in classic scripts,
 * so the chunks are ordinary ES modules, built apart by a second build here (closeBundle) with no
 * code shared with the IIFE: emoji-mart and its data need nothing of ours, and the demo chunk
 * carries its own copy of the protocol (its errors are adopted by the main file, see
 * src/widget/session.ts). The build fails if emoji-mart or the server ends up inside the IIFE.
 *
 * The stylesheet comes in as text (`src/styles/index.css?inline`), which the widget adopts as a
 * constructed stylesheet in its shadow root: no `<style>` element, no extra request.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import MagicString from 'magic-string';
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
const outDir = resolve(root, 'dist/widget');
const require = createRequire(import.meta.url);

const emojiData = require.resolve('@emoji-mart/data');
const i18nDir = join(dirname(require.resolve('@emoji-mart/data/package.json')), 'i18n');
const languages = readdirSync(i18nDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

/** The UI's dictionaries besides English (src/ui/i18n/dictionaries/<tag>.ts), each a lazy chunk `locale-<tag>.js`. */
const dictionariesDir = resolve(root, 'src/ui/i18n/dictionaries');
const dictionaries = readdirSync(dictionariesDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length));

/** The lazy chunks: name in dist/widget/lazy (+ `.js`) → source. */
const lazyEntries: Record<string, string> = {
  // Demo mode's in-page server, memory transport and simulated person.
  demo: resolve(root, 'src/widget/lazy/demo.ts'),
  'emoji-mart': resolve(root, 'src/widget/lazy/emoji-mart.ts'),
  'emoji-data': emojiData,
  ...Object.fromEntries(languages.map((language) => [`emoji-i18n-${language}`, join(i18nDir, `${language}.json`)])),
  ...Object.fromEntries(dictionaries.map((tag) => [`locale-${tag}`, join(dictionariesDir, `${tag}.ts`)])),
};

/** A dynamic import specifier of the UI → its lazy chunk's file name, or undefined. */
function lazyFile(specifier: string): string | undefined {
  if (specifier === 'emoji-mart') return 'emoji-mart.js';
  if (specifier === '@emoji-mart/data') return 'emoji-data.js';
  const language = /^@emoji-mart\/data\/i18n\/([a-z]+)\.json$/.exec(specifier)?.[1];
  return language !== undefined && languages.includes(language) ? `emoji-i18n-${language}.js` : undefined;
}

const LAZY_IMPORT = /\bimport\(\s*(['"])((?:emoji-mart|@emoji-mart\/data)[^'"]*)\1\s*\)/g;
/** The widget's own lazy modules: `import('./lazy/<name>')` in src/widget → `<name>.js`. */
const WIDGET_LAZY_IMPORT = /\bimport\(\s*(['"])\.\/lazy\/([a-z-]+)\1\s*\)/g;
/** The UI's dictionaries: `import('./dictionaries/<tag>')` in src/ui/i18n → `locale-<tag>.js`. */
const DICTIONARY_IMPORT = /\bimport\(\s*(['"])\.\/dictionaries\/([A-Za-z-]+)\1\s*\)/g;
const lazyHelper = resolve(root, 'src/widget/lazy.ts');

/** Rewrites the emoji imports of our sources to chunks beside the script, and checks none slipped in. */
function lazyEmoji(): Plugin {
  /** Where the IIFE goes (`--outDir` may move it); the chunks go to `lazy/` inside. */
  let target = outDir;
  return {
    name: 'confab-widget-lazy',
    enforce: 'pre',
    configResolved(config) {
      target = resolve(config.root, config.build.outDir);
    },
    transform(code, id) {
      if (!id.startsWith(resolve(root, 'src'))) return null;
      // The widget's own files name emoji-mart only in comments; its lazy modules are `./lazy/…`.
      const inWidget = id.startsWith(resolve(root, 'src/widget'));
      const output = new MagicString(code);
      let changed = false;
      const rewrite = (match: RegExpMatchArray, file: string) => {
        output.overwrite(match.index as number, (match.index as number) + match[0].length, `import(/* @vite-ignore */ __confabLazyChunkUrl(${JSON.stringify(file)}))`);
        changed = true;
      };
      for (const match of inWidget ? [] : code.matchAll(LAZY_IMPORT)) {
        const specifier = match[2] as string;
        const file = lazyFile(specifier);
        if (!file) this.error(`confab-widget-lazy: no lazy chunk for import('${specifier}') in ${id}`);
        rewrite(match, file);
      }
      for (const match of inWidget ? [] : code.matchAll(DICTIONARY_IMPORT)) {
        const tag = match[2] as string;
        if (!dictionaries.includes(tag)) this.error(`confab-widget-lazy: no dictionary "${tag}" for import('./dictionaries/${tag}') in ${id}`);
        rewrite(match, `locale-${tag}.js`);
      }
      for (const match of inWidget ? code.matchAll(WIDGET_LAZY_IMPORT) : []) {
        const name = match[2] as string;
        if (!(name in lazyEntries)) this.error(`confab-widget-lazy: no lazy entry "${name}" for import('./lazy/${name}') in ${id}`);
        rewrite(match, `${name}.js`);
      }
      if (!changed) return null;
      // Appended, so that line numbers stay as they were; imports are hoisted.
      output.append(`\nimport { lazyChunkUrl as __confabLazyChunkUrl } from ${JSON.stringify(lazyHelper)};\n`);
      return { code: output.toString(), map: output.generateMap({ hires: true }) };
    },
    generateBundle() {
      const ids = [...this.getModuleIds()];
      const leaked = ids.filter((id) => /[/\\]node_modules[/\\](emoji-mart|@emoji-mart)[/\\]/.test(id));
      if (leaked.length > 0) this.error(`confab-widget-lazy: emoji-mart code is inside the widget bundle (${leaked.join(', ')}); it must stay in the lazy chunks.`);
      const server = ids.filter((id) => id.startsWith(resolve(root, 'src/server') + '/') || id.startsWith(resolve(root, 'src/widget/lazy') + '/'));
      if (server.length > 0) this.error(`confab-widget-lazy: demo-only code is inside the widget bundle (${server.join(', ')}); it must stay in lazy/demo.js.`);
      const texts = ids.filter((id) => id.startsWith(dictionariesDir + '/'));
      if (texts.length > 0) this.error(`confab-widget-lazy: dictionaries are inside the widget bundle (${texts.join(', ')}); each must stay in its lazy/locale-<tag>.js.`);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        publicDir: false,
        logLevel: 'warn',
        json: { stringify: true },
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir: resolve(target, 'lazy'),
          emptyOutDir: true,
          minify: true,
          sourcemap: false,
          reportCompressedSize: false,
          lib: { entry: lazyEntries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
          rolldownOptions: { output: { chunkFileNames: 'chunk-[hash].js' } },
        },
      });
    },
  };
}

/**
 * The widget runs on Preact's React compatibility layer (preact/compat), not React: ~4 kB gzip of
 * renderer instead of React 19's ~60, the difference between the widget meeting its size goal or
 * not. Only this build is aliased; the library entries (`confab-chat`, `confab-chat/ui`) import React and
 * run on whichever React the user has. Everything the UI uses has a compat twin: hooks including
 * useSyncExternalStore (zustand's subscription), createPortal, createRoot (`react-dom/client`),
 * memo, and the JSX runtime; react-virtuoso runs on it too. The widget's Chromium checks
 * (`npm run test:widget`) run against this build.
 */
const preactCompat = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];

export default defineConfig({
  plugins: [lazyEmoji(), react()],
  // `CONFAB_WIDGET_RENDERER=react npm run build` builds it on React instead, to compare.
  resolve: { alias: process.env['CONFAB_WIDGET_RENDERER'] === 'react' ? [] : preactCompat },
  publicDir: false,
  // Library mode leaves process.env.NODE_ENV alone for bundlers to set; this file is the end product.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: resolve(root, 'src/widget/entry.ts'),
      formats: ['iife'],
      name: 'ConfabWidget',
      fileName: () => 'confab-widget.js',
    },
  },
});
