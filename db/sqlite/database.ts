import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { Mutex } from '../../lib/mutex';
import type { Database, Db, Orm } from '../database';
import * as schema from '../schema/sqlite';

const renderer = new SQLiteSyncDialect();
const STATEMENT_CACHE_LIMIT = 1000;
const SNAPSHOT_CONNECTIONS = 2;
const SELECT_ONE = sql`SELECT 1`;

export type Synchronous = 'NORMAL' | 'FULL';

/** Opens one connection with the pragmas every connection of ours has. */
export function openConnection(file: string, options: { synchronous?: Synchronous; readOnly?: boolean } = {}): BetterSqlite3.Database {
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  if (options.readOnly) connection.pragma('query_only = ON');
  return connection;
}

/** Our queries on one SQLite connection, each SQL text compiled once. */
class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly orm: Orm;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly connection: BetterSqlite3.Database) {
    this.orm = drizzle(connection, { schema }) as unknown as Orm;
  }

  private statement(query: SQL): [BetterSqlite3.Statement, unknown[]] {
    const { sql, params } = renderer.sqlToQuery(query);
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      this.statements.set(sql, (statement = this.connection.prepare(sql)));
    }
    return [statement, params];
  }

  async all<T>(query: SQL): Promise<T[]> {
    const [statement, params] = this.statement(query);
    return statement.all(...params) as T[];
  }

  async get<T>(query: SQL): Promise<T | undefined> {
    const [statement, params] = this.statement(query);
    return statement.get(...params) as T | undefined;
  }

  async run(query: SQL): Promise<number> {
    const [statement, params] = this.statement(query);
    return statement.run(...params).changes;
  }
}

/**
 * Reads outside transactions. A raw statement runs synchronously where it is called, so while no
 * write transaction is open it runs on the writer's connection, whose page cache the writes keep
 * warm (another connection drops its cache after every commit elsewhere); while one is open, on the
 * reader connection, which sees committed data only. The typed builder runs its query a microtask
 * later, when a transaction may have begun: it always uses the reader.
 */
class ReadDb implements Db {
  readonly dialect = 'sqlite' as const;

  constructor(
    private readonly writer: SqliteDb,
    private readonly reader: SqliteDb,
  ) {}

  private pick(): SqliteDb {
    return this.writer.connection.inTransaction ? this.reader : this.writer;
  }

  all<T>(query: SQL): Promise<T[]> {
    return this.pick().all<T>(query);
  }

  get<T>(query: SQL): Promise<T | undefined> {
    return this.pick().get<T>(query);
  }

  /** On the read-only connection: nothing is written outside a transaction. */
  run(query: SQL): Promise<number> {
    return this.reader.run(query);
  }

  get orm(): Orm {
    return this.reader.orm;
  }
}

/**
 * The embedded database: one writer connection behind a lock (a write transaction may await, and
 * no other request's statement runs inside it), a reader connection for everything outside
 * transactions (it sees committed data only, in WAL mode), and a few connections for snapshots.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly reader: Db;
  private readonly writer: SqliteDb;
  private readonly readConnection: SqliteDb;
  private readonly writeLock = new Mutex();
  private readonly snapshots: SqliteDb[] = [];
  private readonly snapshotWaiters: ((db: SqliteDb) => void)[] = [];

  constructor(
    readonly file: string,
    synchronous: Synchronous = 'NORMAL',
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.writer = new SqliteDb(openConnection(file, { synchronous }));
    this.readConnection = new SqliteDb(openConnection(file, { synchronous, readOnly: true }));
    this.reader = new ReadDb(this.writer, this.readConnection);
    for (let i = 0; i < SNAPSHOT_CONNECTIONS; i++) this.snapshots.push(new SqliteDb(openConnection(file, { synchronous, readOnly: true })));
  }

  /** The writer's raw connection (migrations, backups, checkpoint settings). */
  get writeConnection(): BetterSqlite3.Database {
    return this.writer.connection;
  }

  transaction<T>(body: (tx: Db) => Promise<T>): Promise<T> {
    return this.writeLock.run(() => inTransaction(this.writer.connection, 'BEGIN IMMEDIATE', () => body(this.writer)));
  }

  async snapshot<T>(body: (tx: Db) => Promise<T>): Promise<T> {
    const db = this.snapshots.pop() ?? (await new Promise<SqliteDb>((resolve) => this.snapshotWaiters.push(resolve)));
    try {
      return await inTransaction(db.connection, 'BEGIN', () => body(db));
    } finally {
      const waiter = this.snapshotWaiters.shift();
      if (waiter) waiter(db);
      else this.snapshots.push(db);
    }
  }

  /**
   * Fresh planner statistics where tables changed much (SQLite's advice: at start, with a bounded
   * analysis). Without them the dashboard's newest-first page sorted every visible initiative
   * instead of walking the `updated_at` index: 7 ms instead of 1.6 at 10,000 initiatives.
   */
  optimize(): void {
    this.writer.connection.exec('PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;');
  }

  async ping(): Promise<void> {
    await this.reader.get(SELECT_ONE);
  }

  async close(): Promise<void> {
    for (const db of [this.readConnection, ...this.snapshots, this.writer]) if (db.connection.open) db.connection.close();
  }
}

async function inTransaction<T>(connection: BetterSqlite3.Database, begin: string, body: () => Promise<T>): Promise<T> {
  connection.exec(begin);
  try {
    const result = await body();
    connection.exec('COMMIT');
    return result;
  } catch (error) {
    if (connection.inTransaction) connection.exec('ROLLBACK');
    throw error;
  }
}
