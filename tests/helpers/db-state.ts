import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import type { TestServer } from './server';

/** Tables the checksum leaves out: drizzle's migration journal only. */
const NOT_CHECKED = new Set(['__drizzle_migrations']);
/**
 * Columns it leaves out: when a token was last used is bookkeeping that any authenticated request
 * may write, even one refused afterwards.
 */
const NOT_CHECKED_COLUMNS: Record<string, string[]> = { api_tokens: ['last_used_at'] };

/**
 * A checksum of every row of every table of the real database file (read from `sqlite_master`, so
 * a table added later is covered without editing this list): equal before and after means nothing
 * at all was written — rows, events, operation ids, dashboard totals and weekly status deltas.
 */
export function databaseChecksum(server: Pick<TestServer, 'dbPath'>): Record<string, string> {
  const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((name) => !NOT_CHECKED.has(name));
    // One read transaction: every table from the same snapshot.
    return db.transaction(() =>
      Object.fromEntries(
        tables.map((table) => {
          const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
            .map((c) => c.name)
            .filter((c) => !NOT_CHECKED_COLUMNS[table]?.includes(c));
          const rows = db
            .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`)
            .raw()
            .all();
          return [table, `${rows.length}:${crypto.createHash('sha1').update(JSON.stringify(rows)).digest('hex').slice(0, 12)}`];
        }),
      ),
    )();
  } finally {
    db.close();
  }
}

/** The tables whose rows differ between two checksums, for a readable failure. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
