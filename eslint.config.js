// ESLint 9 flat config. Fast, non-type-aware rules plus Confab's own layer rule (eslint/layers.js).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import confab from './eslint/layers.js';

/** Ways raw HTML or code from strings could reach the page. DESIGN.md: user text is rendered as text. */
const unsafeHtmlAndCode = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'No dangerouslySetInnerHTML: user text is rendered as text (DESIGN.md).',
  },
  {
    selector: "Property[key.name='dangerouslySetInnerHTML']",
    message: 'No dangerouslySetInnerHTML: user text is rendered as text (DESIGN.md).',
  },
  {
    selector: "AssignmentExpression[left.type='MemberExpression'][left.property.name=/^(inner|outer)HTML$/]",
    message: 'No .innerHTML/.outerHTML assignment: build nodes, or set textContent.',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'No insertAdjacentHTML: build nodes, or set textContent.',
  },
  {
    selector: "NewExpression[callee.name='Function'], CallExpression[callee.name='Function']",
    message: 'No new Function: code is never made from strings.',
  },
];

export default defineConfig([
  { ignores: ['dist/', 'dist-playground/', 'node_modules/', 'storybook-static/', 'coverage/', 'test-results/', 'docs/api/'] },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },

  // Tooling, tests and benches run in Node.
  {
    files: ['*.{js,mjs,ts}', 'eslint/**', 'scripts/**', 'bin/**', 'test/**', 'bench/**', '.ci/**', 'playground/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },

  // The library. Layers below react run in browsers and Node alike: neither's globals.
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    plugins: { confab },
    rules: {
      'confab/layers': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'no-restricted-syntax': ['error', ...unsafeHtmlAndCode],
      'no-restricted-properties': [
        'error',
        { object: 'document', property: 'write', message: 'No document.write.' },
        { object: 'document', property: 'writeln', message: 'No document.writeln.' },
      ],
    },
  },
  {
    files: ['src/{react,ui,widget,testing}/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // The playground and stories: browser code that imports Confab by its public entry names only.
  {
    files: ['playground/**/*.{ts,tsx}', 'stories/**/*.{ts,tsx}'],
    ignores: ['playground/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { confab },
    rules: {
      'confab/layers': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...unsafeHtmlAndCode],
    },
  },

  // Rules of hooks where hooks live.
  {
    files: ['src/{react,ui,widget}/**/*.{ts,tsx}', 'playground/**/*.tsx', 'stories/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
]);
