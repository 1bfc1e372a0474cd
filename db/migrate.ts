import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectRoot } from '../lib/project-root';
import { db } from './client';

/** Applies the committed drizzle-kit migrations; run before the server listens. */
export function applyMigrations(): void {
  migrate(db(), { migrationsFolder: path.join(projectRoot(), 'db', 'migrations') });
}
