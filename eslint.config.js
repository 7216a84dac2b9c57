// Lint with the ecosystem's rules: ESLint's recommended set and typescript-eslint's type-checked one.
// Formatting is Prettier's job alone, so no stylistic rule is enabled here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importRuleBlocks } from './architecture.ts';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'reports/', 'contracts/pacts/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The suite escapes control characters in what it prints: matching them is the point.
      'no-control-regex': 'off',
      // Conflicts with Prettier's line breaks (eslint-config-prettier turns it off for the same reason).
      'no-unexpected-multiline': 'off',
      // Async functions that implement a Promise-returning interface keep a throw a rejection.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read parsed JSON (typed `unknown` or `any` by JSON.parse) and print it in their messages.
    files: ['test/**', 'properties/**', 'contracts/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Who may import whom in src/ (architecture.ts, ARCHITECTURE.md): an import against the flow is an error.
  ...importRuleBlocks(),
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // The published command: plain JavaScript run by Node (bin/conformance.js).
  { files: ['bin/**/*.js'], languageOptions: { globals: { process: 'readonly', URL: 'readonly' } } },
);
