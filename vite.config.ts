/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

/** Public entries of the library: name in dist → source. The exports map in package.json mirrors it. */
export const libraryEntries = {
  react: 'src/react/index.ts',
  core: 'src/core/index.ts',
  server: 'src/server/index.ts',
  protocol: 'src/protocol/index.ts',
  'transports-memory': 'src/transports/memory/index.ts',
  testing: 'src/testing/index.ts',
};

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: Object.fromEntries(Object.entries(libraryEntries).map(([name, file]) => [name, resolve(import.meta.dirname, file)])),
      formats: ['es'],
    },
    rollupOptions: {
      // Peer and runtime dependencies stay imports; the user's bundler resolves them once.
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^zustand($|\/)/, /^valibot$/, /^ws$/, /^jose$/, /^idb-keyval$/, /^node:/],
    },
  },
  test: {
    globals: true,
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
