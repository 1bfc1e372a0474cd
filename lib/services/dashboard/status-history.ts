import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { STATUSES, type Status } from '../../consensus/codes';
import { now } from '../../clock';
import { discreetMemberSql } from '../../access/visibility';
import { discreetRoomsOf } from '../threads/thread-access';
import { statusDeltasSql, weekOf } from './totals';

export interface WeekCounts {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: string;
  counts: Record<Status, number>;
}

/** Initiatives per status at the end of each of the last `weeks` weeks, built from the event log's deltas. */
export async function statusHistory(viewer: Viewer, weeks = 12, q: Db = db()): Promise<WeekCounts[]> {
  const deltas = await q.all<{ week: string; status: Status; delta: number }>(sql`SELECT week, status, delta FROM status_deltas`);
  if ((await discreetRoomsOf(viewer, q)).length > 0) {
    deltas.push(...(await q.all<(typeof deltas)[number]>(statusDeltasSql(discreetMemberSql(viewer)))));
  }

  const current = weekOf(now());
  const wanted: string[] = [];
  for (let i = weeks - 1; i >= 0; i--) wanted.push(new Date(Date.parse(current) - i * 7 * 86_400_000).toISOString().slice(0, 10));

  const running = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byWeek = new Map<string, typeof deltas>();
  for (const d of deltas) byWeek.set(d.week, [...(byWeek.get(d.week) ?? []), d]);
  // Everything before the first shown week is folded into its starting point.
  for (const d of deltas) if (d.week < wanted[0]) running[d.status] += d.delta;
  return wanted.map((week) => {
    for (const d of byWeek.get(week) ?? []) running[d.status] += d.delta;
    return { week, counts: { ...running } };
  });
}
