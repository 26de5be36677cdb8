import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from './eslint/boundaries.js';

/** Import rules that keep dependencies pointing one way: domain ← geo/contracts ← rules ← apps. */
const noApps = { group: ['@mpm/api', '@mpm/web', '**/apps/**'], message: 'Packages are pure: they never import apps.' };
const noIo = {
  group: ['node:fs', 'fs', 'node:child_process', 'pg', 'knex', 'fastify', 'react', 'maplibre-gl'],
  message: 'Pure packages do no I/O and know no framework.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'var/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Each workspace package (and e2e, bench, data) is a unit: relative imports stay inside it;
    // other units are imported by name. The rulesets are data that anything may read.
    plugins: { boundaries },
    rules: {
      'boundaries/no-cross-package-relative': [
        'error',
        { units: ['apps/*', 'packages/*', 'e2e', 'bench', 'data'], shared: ['data/rulesets'] },
      ],
    },
  },
  {
    // A route folder (ogc, tiles, api/<feature>) imports no other: what they share lives in plugins/app.
    files: ['apps/api/src/routes/**'],
    rules: {
      'boundaries/no-cross-route-import': [
        'error',
        { units: ['apps/api/src/routes/*', 'apps/api/src/routes/api/*'] },
      ],
    },
  },
  {
    files: ['packages/domain/src/**'],
    rules: restrict(noApps, noIo, {
      group: ['@mpm/geo', '@mpm/rules', '@mpm/contracts'],
      message: 'domain is the bottom layer: it imports no other package.',
    }),
  },
  {
    files: ['packages/geo/src/**', 'packages/contracts/src/**'],
    rules: restrict(noApps, noIo, { group: ['@mpm/rules'], message: 'Imports point downward only.' }),
  },
  { files: ['packages/rules/src/**'], rules: restrict(noApps, noIo) },
  // Tests of pure packages may run external tools (gdaltransform, psql) as independent checks.
  { files: ['packages/*/test/**'], rules: restrict(noApps) },
  {
    files: ['apps/web/**'],
    rules: restrict({ group: ['@mpm/api', '**/apps/api/**', 'knex', 'pg'], message: 'The web app talks to the API over HTTP only.' }),
  },
  {
    files: ['apps/api/**'],
    rules: restrict({ group: ['@mpm/web', '**/apps/web/**'], message: 'The API does not import the web app.' }),
  },
);
