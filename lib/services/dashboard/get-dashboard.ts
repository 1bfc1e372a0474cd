import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { discreetMemberSql } from '../../access/visibility';
import { CA_STATES, STATUSES, type StateCode, type Status } from '../../consensus/codes';
import { parseInput } from '../../validation/common';
import { dashboardFilters, dashboardQuery, type DashboardFilters } from '../../validation/dashboard';
import { INITIATIVE_COLUMNS } from '../initiatives/initiative-access';
import { initiativeFilterSql, type ListedInitiativeRow } from '../initiatives/list-initiatives';
import { serializeInitiatives, type InitiativeView } from '../initiatives/serialize-initiative';
import { pageOf } from '../pagination';
import { discreetRoomsOf } from '../threads/thread-access';
import { bucketCountsSql } from './totals';

export interface DashboardTotals {
  all: number;
  byStatus: Record<Status, number>;
  byFormat: Record<string, number>;
  /** Initiatives with at least one state stepped aside ("minus X"). */
  minusX: number;
  /** Initiatives with partners ("+ X"). */
  plusX: number;
  byTopic: Record<string, number>;
  byPartner: Record<string, number>;
  /** Endorsements by state, overall and per topic (`KZ`, `KZ:water`). */
  endorsed: Record<string, number>;
}

export interface Dashboard {
  totals: DashboardTotals;
  /** How many initiatives match the filters (equals totals.all without filters). */
  matching: number;
  items: InitiativeView[];
  next: string | null;
}

/** The figures and one page of rows, as the page, the API and the tests read them. */
export async function getDashboard(viewer: Viewer, rawQuery: unknown, q: Db = db()): Promise<Dashboard> {
  const query = parseInput(dashboardQuery, rawQuery);
  const totals = await dashboardTotals(viewer, q);
  const [cursorAt, cursorId] = query.cursor ? query.cursor.split('~') : [null, null];
  const cursor = cursorAt ? sql`AND (i.updated_at < ${cursorAt} OR (i.updated_at = ${cursorAt} AND i.id < ${Number(cursorId)}))` : sql``;
  const rows = await q.all<ListedInitiativeRow>(
    sql`SELECT ${INITIATIVE_COLUMNS}, t.attribution, t.topic
        FROM initiatives i JOIN threads t ON t.id = i.thread_id
        WHERE ${initiativeFilterSql(viewer, query)} ${cursor}
        ORDER BY i.updated_at DESC, i.id DESC LIMIT ${query.limit + 1}`,
  );
  return {
    totals,
    matching: hasFilters(query) ? await countMatching(viewer, query, totals, q) : totals.all,
    ...(await pageOf(
      rows,
      query.limit,
      (last) => `${last.updatedAt}~${last.id}`,
      (page) => serializeInitiatives(page, viewer, q),
    )),
  };
}

const FILTER_KEYS = ['topic', 'status', 'format', 'state', 'partner', 'q', 'detail', 'implementation'] as const;

function hasFilters(filters: DashboardFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key]);
}

/** How many initiatives match: read from the totals for one topic, status, format or partner; counted otherwise. */
export async function countMatching(viewer: Viewer, filters: DashboardFilters, totals: DashboardTotals, q: Db = db()): Promise<number> {
  const used = FILTER_KEYS.filter((key) => filters[key]);
  if (used.length === 1) {
    if (filters.topic) return totals.byTopic[filters.topic] ?? 0;
    if (filters.status) return totals.byStatus[filters.status];
    if (filters.format) return totals.byFormat[filters.format] ?? 0;
    if (filters.partner) return totals.byPartner[filters.partner] ?? 0;
  }
  const row = await q.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE ${initiativeFilterSql(viewer, filters)}`,
  );
  return row!.n;
}

/** Totals kept with each write for open rooms, plus the viewer's own discreet rooms counted now. */
export async function dashboardTotals(viewer: Viewer, q: Db = db()): Promise<DashboardTotals> {
  const counts = new Map<string, number>();
  for (const row of await q.all<{ bucket: string; count: number }>(sql`SELECT bucket, count FROM dashboard_totals`)) {
    counts.set(row.bucket, row.count);
  }
  if ((await discreetRoomsOf(viewer, q)).length > 0) {
    for (const row of await q.all<{ bucket: string; count: number }>(bucketCountsSql(discreetMemberSql(viewer)))) {
      counts.set(row.bucket, (counts.get(row.bucket) ?? 0) + row.count);
    }
  }
  const group = (prefix: string) => {
    const result: Record<string, number> = {};
    for (const [bucket, count] of counts) if (bucket.startsWith(prefix) && count > 0) result[bucket.slice(prefix.length)] = count;
    return result;
  };
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, counts.get(`status:${s}`) ?? 0])) as Record<Status, number>;
  return {
    all: counts.get('all') ?? 0,
    byStatus,
    byFormat: group('format:'),
    minusX: counts.get('minus') ?? 0,
    plusX: counts.get('plus') ?? 0,
    byTopic: group('topic:'),
    byPartner: group('partner:'),
    endorsed: group('endorsed:'),
  };
}

/**
 * What the map coloured by implementation shows without a focused initiative: per state, of the
 * formalized initiatives (visible, matching the filters) it implements, how many it has done.
 */
export async function implementedByState(
  viewer: Viewer,
  rawFilters: unknown,
  q: Db = db(),
): Promise<Record<StateCode, { done: number; count: number }>> {
  const filters = parseInput(dashboardFilters, rawFilters);
  const rows = await q.all<{ state: StateCode; done: number; count: number }>(
    sql`SELECT s.state_code AS state, COUNT(*) AS count, SUM(CASE WHEN m.status = 'done' THEN 1 ELSE 0 END) AS done
        FROM initiatives i JOIN threads t ON t.id = i.thread_id
          JOIN stances s ON s.initiative_id = i.id AND s.position <> 'step_aside' AND s.acceding = 0
          LEFT JOIN implementations m ON m.initiative_id = i.id AND m.state_code = s.state_code
        WHERE i.formalized_at IS NOT NULL AND ${initiativeFilterSql(viewer, filters)}
        GROUP BY s.state_code`,
  );
  const found = new Map(rows.map((r) => [r.state, { done: Number(r.done), count: Number(r.count) }]));
  return Object.fromEntries(CA_STATES.map((s) => [s, found.get(s) ?? { done: 0, count: 0 }])) as Record<
    StateCode,
    { done: number; count: number }
  >;
}

/** What the map colours: a state's stance on one initiative, or its endorsements (per topic). */
export function endorsementsByState(totals: DashboardTotals, topic?: string): Record<StateCode, number> {
  return Object.fromEntries(CA_STATES.map((s) => [s, totals.endorsed[topic ? `${s}:${topic}` : s] ?? 0])) as Record<StateCode, number>;
}
