import { sql, type SQL } from 'drizzle-orm';
import { db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import { parseInput } from '../../validation/common';
import { searchQuery } from '../../validation/search';
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
 * Full-text search over what the viewer may see (the one room rule, `threadVisibleSql`), ranked:
 * bm25 on SQLite (title ×10), ts_rank on PostgreSQL (title weight A, body D). Messages carry no
 * author: in a Chatham room nobody may learn who said it, and the index never held names.
 */
export async function search(viewer: Viewer, rawQuery: unknown): Promise<Page<SearchItem>> {
  const query = parseInput(searchQuery, rawQuery);
  const stems = queryStems(query.q);
  const offset = Number(query.cursor ?? 0);
  const q = db();
  const kind = query.kind ? KIND_CODE[query.kind] : undefined;
  const visible = threadVisibleSql(viewer);
  let hits: { kind: number; id: number }[];
  if (q.dialect === 'postgres') {
    const ofKind = kind ? sql`AND s.kind = ${kind}` : sql``;
    hits = await q.all(
      sql`SELECT s.kind, s.ref_id AS id FROM search_index s JOIN threads t ON t.id = s.thread_id
          CROSS JOIN plainto_tsquery('simple', ${stems.join(' ')}) AS query
          WHERE s.document @@ query AND ${visible} ${ofKind}
          ORDER BY ts_rank(s.document, query) DESC, s.kind, s.ref_id DESC LIMIT ${query.limit + 1} OFFSET ${offset}`,
    );
  } else {
    hits = await rankedVisibleSqlite(viewer, stems, kind, offset + query.limit + 1);
    hits = hits.slice(offset);
  }
  const page = hits.slice(0, query.limit);
  const items = await hydrate(page, stems);
  const more = hits.length > query.limit && offset + query.limit <= 1000;
  return { items, next: more ? String(offset + query.limit) : null };
}

/**
 * SQLite: the best `wanted` entries the viewer may see. FTS5 ranks its own rows fast, but reading
 * each match's room (a lookup in its content table) and joining the room rule made a common
 * word ~4× slower; so the index ranks alone, a few more than wanted, and the room rule is applied
 * to those candidates only — asking for more (×8) while hidden rooms' entries crowd the page.
 */
async function rankedVisibleSqlite(
  viewer: Viewer,
  stems: string[],
  kind: number | undefined,
  wanted: number,
): Promise<{ kind: number; id: number }[]> {
  const q = db();
  // Each stem quoted: FTS5's query syntax never sees the user's text.
  const match = stems.map((s) => `"${s.replace(/"/g, '""')}"`).join(' ');
  const ofKind = kind ? sql`AND (rowid % 4) = ${kind}` : sql``;
  for (let candidates = Math.max(100, wanted * 2); ; candidates *= 8) {
    const rows = await q.all<{ rid: number }>(
      sql`SELECT rowid AS rid FROM search_index WHERE search_index MATCH ${match} ${ofKind}
          ORDER BY bm25(search_index, 10.0, 1.0), rowid DESC LIMIT ${candidates}`,
    );
    const ranked = rows.map(({ rid }) => ({ kind: rid % 4, id: Math.floor(rid / 4) }));
    const visible = await visibleEntries(viewer, ranked);
    const kept = ranked.filter((h) => visible.has(`${h.kind}:${h.id}`));
    if (kept.length >= wanted || rows.length < candidates) return kept.slice(0, wanted);
  }
}

/** Of these entries, those in rooms the viewer may see (`threadVisibleSql`), as `kind:id`. */
async function visibleEntries(viewer: Viewer, entries: { kind: number; id: number }[]): Promise<Set<string>> {
  const visible = threadVisibleSql(viewer);
  const of = (code: number) => entries.filter((e) => e.kind === code).map((e) => e.id);
  const queries: [number, (ids: number[]) => SQL][] = [
    [KIND_CODE.thread, (ids) => sql`SELECT t.id FROM threads t WHERE ${dialectSql.inList(sql`t.id`, ids)} AND ${visible}`],
    [
      KIND_CODE.initiative,
      (ids) =>
        sql`SELECT x.id FROM initiatives x JOIN threads t ON t.id = x.thread_id WHERE ${dialectSql.inList(sql`x.id`, ids)} AND ${visible}`,
    ],
    [
      KIND_CODE.message,
      (ids) =>
        sql`SELECT x.id FROM messages x JOIN threads t ON t.id = x.thread_id WHERE ${dialectSql.inList(sql`x.id`, ids)} AND ${visible}`,
    ],
  ];
  const found = new Set<string>();
  await Promise.all(
    queries.map(async ([code, query]) => {
      const ids = of(code);
      if (!ids.length) return;
      for (const row of await db().all<{ id: number }>(query(ids))) found.add(`${code}:${row.id}`);
    }),
  );
  return found;
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
