import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  // Layer rules: the domain stays pure, old libraries stay behind their seams, the tab sees only contracts.
  {
    files: ['packages/client-data/src/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'pg', '@electric-sql/*', '../adapters/*', '../services/*'] }] },
  },
  {
    files: ['bot/src/**'],
    ignores: ['bot/src/teams/**', 'bot/src/server.ts', 'bot/src/http/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['botbuilder', 'restify'] }] },
  },
  {
    files: ['packages/client-data/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@hub/bc-sandbox', 'botbuilder', 'restify'] }] },
  },
  {
    files: ['packages/bc-sandbox/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@hub/client-data'] }] },
  },
  {
    files: ['tab/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: ['@hub/client-data', '@hub/bc-sandbox', '@hub/bot', 'node:*'] }] },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Tests read JSON answers loosely; production code keeps the strict rule.
  { files: ['**/test/**', 'test-support/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
