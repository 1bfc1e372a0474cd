import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * A database file migrated exactly as the server does it, with the reference lists.
 * The data layer reads the environment once per process, as soon as its modules load (the schema
 * picks its dialect then): DATABASE_PATH is set first and the modules are loaded after, and the
 * connection is checked to be on `file` — never the repository's own ./data/chaikhana.db.
 */
export async function withMigratedDatabase<T>(file: string, fill: (db: BetterSqlite3.Database) => T | Promise<T>): Promise<T> {
  process.env.DATABASE_PATH = file;
  const { closeDatabase, sqliteDatabase } = await import('../../db/client');
  const { applyMigrations } = await import('../../db/migrate');
  const { seedReferenceData } = await import('../../db/seed-reference');
  try {
    await applyMigrations();
    await seedReferenceData();
    const connection = sqliteDatabase()!.writeConnection;
    if (path.resolve(connection.name) !== path.resolve(file)) {
      throw new Error(`The data layer opened ${connection.name}, not ${file}: it read the environment before DATABASE_PATH was set`);
    }
    return await fill(connection);
  } finally {
    await closeDatabase();
  }
}
