import Database from 'better-sqlite3';
import { changedTables, databaseChecksum } from './db-state';
import type { TestServer } from './server';

/**
 * Watches the real database file for writes between two points: SQLite's `data_version` on a
 * read connection changes whenever another connection commits (any table, any row), and the
 * checksum of every table names what changed.
 */
export class DatabaseWatch {
  private readonly db: Database.Database;
  private version = 0;
  private checksum: Record<string, string> = {};

  constructor(private readonly server: Pick<TestServer, 'dbPath'>) {
    this.db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Remembers the database as it is now. */
  mark(): void {
    this.version = this.dataVersion();
    this.checksum = databaseChecksum(this.server);
  }

  /** Whether anything was committed since `mark()`, and which tables' rows differ. */
  changes(): { committed: boolean; tables: string[] } {
    const committed = this.dataVersion() !== this.version;
    return { committed, tables: committed ? changedTables(this.checksum, databaseChecksum(this.server)) : [] };
  }

  /** A checksum of every table equal to the one at `mark()` (the slow, literal proof). */
  unchangedContent(): boolean {
    return changedTables(this.checksum, databaseChecksum(this.server)).length === 0;
  }

  close(): void {
    this.db.close();
  }
}
