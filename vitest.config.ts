import { defineConfig } from 'vitest/config';

/**
 * One run, three projects: pure units, the API against real databases (PGlite always,
 * PostgreSQL + PostGIS when DATABASE_URL is set), and end-to-end (browser, GDAL) against the
 * real server. Two workers: each PGlite instance takes ~1 GB and the machine has two cores.
 */
export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ['default', 'json', './.ci/file-times-reporter.mjs'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'data/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
            'eslint/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/test/**/*.test.ts'],
          // The files share each worker's module cache: the app's module graph is imported once a
          // worker, not once a file (that took a quarter of the project's CPU). Every file builds
          // its own app on its own database and closes both.
          isolate: false,
          globalSetup: ['apps/api/test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['apps/api/test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
