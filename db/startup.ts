import { ensureAuthSecret } from '../lib/auth/secret';
import { ensureDashboardTotals } from '../lib/services/dashboard/totals';
import { ensureSearchIndex } from '../lib/services/search/index-writes';
import { database, sqliteDatabase } from './client';
import { databaseIsEmpty, seedDemoIfEmpty } from './demo/seed-demo';
import { applyMigrations, withStartLock } from './migrate';
import { seedReferenceData } from './seed-reference';

export type DemoChoice = 'seed' | 'skip' | 'refuse';

/**
 * Everything a starting process does to its database before it serves: migrations, the auth
 * secret, the reference lists, the dashboard totals and the demo into an empty database. With
 * PostgreSQL the whole sequence runs under one advisory lock, so processes that start together
 * take turns: migrations apply once and the demo is seeded once.
 */
export async function prepareDatabase(demo: DemoChoice): Promise<{ seeded: boolean; refused: boolean }> {
  await applyMigrations();
  const prepare = async () => {
    await ensureAuthSecret();
    await seedReferenceData();
    await ensureDashboardTotals();
    if (demo === 'refuse' && (await databaseIsEmpty())) return { seeded: false, refused: true };
    const seeded = demo === 'seed' ? await seedDemoIfEmpty() : false;
    await ensureSearchIndex();
    return { seeded, refused: false };
  };
  if (database().dialect === 'postgres') return withStartLock(prepare);
  const prepared = await prepare();
  sqliteDatabase()!.optimize();
  return prepared;
}
