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
    // The layers of the README's architecture: domain folders never import the derivation
    // (which orchestrates them), the HTTP layer or the jobs, so they cannot import in a circle.
    files: ['server/{alerts,questions,topics,sync,question-list,overview,requests,statistics}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/derivation/*', '**/routes/*', '**/plugins/*', '**/staff/*', '**/jobs/*'], message: 'Domain modules do not import the derivation, staff actions, routes, plugins or jobs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['jobs/**/*.ts', 'test/**/*.ts', 'server/db/migrate-cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
