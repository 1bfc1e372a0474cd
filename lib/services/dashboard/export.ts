import { sql } from 'drizzle-orm';
import { db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { CA_STATES, type StateCode } from '../../consensus/codes';
import { parseInput } from '../../validation/common';
import { dashboardFilters } from '../../validation/dashboard';
import { INITIATIVE_COLUMNS } from '../initiatives/initiative-access';
import { initiativeFilterSql, type ListedInitiativeRow } from '../initiatives/list-initiatives';
import { serializeInitiatives } from '../initiatives/serialize-initiative';

export type ExportRow = {
  id: number;
  title: string;
  room: string;
  topic: string;
  status: string;
  format: string;
  label: string;
  minus: string;
  plus: string;
  endorsements: number;
  updatedAt: string;
  formalizedAt: string | null;
  /** The implementation as a whole, and whether its review is overdue (empty before formalization). */
  implementation: string;
  reviewAt: string | null;
  reviewOverdue: boolean;
} & Record<StateCode, string> &
  Record<`implementation${StateCode}`, string>;

export const EXPORT_COLUMNS: (keyof ExportRow)[] = [
  'id',
  'title',
  'room',
  'topic',
  'status',
  'format',
  'label',
  'minus',
  'plus',
  ...CA_STATES,
  'endorsements',
  'updatedAt',
  'formalizedAt',
  'implementation',
  ...CA_STATES.map((s) => `implementation${s}` as const),
  'reviewAt',
  'reviewOverdue',
];

/**
 * One row per initiative the viewer may see (with the dashboard's filters), a column per state:
 * its position, "acceding" when it joined after formalization, empty when it does not take part;
 * then, once formalized, the implementation as a whole and per implementing state, and the review date.
 */
export async function exportInitiatives(viewer: Viewer, rawFilters: unknown): Promise<ExportRow[]> {
  const filters = parseInput(dashboardFilters, rawFilters);
  const rows: ExportRow[] = [];
  let cursor: number | null = null;
  for (;;) {
    const batch: (ListedInitiativeRow & { room: string })[] = await db().all<ListedInitiativeRow & { room: string }>(
      sql`SELECT ${INITIATIVE_COLUMNS}, t.attribution, t.topic, t.title AS room
          FROM initiatives i JOIN threads t ON t.id = i.thread_id
          WHERE ${initiativeFilterSql(viewer, filters)} ${cursor === null ? sql`` : sql`AND i.id < ${cursor}`} ORDER BY i.id DESC LIMIT 500`,
    );
    if (batch.length === 0) return rows;
    const rooms = new Map(batch.map((b) => [b.id, b.room]));
    for (const view of await serializeInitiatives(batch, viewer)) {
      const states = Object.fromEntries(
        CA_STATES.map((s) => {
          const stance = view.stances[s];
          return [
            s,
            stance ? `${stance.position}${stance.adReferendum ? ' (ad referendum)' : ''}${stance.acceding ? ' (acceding)' : ''}` : '',
          ];
        }),
      ) as Record<StateCode, string>;
      const implementation = Object.fromEntries(
        CA_STATES.map((s) => [`implementation${s}`, view.implementation[s]?.status ?? '']),
      ) as Record<`implementation${StateCode}`, string>;
      rows.push({
        id: view.id,
        title: view.title,
        room: rooms.get(view.id) ?? '',
        topic: view.topic,
        status: view.status,
        format: view.format,
        label: view.label,
        minus: view.minus.join(' '),
        plus: view.plus.join(' '),
        ...states,
        endorsements: view.endorsements,
        updatedAt: view.updatedAt,
        formalizedAt: view.formalizedAt,
        implementation: view.implementationStatus ?? '',
        ...implementation,
        reviewAt: view.reviewAt,
        reviewOverdue: view.reviewOverdue,
      });
    }
    cursor = batch[batch.length - 1].id;
  }
}
