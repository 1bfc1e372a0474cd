import { sql, type SQL } from 'drizzle-orm';
import { database, type Db } from '../../../db/client';
import { stemmedText } from './text';

/**
 * The search index, written by the services inside the transaction of each change (a message
 * posted, a room opened, an initiative proposed or edited), so it never lags the data. What it
 * holds: the stems of titles and bodies — never an author's name, so a Chatham room's messages
 * cannot be found by who wrote them. SQLite: an FTS5 table whose rowid encodes kind and id.
 * PostgreSQL: a tsvector per entry ('simple' over the stems, title weighted A) with a GIN index.
 */
export const SEARCH_KINDS = ['thread', 'initiative', 'message'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const KIND_CODE: Record<SearchKind, number> = { thread: 1, initiative: 2, message: 3 };
export const KIND_OF_CODE: Record<number, SearchKind> = { 1: 'thread', 2: 'initiative', 3: 'message' };

export interface SearchEntry {
  kind: SearchKind;
  id: number;
  threadId: number;
  title: string;
  body: string;
}

/** SQLite's rowid of an entry: its id × 4 + its kind. */
export const sqliteRowid = (kind: SearchKind, id: number) => id * 4 + KIND_CODE[kind];

function valuesSql(tx: Db, entry: SearchEntry): SQL {
  const title = stemmedText(entry.title);
  const body = stemmedText(entry.body);
  return tx.dialect === 'postgres'
    ? sql`(${KIND_CODE[entry.kind]}, ${entry.id}, ${entry.threadId},
           setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${body}), 'D'))`
    : sql`(${sqliteRowid(entry.kind, entry.id)}, ${title}, ${body}, ${entry.threadId})`;
}

async function insertEntries(tx: Db, entries: SearchEntry[]): Promise<void> {
  if (!entries.length) return;
  const values = sql.join(
    entries.map((e) => valuesSql(tx, e)),
    sql`, `,
  );
  await tx.run(
    tx.dialect === 'postgres'
      ? sql`INSERT INTO search_index (kind, ref_id, thread_id, document) VALUES ${values}
            ON CONFLICT (kind, ref_id) DO UPDATE SET thread_id = EXCLUDED.thread_id, document = EXCLUDED.document`
      : sql`INSERT INTO search_index (rowid, title, body, thread_id) VALUES ${values}`,
  );
}

/** Indexes a new entry (call inside the write transaction that creates it). */
export async function indexNew(tx: Db, entry: SearchEntry): Promise<void> {
  await insertEntries(tx, [entry]);
}

/** Indexes an entry whose text changed (call inside the write transaction that changes it). */
export async function reindex(tx: Db, entry: SearchEntry): Promise<void> {
  if (tx.dialect === 'sqlite') await tx.run(sql`DELETE FROM search_index WHERE rowid = ${sqliteRowid(entry.kind, entry.id)}`);
  await insertEntries(tx, [entry]);
}

/** Takes an entry out of the index (a retracted or hidden message), inside the write transaction that removes it. */
export async function removeFromIndex(tx: Db, kind: SearchKind, id: number): Promise<void> {
  await tx.run(
    tx.dialect === 'postgres'
      ? sql`DELETE FROM search_index WHERE kind = ${KIND_CODE[kind]} AND ref_id = ${id}`
      : sql`DELETE FROM search_index WHERE rowid = ${sqliteRowid(kind, id)}`,
  );
}

const BATCH = 500;

/** Every room, initiative and message, read in id order, a batch at a time. */
async function* everyEntry(tx: Db): AsyncGenerator<SearchEntry[]> {
  const sources: { kind: SearchKind; query: (after: number) => SQL }[] = [
    {
      kind: 'thread',
      query: (after) =>
        sql`SELECT id, id AS "threadId", title, summary AS body FROM threads WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`,
    },
    {
      kind: 'initiative',
      query: (after) =>
        sql`SELECT id, thread_id AS "threadId", title, summary AS body FROM initiatives WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`,
    },
    {
      kind: 'message',
      query: (after) =>
        sql`SELECT id, thread_id AS "threadId", '' AS title, body FROM messages
            WHERE id > ${after} AND retracted_at IS NULL AND hidden_at IS NULL ORDER BY id LIMIT ${BATCH}`,
    },
  ];
  for (const { kind, query } of sources) {
    let after = 0;
    for (;;) {
      const rows = await tx.all<Omit<SearchEntry, 'kind'>>(query(after));
      if (!rows.length) break;
      yield rows.map((r) => ({ ...r, kind }));
      after = rows[rows.length - 1].id;
    }
  }
}

/** Writes the whole index again from the rows, in one transaction; answers how many entries it holds. */
export async function rebuildSearchIndex(): Promise<number> {
  return database().transaction(async (tx) => {
    await tx.run(sql`DELETE FROM search_index`);
    let count = 0;
    for await (const batch of everyEntry(tx)) {
      await insertEntries(tx, batch);
      count += batch.length;
    }
    return count;
  });
}

/**
 * At start: an empty index over a database with content (the migration that added it, a copied
 * database) is filled from the rows. Otherwise each write has kept it up to date.
 */
export async function ensureSearchIndex(): Promise<void> {
  const reader = database().reader;
  const indexed = await reader.get<{ one: number }>(sql`SELECT 1 AS one FROM search_index LIMIT 1`);
  if (indexed) return;
  const content = await reader.get<{ one: number }>(
    sql`SELECT 1 AS one FROM threads UNION ALL SELECT 1 FROM initiatives UNION ALL SELECT 1 FROM messages LIMIT 1`,
  );
  if (content) await rebuildSearchIndex();
}
