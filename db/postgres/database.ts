import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { appError } from '../../lib/errors';
import { Semaphore } from '../../lib/mutex';
import type { Database, Db, Orm } from '../database';
import * as schema from '../schema/pg';

// COUNT(*) and SUM(integer) are int8: read them as numbers (our counts stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const renderer = new PgDialect();
const SELECT_ONE = sql`SELECT 1`;
/** Deadlock and serialization failures: the transaction is run again (up to this many times). */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

/** Each SQL text becomes a named prepared statement on every connection that runs it. */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `q${crypto.createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return name;
}

class PgDb implements Db {
  readonly dialect = 'postgres' as const;
  /** A transaction's client runs one query at a time: concurrent calls wait their turn. */
  private turn: Promise<unknown> = Promise.resolve();
  private typed: Orm | null = null;

  constructor(private readonly client: pg.Pool | pg.PoolClient) {}

  /** Made when first used: building drizzle's relational config for every transaction cost measurable CPU. */
  get orm(): Orm {
    return (this.typed ??= drizzle(this.client as pg.Pool, { schema }) as unknown as Orm);
  }

  private query(query: SQL): Promise<pg.QueryResult> {
    const { sql: text, params } = renderer.sqlToQuery(query);
    const run = () =>
      this.client.query({ text, values: params as unknown[], name: statementName(text) }).catch((error: unknown) => {
        throw unavailableIfDisconnected(error);
      });
    if (this.client instanceof pg.Pool) return run();
    const result = this.turn.then(run, run);
    this.turn = result.catch(() => undefined);
    return result;
  }

  async all<T>(query: SQL): Promise<T[]> {
    return (await this.query(query)).rows as T[];
  }

  async get<T>(query: SQL): Promise<T | undefined> {
    return (await this.query(query)).rows[0] as T | undefined;
  }

  async run(query: SQL): Promise<number> {
    return (await this.query(query)).rowCount ?? 0;
  }
}

/**
 * PostgreSQL, shared by every app process: a pool; each transaction on a client of its own (so an
 * `await` inside it never lets another request's statements in), READ COMMITTED with explicit row
 * locks where a write reads what it changes, run again on a deadlock or serialization failure.
 */
export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly reader: PgDb;
  /**
   * Transactions and snapshots hold a client for as long as they run, and code inside one may
   * still read through `reader`: one client is always left for those reads, or ten concurrent
   * dashboard loads on a pool of ten waited for each other forever.
   */
  private readonly holders: Semaphore;

  constructor(readonly pool: pg.Pool) {
    this.reader = new PgDb(pool);
    this.holders = new Semaphore(Math.max(1, (pool.options.max ?? 10) - 1));
    // An idle client whose server went away must not crash the process.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  }

  transaction<T>(body: (tx: Db) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN', body, ATTEMPTS);
  }

  snapshot<T>(body: (tx: Db) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', body, 1);
  }

  private inTransaction<T>(begin: string, body: (tx: Db) => Promise<T>, attempts: number): Promise<T> {
    return this.holders.run(() => this.attempt(begin, body, attempts));
  }

  private async attempt<T>(begin: string, body: (tx: Db) => Promise<T>, attempts: number): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        throw unavailableIfDisconnected(error);
      }
      let broken = false;
      try {
        await client.query(begin);
        const result = await body(new PgDb(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < attempts) continue;
        throw unavailableIfDisconnected(error);
      } finally {
        client.release(broken);
      }
    }
  }

  async ping(): Promise<void> {
    await this.reader.get(SELECT_ONE);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A lost or refused connection is the database being unavailable (503), not our bug (500). */
function unavailableIfDisconnected(error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  const lost =
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08003', '08006'].includes(
      code,
    ) || /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message);
  return lost ? appError('unavailable', 'databaseUnavailable') : error;
}
