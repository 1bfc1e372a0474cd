import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestServer } from './server';

/**
 * Tables the checksum leaves out: drizzle's migration journal, and PostgreSQL's stores for
 * rate-limiter-flexible and socket.io's adapter — the counts and messages that live in the
 * process's memory on SQLite.
 */
const NOT_CHECKED = new Set(['__drizzle_migrations', 'rate_limits', 'socket_io_attachments']);
/**
 * Columns it leaves out: when a token was last used is bookkeeping that any authenticated request
 * may write, even one refused afterwards.
 */
const NOT_CHECKED_COLUMNS: Record<string, string[]> = { api_tokens: ['last_used_at'] };

/**
 * SQLite's tables, without the shadow tables an FTS5 table keeps its index in (`<name>_data`,
 * `_idx`, `_content`, `_docsize`, `_config`): the FTS5 table itself is read, row by row, instead.
 */
function sqliteTables(db: Database.Database): string[] {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as {
    name: string;
    sql: string | null;
  }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  const shadows = new Set(virtual.flatMap((v) => ['data', 'idx', 'content', 'docsize', 'config'].map((suffix) => `${v}_${suffix}`)));
  return rows.map((r) => r.name).filter((name) => !shadows.has(name));
}

type Checked = Pick<TestServer, 'dialect' | 'dbPath' | 'databaseUrl'>;

const digest = (rows: unknown[]) => `${rows.length}:${crypto.createHash('sha1').update(JSON.stringify(rows)).digest('hex').slice(0, 12)}`;

/**
 * A checksum of every row of every table of the real database (the tables are listed from the
 * database itself, so a table added later is covered without editing this list): equal before
 * and after means nothing at all was written — rows, events, operation ids, dashboard totals and
 * weekly status deltas.
 */
export async function databaseChecksum(server: Checked): Promise<Record<string, string>> {
  return server.dialect === 'postgres' ? postgresChecksum(server.databaseUrl!) : sqliteChecksum(server.dbPath);
}

function sqliteChecksum(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = sqliteTables(db).filter((name) => !NOT_CHECKED.has(name));
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
          return [table, digest(rows)];
        }),
      ),
    )();
  } finally {
    db.close();
  }
}

// One connection and one prepared checksum query per database, kept for the suite's life.
const pools = new Map<string, pg.Pool>();
const checksumQueries = new Map<string, string>();
/**
 * The last checksum of each database, by the snapshot it was taken in. PostgreSQL's snapshot
 * (`xmin:xmax:in-progress ids`) names exactly which transactions had committed: the same
 * snapshot again means the same data, and the tables need not be read again.
 */
const lastChecksums = new Map<string, { snapshot: string; checksum: Record<string, string> }>();

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pools.set(url, (pool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 1000, allowExitOnIdle: true })));
    // An idle connection closed by the server (an outage) is dropped by the pool; the next query reconnects.
    pool.on('error', () => {});
  }
  return pool;
}

/** Every table in one round trip: its row count and an md5 of its rows in a fixed order, from one snapshot. */
async function postgresChecksum(url: string): Promise<Record<string, string>> {
  const pool = poolFor(url);
  let query = checksumQueries.get(url);
  if (!query) {
    const columns = (
      await pool.query<{ table: string; column: string }>(
        `SELECT table_name AS table, column_name AS column FROM information_schema.columns
         WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      )
    ).rows;
    const byTable = new Map<string, string[]>();
    for (const { table, column } of columns) {
      if (NOT_CHECKED.has(table) || NOT_CHECKED_COLUMNS[table]?.includes(column)) continue;
      byTable.set(table, [...(byTable.get(table) ?? []), column]);
    }
    query = [...byTable]
      .map(([table, list]) => {
        const row = `json_build_array(${list.map((c) => `"${c}"`).join(', ')})::text`;
        return `SELECT '${table}' AS name, COUNT(*)::int AS n, md5(COALESCE(string_agg(${row}, '|' ORDER BY ${row}), '')) AS sum FROM "${table}"`;
      })
      .join(' UNION ALL ');
    checksumQueries.set(url, query);
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot')).rows[0].snapshot;
    const last = lastChecksums.get(url);
    if (last?.snapshot === snapshot) return last.checksum;
    const { rows } = await client.query<{ name: string; n: number; sum: string }>(query);
    // UNION ALL keeps no order (PostgreSQL may run its branches in parallel): by table name, as tableNames lists them.
    const checksum = Object.fromEntries(
      rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => [r.name, `${r.n}:${r.sum.slice(0, 12)}`]),
    );
    lastChecksums.set(url, { snapshot, checksum });
    return checksum;
  } finally {
    await client.query('COMMIT').catch(() => {});
    client.release();
  }
}

/** The tables whose rows differ between two checksums, for a readable failure. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

/** Every table of the database, read from its own catalogue. */
export async function tableNames(server: Checked): Promise<string[]> {
  if (server.dialect === 'sqlite') {
    const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
    try {
      return sqliteTables(db);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: server.databaseUrl! });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}
