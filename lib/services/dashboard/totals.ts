import { sql, type SQL } from 'drizzle-orm';
import { database, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import type { Status } from '../../consensus/codes';
import type { WriteTx } from '../write';

/** What the dashboard counts of one initiative. */
export interface CountedShape {
  status: Status;
  format: string;
  hasMinus: boolean;
  partners: readonly string[];
  topic: string;
}

/** The counts a write moves, kept until the end of its transaction (see `write()`). */
export interface TotalsChanges {
  buckets: Map<string, number>;
  /** Keyed `week|status`. */
  weeks: Map<string, number>;
}

function buckets(shape: CountedShape): string[] {
  const list = ['all', `status:${shape.status}`, `format:${shape.format}`, `topic:${shape.topic}`];
  if (shape.hasMinus) list.push('minus');
  if (shape.partners.length) list.push('plus');
  for (const partner of shape.partners) list.push(`partner:${partner}`);
  return list;
}

const add = (map: Map<string, number>, key: string, delta: number) => map.set(key, (map.get(key) ?? 0) + delta);

/** Adds (+1) or removes (-1) an open-room initiative from the totals, in the write's transaction. */
export function countInTotals(tx: WriteTx, shape: CountedShape, sign: 1 | -1): void {
  for (const bucket of buckets(shape)) add(tx.pending.totals.buckets, bucket, sign);
}

/** A partner joined an open-room initiative as +X: counted for that partner, and in "+ X" if it is the first. */
export function countPartnerJoined(tx: WriteTx, partner: string, first: boolean): void {
  add(tx.pending.totals.buckets, `partner:${partner}`, 1);
  if (first) add(tx.pending.totals.buckets, 'plus', 1);
}

/** A state's endorsement of an open-room initiative, counted overall and per topic (the map). */
export function countEndorsement(tx: WriteTx, state: string, topic: string, sign: 1 | -1): void {
  add(tx.pending.totals.buckets, `endorsed:${state}`, sign);
  add(tx.pending.totals.buckets, `endorsed:${state}:${topic}`, sign);
}

export function recordStatusDelta(tx: WriteTx, at: string, status: Status, delta: 1 | -1): void {
  add(tx.pending.totals.weeks, `${weekOf(at)}|${status}`, delta);
}

/** Writes a transaction's counts, in key order (so concurrent writers lock rows in one order). */
export async function flushTotals(tx: Db, changes: TotalsChanges): Promise<void> {
  const buckets = [...changes.buckets].filter(([, delta]) => delta !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  const weeks = [...changes.weeks].filter(([, delta]) => delta !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (tx.dialect === 'postgres') {
    // One statement per table (rows locked in key order): shared rows stay locked for as few round trips as can be.
    if (buckets.length) {
      await tx.run(
        sql`INSERT INTO dashboard_totals (bucket, count)
            SELECT * FROM unnest(${sql.param(buckets.map(([bucket]) => bucket))}::text[], ${sql.param(buckets.map(([, delta]) => delta))}::int[]) ORDER BY 1
            ON CONFLICT (bucket) DO UPDATE SET count = dashboard_totals.count + excluded.count`,
      );
    }
    if (weeks.length) {
      const keys = weeks.map(([key]) => key.split('|'));
      await tx.run(
        sql`INSERT INTO status_deltas (week, status, delta)
            SELECT * FROM unnest(${sql.param(keys.map(([week]) => week))}::text[], ${sql.param(keys.map(([, status]) => status))}::text[],
              ${sql.param(weeks.map(([, delta]) => delta))}::int[]) ORDER BY 1, 2
            ON CONFLICT (week, status) DO UPDATE SET delta = status_deltas.delta + excluded.delta`,
      );
    }
    return;
  }
  for (const [bucket, delta] of buckets) {
    await tx.run(
      sql`INSERT INTO dashboard_totals (bucket, count) VALUES (${bucket}, ${delta})
          ON CONFLICT (bucket) DO UPDATE SET count = dashboard_totals.count + excluded.count`,
    );
  }
  for (const [key, delta] of weeks) {
    const [week, status] = key.split('|');
    await tx.run(
      sql`INSERT INTO status_deltas (week, status, delta) VALUES (${week}, ${status}, ${delta})
          ON CONFLICT (week, status) DO UPDATE SET delta = status_deltas.delta + excluded.delta`,
    );
  }
}

/** The Monday (UTC) of the week of an ISO time (as `dialectSql.weekStart` says it in SQL). */
export function weekOf(iso: string): string {
  const date = new Date(iso);
  const monday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return new Date(monday).toISOString().slice(0, 10);
}

/** The totals of the initiatives in rooms matching `scope` (SQL over `t`), as `bucket, count` rows. */
export function bucketCountsSql(scope: SQL): SQL {
  const from = sql`FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE ${scope}`;
  const stances = sql`FROM stances s JOIN initiatives i ON i.id = s.initiative_id JOIN threads t ON t.id = i.thread_id WHERE ${scope} AND s.position = 'endorse'`;
  return sql`
    SELECT bucket, COUNT(*) AS count FROM (
      SELECT 'all' AS bucket ${from}
      UNION ALL SELECT 'status:' || i.status ${from}
      UNION ALL SELECT 'format:' || i.format ${from}
      UNION ALL SELECT 'topic:' || t.topic ${from}
      UNION ALL SELECT 'minus' ${from} AND i.minus <> ''
      UNION ALL SELECT 'plus' ${from} AND EXISTS (SELECT 1 FROM initiative_partners ip WHERE ip.initiative_id = i.id)
      UNION ALL SELECT 'partner:' || ip.partner_code FROM initiative_partners ip JOIN initiatives i ON i.id = ip.initiative_id
        JOIN threads t ON t.id = i.thread_id WHERE ${scope}
      UNION ALL SELECT 'endorsed:' || s.state_code ${stances}
      UNION ALL SELECT 'endorsed:' || s.state_code || ':' || t.topic ${stances}
    ) AS counted GROUP BY bucket`;
}

/** The weekly status deltas of the initiatives in rooms matching `scope`, from the event log. */
export function statusDeltasSql(scope: SQL): SQL {
  const week = dialectSql.weekStart(sql`e.created_at`);
  const field = (key: string) => dialectSql.jsonText(sql`e.payload`, key);
  const from = sql`FROM events e JOIN threads t ON t.id = e.thread_id WHERE ${scope}`;
  const moved = sql`AND e.type = 'status.changed' AND ${field('from')} <> ${field('to')}`;
  return sql`
    SELECT week, status, SUM(delta) AS delta FROM (
      SELECT ${week} AS week, ${field('status')} AS status, 1 AS delta ${from} AND e.type = 'initiative.proposed'
      UNION ALL SELECT ${week}, ${field('from')}, -1 ${from} ${moved}
      UNION ALL SELECT ${week}, ${field('to')}, 1 ${from} ${moved}
    ) AS moves WHERE status IS NOT NULL GROUP BY week, status`;
}

export const OPEN_SCOPE = sql`t.visibility = 'open'`;

/**
 * Recomputes the totals and the weekly status history from the initiatives and the event log:
 * for databases filled outside the services (imports, copies, benchmarks) and as a repair tool.
 */
export async function rebuildDashboardTotals(): Promise<void> {
  await database().transaction(async (tx) => {
    await tx.run(sql`DELETE FROM dashboard_totals`);
    await tx.run(sql`DELETE FROM status_deltas`);
    await tx.run(sql`INSERT INTO dashboard_totals (bucket, count) ${bucketCountsSql(OPEN_SCOPE)}`);
    await tx.run(sql`INSERT INTO status_deltas (week, status, delta) ${statusDeltasSql(OPEN_SCOPE)}`);
  });
}

/** At start: totals are rebuilt when the table is empty but initiatives exist (first start after the migration). */
export async function ensureDashboardTotals(): Promise<void> {
  const reader = database().reader;
  const empty = !(await reader.get(sql`SELECT 1 FROM dashboard_totals LIMIT 1`));
  if (empty && (await reader.get(sql`SELECT 1 FROM initiatives LIMIT 1`))) await rebuildDashboardTotals();
}
