import { sql } from 'drizzle-orm';
import { database } from '../../db/client';
import { now } from '../clock';
import { registerJob, scheduleJob, scheduleJobOnce } from '../scheduler/jobs';

const DAY_MS = 86_400_000;
/** A retried write is answered from its operation id for a week; after that the id may be reused. */
export const OPERATION_IDS_KEPT_DAYS = 7;
const PURGE = { kind: 'maintenance.purge-operations', key: 'daily' };

/** Daily: operation ids older than a week are forgotten (the table would otherwise only grow); SQLite's statistics refreshed. */
export function registerMaintenanceJobs(): void {
  registerJob(PURGE.kind, async (tx) => {
    const before = new Date(Date.now() - OPERATION_IDS_KEPT_DAYS * DAY_MS).toISOString();
    await tx.run(sql`DELETE FROM operations WHERE created_at < ${before}`);
    // PostgreSQL's autovacuum keeps the planner's statistics; SQLite's are refreshed here (and at start).
    if (tx.dialect === 'sqlite') await tx.run(sql`PRAGMA optimize`);
    // The next run, in the same commit: the chain never breaks and never doubles.
    await scheduleJob(tx, { ...PURGE, runAt: new Date(Date.now() + DAY_MS).toISOString() });
  });
}

/** At start: the chain exists (once, whichever process starts first); its first run a day later. */
export async function scheduleMaintenance(): Promise<void> {
  const tomorrow = new Date(Date.parse(now()) + DAY_MS).toISOString();
  await database().transaction((tx) => scheduleJobOnce(tx, { ...PURGE, runAt: tomorrow }));
}
