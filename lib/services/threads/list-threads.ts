import { sql, type SQL } from 'drizzle-orm';
import { db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import { parseInput } from '../../validation/common';
import { listThreadsQuery } from '../../validation/threads';
import { likePattern, pageOf, whereAll, type Page } from '../pagination';
import { serializeThreads, type ThreadView } from './serialize-thread';
import { THREAD_COLUMNS, type ThreadRow } from './thread-access';

/** Rooms this participant may see, newest first, filtered by topic, tagged state, initiative format and text. */
export async function listThreads(viewer: Viewer, rawQuery: unknown): Promise<Page<ThreadView>> {
  const query = parseInput(listThreadsQuery, rawQuery);
  const conditions: SQL[] = [threadVisibleSql(viewer)];
  if (query.topic) conditions.push(sql`t.topic = ${query.topic}`);
  if (query.state)
    conditions.push(sql`EXISTS (SELECT 1 FROM thread_states ts WHERE ts.thread_id = t.id AND ts.state_code = ${query.state})`);
  if (query.format) conditions.push(sql`EXISTS (SELECT 1 FROM initiatives i WHERE i.thread_id = t.id AND i.format = ${query.format})`);
  if (query.q) {
    const pattern = likePattern(query.q);
    conditions.push(sql`(${dialectSql.ilike(sql`t.title`, pattern)} OR ${dialectSql.ilike(sql`t.summary`, pattern)})`);
  }
  if (query.cursor) conditions.push(sql`t.id < ${Number(query.cursor)}`);
  const rows = await db().all<ThreadRow & { isMember: number | boolean }>(
    sql`SELECT ${THREAD_COLUMNS},
          EXISTS (SELECT 1 FROM memberships m WHERE m.thread_id = t.id AND m.participant_id = ${viewer.id}) AS "isMember"
        FROM threads t WHERE ${whereAll(conditions)} ORDER BY t.id DESC LIMIT ${query.limit + 1}`,
  );
  return pageOf(rows, query.limit, (row) => String(row.id), serializeThreads);
}
