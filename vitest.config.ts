import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// One config, one project per kind of test; `npm test` (scripts/test.mjs) runs them all.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'extension/capture/**/*.test.ts',
            'test/unit/**/*.test.ts',
          ],
          exclude: ['**/*.postgres.test.ts', '**/node_modules/**'],
        },
      },
      {
        // The server's own tests again, on PostgreSQL (services, migrations with the advisory lock).
        test: {
          name: 'server-pg',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          globalSetup: ['test/setup/postgres-cluster.ts'],
          setupFiles: ['test/setup/pg-admin-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto'],
          include: ['extension/**/*.test.{ts,tsx}'],
          exclude: ['extension/capture/**'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          // Every file starts its own server on its own database; sharing the imported server
          // modules between files (instead of re-importing Prisma, better-auth… per file) halves the run.
          isolate: false,
          env: { TEST_DB: 'sqlite' },
          globalSetup: ['test/setup/dovecot.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration-pg',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          // Every file starts its own server on its own database; sharing the imported server
          // modules between files (instead of re-importing Prisma, better-auth… per file) halves the run.
          isolate: false,
          env: { TEST_DB: 'postgres' },
          globalSetup: ['test/setup/postgres-cluster.ts', 'test/setup/dovecot.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // the sync tests run two server processes on one PostgreSQL database
          globalSetup: ['test/setup/postgres-cluster.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
