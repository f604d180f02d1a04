// `npm start` (`vite playground`) and `npm run build:playground` use this file: the playground
// folder is the root, and Confab's public entry names resolve to the library's source, so the
// playground imports Confab exactly as a user would. Keep in step with package.json `exports`
// (and .storybook/main.ts, which maps the same names).
//
// The build is static and relative (`base: './'`): dist-playground/ can be hosted anywhere, even
// in a sub-folder, as a demo that needs no server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const src = (file: string) => resolve(import.meta.dirname, '../src', file);

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^confab-chat$/, replacement: src('react/index.ts') },
      { find: /^confab-chat\/core$/, replacement: src('core/index.ts') },
      { find: /^confab-chat\/server$/, replacement: src('server/index.ts') },
      { find: /^confab-chat\/protocol$/, replacement: src('protocol/index.ts') },
      { find: /^confab-chat\/transports\/memory$/, replacement: src('transports/memory/index.ts') },
      { find: /^confab-chat\/transports\/websocket$/, replacement: src('transports/websocket/index.ts') },
      { find: /^confab-chat\/testing$/, replacement: src('testing/index.ts') },
      { find: /^confab-chat\/ui$/, replacement: src('ui/index.ts') },
      { find: /^confab-chat\/emoji-mart$/, replacement: src('emoji-mart/index.ts') },
      { find: /^confab-chat\/bot$/, replacement: src('bot/index.ts') },
      { find: /^confab-chat\/styles\.css$/, replacement: src('styles/index.css') },
    ],
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: resolve(import.meta.dirname, '../dist-playground'),
    emptyOutDir: true,
    // The playground bundles React, the reference server and the components: one demo, not a library.
    chunkSizeWarningLimit: 2048,
  },
});
