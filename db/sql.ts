import { sql, type SQL } from 'drizzle-orm';
import { dialect } from './dialect';

/**
 * The few things SQLite and PostgreSQL say differently, side by side. Everything else in our raw
 * SQL is written once in the dialect both understand.
 */
export interface DialectSql {
  /** `column` is one of `values` (bound as one parameter, whatever the length). */
  inList(column: SQL, values: readonly (number | string)[]): SQL;
  /** A text field of a JSON text column. */
  jsonText(column: SQL, key: string): SQL;
  /** An integer at a nested path of a JSON text column (`['message', 'id']`). */
  jsonInt(column: SQL, path: readonly string[]): SQL;
  /** Monday (UTC) of the week of an ISO-8601 timestamp column, as YYYY-MM-DD. */
  weekStart(column: SQL): SQL;
  /** Case-insensitive LIKE with `\` as the escape character. */
  ilike(column: SQL, pattern: string): SQL;
  /** The larger of two values. */
  greatest(a: SQL, b: SQL): SQL;
  /** The smaller of two values. */
  least(a: SQL, b: SQL): SQL;
  /** Locks the rows a SELECT reads until the transaction ends (SQLite has one writer: nothing to add). */
  forUpdate: SQL;
  /** The same, passing over rows another transaction holds (job queues). */
  forUpdateSkipLocked: SQL;
}

const sqlite: DialectSql = {
  // One value (a single initiative's view, after every write) is the common case: a plain `=` is 5× faster than json_each.
  inList: (column, values) =>
    values.length === 1 ? sql`${column} = ${values[0]}` : sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`,
  jsonText: (column, key) => sql`json_extract(${column}, ${`$.${key}`})`,
  jsonInt: (column, path) => sql`CAST(json_extract(${column}, ${`$.${path.join('.')}`}) AS INTEGER)`,
  weekStart: (column) => sql`date(${column}, '-6 days', 'weekday 1')`,
  ilike: (column, pattern) => sql`${column} LIKE ${pattern} ESCAPE '\\'`,
  greatest: (a, b) => sql`MAX(${a}, ${b})`,
  least: (a, b) => sql`MIN(${a}, ${b})`,
  forUpdate: sql``,
  forUpdateSkipLocked: sql``,
};

const postgres: DialectSql = {
  inList: (column, values) => (values.length === 1 ? sql`${column} = ${values[0]}` : sql`${column} = ANY(${sql.param(values)})`),
  jsonText: (column, key) => sql`(${column}::jsonb ->> ${key})`,
  jsonInt: (column, path) => sql`CAST(${column}::jsonb #>> ${`{${path.join(',')}}`}::text[] AS INTEGER)`,
  weekStart: (column) => sql`to_char(date_trunc('week', (${column})::timestamptz AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
  ilike: (column, pattern) => sql`${column} ILIKE ${pattern} ESCAPE '\\'`,
  greatest: (a, b) => sql`GREATEST(${a}, ${b})`,
  least: (a, b) => sql`LEAST(${a}, ${b})`,
  forUpdate: sql` FOR UPDATE`,
  forUpdateSkipLocked: sql` FOR UPDATE SKIP LOCKED`,
};

/** The running dialect's forms. */
export const dialectSql: DialectSql = dialect() === 'postgres' ? postgres : sqlite;
