import path from 'node:path';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { projectRoot } from '../lib/project-root';
import { readEnv } from '../lib/env';
import { database, sqliteDatabase } from './client';

/** One lock id for everything a starting process does to the shared database. */
const START_LOCK = 7_242_001;

/** The committed drizzle-kit migrations of the running dialect; before the server listens. */
export async function applyMigrations(): Promise<void> {
  const folder = (dialect: string) => ({ migrationsFolder: path.join(projectRoot(), 'db', 'migrations', dialect) });
  const sqlite = sqliteDatabase();
  if (sqlite) {
    migrateSqlite(drizzleSqlite(sqlite.writeConnection), folder('sqlite'));
    return;
  }
  await withStartLock(async (client) => migratePg(drizzlePg(client), folder('pg')));
}

/**
 * Runs `body` while holding PostgreSQL's advisory start lock on a connection of its own, so that
 * several processes starting at once migrate and seed one after the other (the later ones find
 * the work done). On SQLite there is one process: it just runs.
 */
export async function withStartLock<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  database();
  const client = new pg.Client({ connectionString: readEnv().DATABASE_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [START_LOCK]);
    return await body(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [START_LOCK]).catch(() => {});
    await client.end();
  }
}
