import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { databasePath, readEnv } from '../lib/env';
import { clearSingleton, peekSingleton, singleton } from '../lib/singleton';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

/** The one SQLite connection of this process, opened lazily (next build imports this module). */
export function sqlite(): Database.Database {
  return singleton('sqlite', () => openDatabase(databasePath(), readEnv().SQLITE_SYNCHRONOUS));
}

export function openDatabase(file: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new Database(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${synchronous}`);
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return connection;
}

const drizzleInstances = new WeakMap<Database.Database, Db>();

/** Drizzle over the shared connection (one wrapper per module copy, the connection is shared). */
export function db(): Db {
  const connection = sqlite();
  let instance = drizzleInstances.get(connection);
  if (!instance) {
    instance = drizzle(connection, { schema });
    drizzleInstances.set(connection, instance);
  }
  return instance;
}

export function closeDatabase(): void {
  const connection = peekSingleton<Database.Database>('sqlite');
  if (connection?.open) connection.close();
  clearSingleton('sqlite');
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection. */
export function prepared(sql: string): Database.Statement {
  const connection = sqlite();
  let cache = statementCache.get(connection);
  if (!cache) statementCache.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  return statement;
}
