import { inject } from 'vitest';
import { freshDatabase } from './postgres';

/** Which database this run of the suite is against (vitest's `sqlite` or `postgres` project). */
export const TEST_DIALECT: 'sqlite' | 'postgres' = process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** A new, empty PostgreSQL database on the run's server (the PostgreSQL project only). */
export function freshPostgresUrl(): Promise<string> {
  return freshDatabase(inject('postgresAdminUrl'));
}
