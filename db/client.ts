import pg from 'pg';
import { databasePath, readEnv } from '../lib/env';
import { clearSingleton, peekSingleton, singleton } from '../lib/singleton';
import type { Database, Db } from './database';
import { dialect } from './dialect';
import { PostgresDatabase } from './postgres/database';
import { SqliteDatabase } from './sqlite/database';

export type { Database, Db } from './database';

/** The one database of this process, opened lazily (next build imports this module). */
export function database(): Database {
  return singleton('database', () => {
    const env = readEnv();
    if (dialect() === 'postgres') {
      return new PostgresDatabase(new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE }));
    }
    return new SqliteDatabase(databasePath(env), env.SQLITE_SYNCHRONOUS);
  });
}

/** Reads outside transactions (committed data only). */
export function db(): Db {
  return database().reader;
}

/** The SQLite database when that is the dialect (backups, checkpoints), else null. */
export function sqliteDatabase(): SqliteDatabase | null {
  const current = database();
  return current instanceof SqliteDatabase ? current : null;
}

export async function closeDatabase(): Promise<void> {
  const current = peekSingleton<Database>('database');
  clearSingleton('database');
  await current?.close();
}

/**
 * At start: the database answers, or the process ends with one sentence that says where it
 * looked and why it failed (never a stack trace, never a retry loop).
 */
export async function connectOrExplain(): Promise<void> {
  if (dialect() === 'sqlite') return;
  const url = new URL(readEnv().DATABASE_URL!);
  const where = `${url.hostname}:${url.port || 5432}, database "${url.pathname.slice(1) || url.username}"`;
  const probe = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await probe.connect();
    await probe.query('SELECT 1');
  } catch (error) {
    console.error(`Cannot use PostgreSQL at ${where}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  } finally {
    await probe.end().catch(() => {});
  }
}
