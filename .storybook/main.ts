// Storybook 10 with the React-Vite framework. Stories import Confab by its public entry names
// (`confab-chat`, `confab-chat/ui`, `confab-chat/testing`, `confab-chat/styles.css`), exactly as a user would; the
// aliases below point those names at src/, like the playground's. Nothing here reaches the network:
// telemetry, crash reports and the "what's new" notifications are off.
import type { StorybookConfig } from '@storybook/react-vite';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const src = (file: string) => resolve(root, 'src', file);

/**
 * Public entry name → source. Mirrors package.json `exports` (test/package/smoke.mjs pins that
 * map against the build); `confab-chat/ui` and `confab-chat/styles.css` are the components entry and the
 * stylesheet of issue 4.
 */
export const confabAliases = [
  { find: /^confab-chat$/, replacement: src('react/index.ts') },
  { find: /^confab-chat\/core$/, replacement: src('core/index.ts') },
  { find: /^confab-chat\/server$/, replacement: src('server/index.ts') },
  { find: /^confab-chat\/protocol$/, replacement: src('protocol/index.ts') },
  { find: /^confab-chat\/transports\/memory$/, replacement: src('transports/memory/index.ts') },
  { find: /^confab-chat\/testing$/, replacement: src('testing/index.ts') },
  { find: /^confab-chat\/ui$/, replacement: src('ui/index.ts') },
  { find: /^confab-chat\/emoji-mart$/, replacement: src('emoji-mart/index.ts') },
  { find: /^confab-chat\/styles\.css$/, replacement: src('styles/index.css') },
];

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  addons: [],
  framework: { name: '@storybook/react-vite', options: { strictMode: true } },
  core: { disableTelemetry: true, enableCrashReports: false, disableWhatsNewNotifications: true },
  // No prop tables (no docs addon): skip docgen and keep the build lean.
  typescript: { reactDocgen: false },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: { alias: confabAliases },
      // Storybook's own chunks are large by nature; the library's sizes are measured by bench:size and bench:ui.
      build: { chunkSizeWarningLimit: 4096 },
    });
  },
};

export default config;
