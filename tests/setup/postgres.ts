import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../helpers/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/** Once per run of the PostgreSQL project: one server; every suite makes its own fresh database on it. */
export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres();
  project.provide('postgresAdminUrl', postgres.adminUrl);
  return () => postgres.stop();
}
