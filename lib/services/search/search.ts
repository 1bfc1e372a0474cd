import { sql, type SQL } from 'drizzle-orm';
import { db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import { parseInput } from '../../validation/common';
import { SEARCH_OFFSET_MAX, searchQuery } from '../../validation/search';
import type { Page } from '../pagination';
import { KIND_CODE, KIND_OF_CODE, type SearchKind } from './index-writes';
import { queryStems, snippet, type Segment } from './text';

export interface SearchItem {
  kind: SearchKind;
  id: number;
  threadId: number;
  /** For an initiative, its own id (links and filters read it like other answers' `initiativeId`). */
  initiativeId?: number;
  /** The room's or initiative's title; for a message, its room's title. */
  title: string;
  /** An excerpt with the matching words marked, as text segments (never HTML). */
  snippet: Segment[];
  createdAt: string;
}

/**
 * A very common word's messages are ranked among its newest this many only (the rooms and
 * initiatives it is in, always all of them): ranking every match cost time in proportion to the
 * matches (a word in four messages of ten: 70–120 ms over 200,000 messages); the newest 1,000
 * bound it (README, "Search": 5–10 ms on SQLite, 12–20 ms on PostgreSQL, on two shared cores).
 * Results go `SEARCH_OFFSET_MAX` (1,000) deep anyway.
 * A word in fewer messages than this has all of them ranked: nothing changes for it.
 */
export const RANKED_MESSAGES_MAX = 1000;

/**
 * Full-text search over what the viewer may see (the one room rule, `threadVisibleSql`, joined in
 * the query), ranked: bm25 on SQLite (title ×10), ts_rank on PostgreSQL (title weight A, body D).
 * The ranked set is every matching room and initiative the viewer may see and the newest
 * `RANKED_MESSAGES_MAX` matching messages they may see; ties go to the newer entry, so pages
 * (the cursor is an offset) are a stable order. Messages carry no author: in a Chatham room
 * nobody may learn who said it, and the index never held names.
 */
export async function search(viewer: Viewer, rawQuery: unknown): Promise<Page<SearchItem>> {
  const query = parseInput(searchQuery, rawQuery);
  const stems = queryStems(query.q);
  const offset = Number(query.cursor ?? 0);
  const q = db();
  const kind = query.kind ? KIND_CODE[query.kind] : undefined;
  const ranked = q.dialect === 'postgres' ? rankedPostgres : rankedSqlite;
  const hits = await q.all<{ kind: number; id: number }>(ranked(threadVisibleSql(viewer), stems, kind, query.limit + 1, offset));
  const page = hits.slice(0, query.limit);
  const items = await hydrate(page, stems);
  const more = hits.length > query.limit && offset + query.limit <= SEARCH_OFFSET_MAX;
  return { items, next: more ? String(offset + query.limit) : null };
}

/**
 * SQLite: FTS5 walks a term's entries in rowid order (id × 4 + kind: newest message first) and
 * stops at the LIMIT, computing bm25 only for the entries it keeps; the rooms and initiatives
 * (rowid % 4 of 1 or 2) are read from the same posting lists without ranking the rest. Each
 * branch joins its entry's room (CROSS JOIN: the index drives the loop, in rowid order) so the
 * newest messages counted are the viewer's.
 */
function rankedSqlite(visible: SQL, stems: string[], kind: number | undefined, limit: number, offset: number): SQL {
  // Each stem quoted: FTS5's query syntax never sees the user's text.
  const match = stems.map((s) => `"${s.replace(/"/g, '""')}"`).join(' ');
  const branch = (where: SQL, tail: SQL) =>
    sql`SELECT * FROM (SELECT search_index.rowid AS rid, bm25(search_index, 10.0, 1.0) AS r
          FROM search_index CROSS JOIN threads t ON t.id = search_index.thread_id
          WHERE search_index MATCH ${match} AND ${where} AND ${visible} ${tail})`;
  const messages = branch(
    sql`(search_index.rowid % 4) = ${KIND_CODE.message}`,
    sql`ORDER BY search_index.rowid DESC LIMIT ${RANKED_MESSAGES_MAX}`,
  );
  const others = branch(kind ? sql`(search_index.rowid % 4) = ${kind}` : sql`(search_index.rowid % 4) <> ${KIND_CODE.message}`, sql``);
  const union = kind === KIND_CODE.message ? messages : kind ? others : sql`${messages} UNION ALL ${others}`;
  return sql`SELECT rid % 4 AS kind, rid / 4 AS id FROM (${union}) ORDER BY r, rid DESC LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * PostgreSQL: the newest matching messages through the primary key (kind, ref_id) read backward,
 * each checked against the query, until enough are found (the planner takes the GIN index
 * instead when the words are rare, and sorts its few matches); rooms and initiatives through the
 * primary key's kind 1 and 2 (`ts_match_vq`, the `@@` operator in a form the GIN index does not
 * take: reading a common word's whole posting list cost more than checking every room). ts_rank
 * runs over that set only.
 */
function rankedPostgres(visible: SQL, stems: string[], kind: number | undefined, limit: number, offset: number): SQL {
  const text = stems.join(' ');
  const messages = sql`(SELECT s.kind, s.ref_id, s.document FROM search_index s JOIN threads t ON t.id = s.thread_id
      WHERE s.kind = ${KIND_CODE.message} AND s.document @@ plainto_tsquery('simple', ${text}) AND ${visible}
      ORDER BY s.ref_id DESC LIMIT ${RANKED_MESSAGES_MAX})`;
  const ofKind = kind ? sql`s.kind = ${kind}` : sql`s.kind IN (${KIND_CODE.thread}, ${KIND_CODE.initiative})`;
  const others = sql`(SELECT s.kind, s.ref_id, s.document FROM search_index s JOIN threads t ON t.id = s.thread_id
      WHERE ${ofKind} AND ts_match_vq(s.document, plainto_tsquery('simple', ${text})) AND ${visible})`;
  const union = kind === KIND_CODE.message ? messages : kind ? others : sql`${messages} UNION ALL ${others}`;
  return sql`SELECT c.kind, c.ref_id AS id FROM (${union}) c
      ORDER BY ts_rank(c.document, plainto_tsquery('simple', ${text})) DESC, c.kind, c.ref_id DESC LIMIT ${limit} OFFSET ${offset}`;
}

interface Row {
  id: number;
  threadId: number;
  title: string;
  body: string;
  createdAt: string;
}

/** The rows of a page of hits, in rank order, with their snippets. */
async function hydrate(hits: { kind: number; id: number }[], stems: string[]): Promise<SearchItem[]> {
  const ids = (code: number) => hits.filter((h) => h.kind === code).map((h) => h.id);
  const load = async (code: number, query: (list: SQL) => SQL) => {
    const list = ids(code);
    if (!list.length) return new Map<number, Row>();
    const rows = await db().all<Row>(query(dialectSql.inList(sql`x.id`, list)));
    return new Map(rows.map((r) => [r.id, r]));
  };
  const [threads, initiatives, messages] = await Promise.all([
    load(
      KIND_CODE.thread,
      (where) => sql`SELECT x.id, x.id AS "threadId", x.title, x.summary AS body, x.created_at AS "createdAt"
                                           FROM threads x WHERE ${where}`,
    ),
    load(
      KIND_CODE.initiative,
      (where) => sql`SELECT x.id, x.thread_id AS "threadId", x.title, x.summary AS body, x.created_at AS "createdAt"
                                               FROM initiatives x WHERE ${where}`,
    ),
    load(
      KIND_CODE.message,
      (where) => sql`SELECT x.id, x.thread_id AS "threadId", t.title, x.body, x.created_at AS "createdAt"
                                            FROM messages x JOIN threads t ON t.id = x.thread_id WHERE ${where}`,
    ),
  ]);
  const byKind: Record<number, Map<number, Row>> = { 1: threads, 2: initiatives, 3: messages };
  return hits.flatMap(({ kind, id }) => {
    const row = byKind[kind]?.get(id);
    if (!row) return [];
    const item: SearchItem = {
      kind: KIND_OF_CODE[kind],
      id,
      threadId: row.threadId,
      ...(kind === KIND_CODE.initiative ? { initiativeId: id } : {}),
      title: row.title,
      snippet: row.body ? snippet(row.body, stems) : [],
      createdAt: row.createdAt,
    };
    return [item];
  });
}
