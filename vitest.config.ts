import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// One run, four tiers: unit tests beside the code, web component tests in jsdom, integration tests
// through buildApp() against real SQLite files, and e2e tests in Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'db/src/**/*.test.ts', 'server/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [svelte()],
        // Svelte resolves its browser build only under this condition; tests mount real components.
        resolve: { conditions: ['browser'] },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'jsdom',
          // One jsdom per worker rather than per file (setting one up took 44 of the project's 76 s): component
          // tests unmount what they mount and undo their stubbed globals and fake timers, so no file sees
          // another's document. Files also pass in shuffled order (--sequence.shuffle).
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Instances sharing one database: PostgreSQL only.
          exclude: [
            'tests/integration/several-instances.test.ts',
            'tests/integration/nginx.test.ts',
            'tests/integration/instance-crash.test.ts',
            // A unit of work retried after a conflict, which SQLite never has.
            'tests/integration/live-retry.test.ts',
          ],
          environment: 'node',
          testTimeout: 20_000,
          // The server's modules are loaded once per worker rather than once per file (44 s of 164): every
          // test builds apps of its own, on databases of their own, so no file sees another's state. Files
          // also pass in shuffled order (--sequence.shuffle.files).
          isolate: false,
        },
      },
      {
        // The same integration suite on PostgreSQL: a server started for the run, a database per test app.
        // Left out: what is about the SQLite file itself (its backups, its permissions), and the tests that
        // start PostgreSQL servers of their own.
        test: {
          name: 'integration-pg',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [
            'tests/integration/backup.test.ts',
            'tests/integration/sqlite-file.test.ts',
            'tests/integration/postgres-*.test.ts',
          ],
          environment: 'node',
          testTimeout: 20_000,
          isolate: false, // as above
          env: { APOC_TEST_BACKEND: 'postgres' },
          globalSetup: ['tests/helpers/postgres-global.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser and one server at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
