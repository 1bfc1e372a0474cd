import { dialect } from './dialect';
import * as pg from './schema/pg';
import * as sqlite from './schema/sqlite';

/**
 * The tables of the running dialect. Both schema files declare the same tables and columns
 * (tests/integration/schema.test.ts checks it), so services are written once against one type —
 * PostgreSQL's, the richer — and drizzle builds each query for whichever dialect runs.
 */
export const tables = (dialect() === 'postgres' ? pg : sqlite) as unknown as typeof pg;

export type Tables = typeof pg;
