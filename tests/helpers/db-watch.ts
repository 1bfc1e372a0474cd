import Database from 'better-sqlite3';
import pg from 'pg';
import { changedTables, databaseChecksum } from './db-state';
import type { TestServer } from './server';

/**
 * Watches the real database for writes between two points, cheaply: on SQLite, `data_version` on a
 * read connection changes whenever another connection commits; on PostgreSQL, the next
 * transaction id moves whenever a transaction writes. The checksum of every table then names
 * what changed (bookkeeping such as rate-limit counts is left out of it).
 */
export class DatabaseWatch {
  private sqlite: Database.Database | null = null;
  private postgres: pg.Client | null = null;
  private version = 0;
  private checksum: Record<string, string> = {};

  constructor(private readonly server: Pick<TestServer, 'dialect' | 'dbPath' | 'databaseUrl'>) {}

  private async commitMark(): Promise<number> {
    if (this.server.dialect === 'sqlite') {
      this.sqlite ??= new Database(this.server.dbPath, { readonly: true, fileMustExist: true });
      return this.sqlite.pragma('data_version', { simple: true }) as number;
    }
    if (!this.postgres) {
      this.postgres = new pg.Client({ connectionString: this.server.databaseUrl! });
      await this.postgres.connect();
    }
    const { rows } = await this.postgres.query<{ next: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next');
    return Number(rows[0].next);
  }

  /** Remembers the database as it is now. */
  async mark(): Promise<void> {
    this.version = await this.commitMark();
    this.checksum = await databaseChecksum(this.server);
  }

  /** Whether anything was committed since `mark()`, and which tables' rows differ. */
  async changes(): Promise<{ committed: boolean; tables: string[] }> {
    const committed = (await this.commitMark()) !== this.version;
    return { committed, tables: committed ? changedTables(this.checksum, await databaseChecksum(this.server)) : [] };
  }

  /** A checksum of every table equal to the one at `mark()` (the slow, literal proof). */
  async unchangedContent(): Promise<boolean> {
    return changedTables(this.checksum, await databaseChecksum(this.server)).length === 0;
  }

  async close(): Promise<void> {
    this.sqlite?.close();
    await this.postgres?.end();
  }
}
