import { readEnv } from '../lib/env';

export type Dialect = 'sqlite' | 'postgres';

/** The embedded SQLite file by default; PostgreSQL when DATABASE_URL is set. Decided once per process. */
export function dialect(): Dialect {
  return readEnv().DATABASE_URL ? 'postgres' : 'sqlite';
}
