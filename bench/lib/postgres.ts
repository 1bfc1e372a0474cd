import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { freshDatabase, startTestPostgres, type TestPostgres } from '../../tests/helpers/postgres';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * A PostgreSQL database holding a copy of a generated SQLite dataset (through `npm run db:copy`,
 * the operators' own path): BENCH_DATABASE_URL's server when set, else an embedded one.
 */
export async function postgresCopyOf(sqliteFile: string): Promise<{ url: string; server: TestPostgres }> {
  const server = await startTestPostgres({ embedded: !process.env.BENCH_DATABASE_URL });
  const url = await freshDatabase(process.env.BENCH_DATABASE_URL ?? server.adminUrl);
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', '--from', sqliteFile], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { url, server };
}
