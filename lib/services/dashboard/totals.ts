import { prepared, sqlite } from '../../../db/client';
import type { Status } from '../../consensus/codes';

/** What the dashboard counts of one initiative. */
export interface CountedShape {
  status: Status;
  format: string;
  hasMinus: boolean;
  partners: readonly string[];
  topic: string;
}

function buckets(shape: CountedShape): string[] {
  const list = ['all', `status:${shape.status}`, `format:${shape.format}`, `topic:${shape.topic}`];
  if (shape.hasMinus) list.push('minus');
  if (shape.partners.length) list.push('plus');
  for (const partner of shape.partners) list.push(`partner:${partner}`);
  return list;
}

/** Adds (+1) or removes (-1) an open-room initiative from the totals; inside the write's transaction. */
export function countInTotals(shape: CountedShape, sign: 1 | -1): void {
  for (const bucket of buckets(shape)) addToBucket(bucket, sign);
}

/** A state's endorsement of an open-room initiative, counted overall and per topic (the map). */
export function countEndorsement(state: string, topic: string, sign: 1 | -1): void {
  addToBucket(`endorsed:${state}`, sign);
  addToBucket(`endorsed:${state}:${topic}`, sign);
}

function addToBucket(bucket: string, sign: 1 | -1): void {
  prepared(
    'INSERT INTO dashboard_totals (bucket, count) VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET count = count + excluded.count',
  ).run(bucket, sign);
}

/** The Monday (UTC) of the week of an ISO time, as SQLite's date(x, '-6 days', 'weekday 1'). */
export function weekOf(iso: string): string {
  const date = new Date(iso);
  const monday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return new Date(monday).toISOString().slice(0, 10);
}

export function recordStatusDelta(at: string, status: Status, delta: 1 | -1): void {
  prepared(
    'INSERT INTO status_deltas (week, status, delta) VALUES (?, ?, ?) ON CONFLICT (week, status) DO UPDATE SET delta = delta + excluded.delta',
  ).run(weekOf(at), status, delta);
}

/** The totals of the initiatives in rooms matching `scope` (SQL over `t`), as `bucket, count` rows. */
export function bucketCountsSql(scope: string): string {
  const from = `FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE ${scope}`;
  const stances = `FROM stances s JOIN initiatives i ON i.id = s.initiative_id JOIN threads t ON t.id = i.thread_id WHERE ${scope} AND s.position = 'endorse'`;
  return `
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
    ) GROUP BY bucket`;
}

/** The weekly status deltas of the initiatives in rooms matching `scope`, from the event log. */
export function statusDeltasSql(scope: string): string {
  const week = `date(e.created_at, '-6 days', 'weekday 1')`;
  const from = `FROM events e JOIN threads t ON t.id = e.thread_id WHERE ${scope}`;
  const moved = `AND e.type = 'status.changed' AND json_extract(e.payload, '$.from') <> json_extract(e.payload, '$.to')`;
  return `
    SELECT week, status, SUM(delta) AS delta FROM (
      SELECT ${week} AS week, json_extract(e.payload, '$.status') AS status, 1 AS delta ${from} AND e.type = 'initiative.proposed'
      UNION ALL SELECT ${week}, json_extract(e.payload, '$.from'), -1 ${from} ${moved}
      UNION ALL SELECT ${week}, json_extract(e.payload, '$.to'), 1 ${from} ${moved}
    ) WHERE status IS NOT NULL GROUP BY week, status`;
}

export const OPEN_SCOPE = `t.visibility = 'open'`;

/**
 * Recomputes the totals and the weekly status history from the initiatives and the event log:
 * for databases filled outside the services (imports, benchmarks) and as a repair tool.
 */
export function rebuildDashboardTotals(): void {
  const connection = sqlite();
  connection.transaction(() => {
    connection.exec('DELETE FROM dashboard_totals; DELETE FROM status_deltas;');
    connection.exec(`INSERT INTO dashboard_totals (bucket, count) ${bucketCountsSql(OPEN_SCOPE)}`);
    connection.exec(`INSERT INTO status_deltas (week, status, delta) ${statusDeltasSql(OPEN_SCOPE)}`);
  })();
}

/** At start: totals are rebuilt when the table is empty but initiatives exist (first start after the migration). */
export function ensureDashboardTotals(): void {
  const empty = !prepared('SELECT 1 FROM dashboard_totals LIMIT 1').get();
  if (empty && prepared('SELECT 1 FROM initiatives LIMIT 1').get()) rebuildDashboardTotals();
}
