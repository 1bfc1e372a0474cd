import type BetterSqlite3 from 'better-sqlite3';
import { closeDatabase, sqliteDatabase } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { seedReferenceData } from '../../db/seed-reference';

/** A database file migrated exactly as the server does it, with the reference lists. */
export async function withMigratedDatabase<T>(file: string, fill: (db: BetterSqlite3.Database) => T): Promise<T> {
  process.env.DATABASE_PATH = file;
  try {
    await applyMigrations();
    await seedReferenceData();
    return fill(sqliteDatabase()!.writeConnection);
  } finally {
    await closeDatabase();
  }
}
