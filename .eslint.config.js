// ESLint flat config. Kept as a dotfile (passed with --config) so the project's top level stays
// as README.md's Architecture lays it out.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tap/', 'coverage/', 'migrations/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['jobs/**/*.ts', 'test/**/*.ts', 'server/db/migrate-cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
