import type { SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Dialect } from './dialect';
import type * as pg from './schema/pg';

/**
 * drizzle's typed query builder over one connection or transaction. It is typed as PostgreSQL's;
 * on SQLite the same calls run against SQLite's tables (only what both dialects share is used).
 */
export type Orm = NodePgDatabase<typeof pg>;

/**
 * What services query through: a connection outside transactions (committed data only) or one
 * transaction. Raw SQL (`sql` templates, for hot paths and queries the builder cannot say) and the
 * typed builder run on the same connection.
 */
export interface Db {
  readonly dialect: Dialect;
  all<T>(query: SQL): Promise<T[]>;
  get<T>(query: SQL): Promise<T | undefined>;
  /** Runs a statement; answers the number of rows it changed. */
  run(query: SQL): Promise<number>;
  readonly orm: Orm;
}

/** One database, whichever the dialect. */
export interface Database {
  readonly dialect: Dialect;
  /** Reads outside transactions. */
  readonly reader: Db;
  /**
   * A write transaction, isolated from every other request: on SQLite one writer at a time on a
   * connection of its own (reads go elsewhere), on PostgreSQL a pooled client of its own. A body
   * may be run again after a PostgreSQL deadlock or serialization failure, so it only queries.
   */
  transaction<T>(body: (tx: Db) => Promise<T>): Promise<T>;
  /** Several reads on one consistent snapshot. */
  snapshot<T>(body: (tx: Db) => Promise<T>): Promise<T>;
  /** A quick round trip (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
