import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { db } from './client';

export const MIGRATIONS_FOLDER = path.join(import.meta.dirname, 'migrations');

/** Applies the committed drizzle-kit migrations; run before the server listens. */
export function applyMigrations(): void {
  migrate(db(), { migrationsFolder: MIGRATIONS_FOLDER });
}
