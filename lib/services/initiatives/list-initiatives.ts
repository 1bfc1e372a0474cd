import { sql, type SQL } from 'drizzle-orm';
import { db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import type { Attribution } from '../../events/actor';
import { parseInput } from '../../validation/common';
import { listInitiativesQuery, type ListInitiativesQuery } from '../../validation/initiatives';
import { likePattern, pageOf, whereAll, type Page } from '../pagination';
import { now } from '../../clock';
import { todayOf } from '../../consensus/implementation';
import { implementationFilterSql } from './implementation';
import { INITIATIVE_COLUMNS, type InitiativeRow } from './initiative-access';
import { serializeInitiatives, type InitiativeView } from './serialize-initiative';

export type InitiativeFilters = Omit<ListInitiativesQuery, 'limit' | 'cursor'>;

/** SQL over `i` (initiatives) and `t` (its room): visible to the viewer and matching the filters used. */
export function initiativeFilterSql(viewer: Viewer, filters: InitiativeFilters): SQL {
  const conditions: SQL[] = [threadVisibleSql(viewer)];
  if (filters.status) conditions.push(sql`i.status = ${filters.status}`);
  if (filters.format) conditions.push(sql`i.format = ${filters.format}`);
  if (filters.topic) conditions.push(sql`t.topic = ${filters.topic}`);
  if (filters.threadId) conditions.push(sql`i.thread_id = ${filters.threadId}`);
  if (filters.state)
    conditions.push(sql`EXISTS (SELECT 1 FROM stances s WHERE s.initiative_id = i.id AND s.state_code = ${filters.state})`);
  if (filters.partner) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM initiative_partners ip WHERE ip.initiative_id = i.id AND ip.partner_code = ${filters.partner})`,
    );
  }
  if (filters.detail === 'ad_referendum')
    conditions.push(sql`EXISTS (SELECT 1 FROM stances s WHERE s.initiative_id = i.id AND s.ad_referendum = 1)`);
  if (filters.detail === 'conditional')
    conditions.push(sql`EXISTS (SELECT 1 FROM stances s WHERE s.initiative_id = i.id AND s.condition IS NOT NULL)`);
  if (filters.detail === 'silence') conditions.push(sql`i.silence_deadline IS NOT NULL`);
  if (filters.implementation) conditions.push(implementationFilterSql(filters.implementation, todayOf(now())));
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(sql`(${dialectSql.ilike(sql`i.title`, pattern)} OR ${dialectSql.ilike(sql`i.summary`, pattern)})`);
  }
  return whereAll(conditions);
}

export type ListedInitiativeRow = InitiativeRow & { attribution: Attribution; topic: string };

/** Initiatives in rooms this participant may see, newest first, keyset-paginated. */
export async function listInitiatives(viewer: Viewer, rawQuery: unknown, q = db()): Promise<Page<InitiativeView>> {
  const query = parseInput(listInitiativesQuery, rawQuery);
  const cursor = query.cursor ? sql`AND i.id < ${Number(query.cursor)}` : sql``;
  const rows = await q.all<ListedInitiativeRow>(
    sql`SELECT ${INITIATIVE_COLUMNS}, t.attribution, t.topic
        FROM initiatives i JOIN threads t ON t.id = i.thread_id
        WHERE ${initiativeFilterSql(viewer, query)} ${cursor}
        ORDER BY i.id DESC LIMIT ${query.limit + 1}`,
  );
  return pageOf(
    rows,
    query.limit,
    (row) => String(row.id),
    (page) => serializeInitiatives(page, viewer, q),
  );
}
