import type Database from 'better-sqlite3';
import { closeDatabase, sqlite } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { seedReferenceData } from '../../db/seed-reference';

/** A database file migrated exactly as the server does it, with the reference lists. */
export function withMigratedDatabase<T>(file: string, fill: (db: Database.Database) => T): T {
  process.env.DATABASE_PATH = file;
  try {
    applyMigrations();
    seedReferenceData();
    return fill(sqlite());
  } finally {
    closeDatabase();
  }
}
