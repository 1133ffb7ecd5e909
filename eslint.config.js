// ESLint flat config: recommended JS + typescript-eslint rules over src, test and bench.
const { defineConfig } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = defineConfig(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'coverage/**', '.artifacts/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node ES-module scripts (CI checks): the Node globals they use.
    files: ['**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { fetch: 'readonly', setTimeout: 'readonly', console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', performance: 'readonly' },
    },
  },
  {
    // The README's Jest example: plain JavaScript on Node (global fetch) with Jest's globals.
    files: ['examples/**/*.test.js'],
    languageOptions: {
      globals: { fetch: 'readonly', test: 'readonly', expect: 'readonly', beforeEach: 'readonly', describe: 'readonly' },
    },
  },
);
