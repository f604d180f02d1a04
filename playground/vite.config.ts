// `npm start` (`vite playground`) and `npm run build:playground` use this file: the playground
// folder is the root, and Confab's public entry names resolve to the library's source, so the
// playground imports Confab exactly as a user would. Keep in step with package.json `exports`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const src = (file: string) => resolve(import.meta.dirname, '../src', file);

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^confab$/, replacement: src('react/index.ts') },
      { find: /^confab\/core$/, replacement: src('core/index.ts') },
      { find: /^confab\/server$/, replacement: src('server/index.ts') },
      { find: /^confab\/protocol$/, replacement: src('protocol/index.ts') },
      { find: /^confab\/transports\/memory$/, replacement: src('transports/memory/index.ts') },
      { find: /^confab\/testing$/, replacement: src('testing/index.ts') },
    ],
  },
  build: {
    outDir: resolve(import.meta.dirname, '../dist-playground'),
    emptyOutDir: true,
  },
});
