import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { CA_STATES, type StateCode } from '../../consensus/codes';
import type { Attribution } from '../../events/actor';
import { parseInput } from '../../validation/common';
import { dashboardFilters } from '../../validation/dashboard';
import { INITIATIVE_COLUMNS, type InitiativeRow } from '../initiatives/initiative-access';
import { filterParams, INITIATIVE_FILTER_SQL } from '../initiatives/list-initiatives';
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
} & Record<StateCode, string>;

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
];

/**
 * One row per initiative the viewer may see (with the dashboard's filters), a column per state:
 * its position, "acceding" when it joined after formalization, empty when it does not take part.
 */
export function exportInitiatives(viewer: Viewer, rawFilters: unknown): ExportRow[] {
  const filters = parseInput(dashboardFilters, rawFilters);
  const rows: ExportRow[] = [];
  let cursor = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const batch = prepared(
      `SELECT ${INITIATIVE_COLUMNS}, t.attribution, t.topic, t.title AS room
       FROM initiatives i JOIN threads t ON t.id = i.thread_id
       WHERE ${INITIATIVE_FILTER_SQL} AND i.id < @cursor ORDER BY i.id DESC LIMIT 500`,
    ).all({ ...filterParams(viewer, filters), cursor }) as (InitiativeRow & { attribution: Attribution; topic: string; room: string })[];
    if (batch.length === 0) return rows;
    const rooms = new Map(batch.map((b) => [b.id, b.room]));
    for (const view of serializeInitiatives(batch, viewer.id)) {
      const states = Object.fromEntries(
        CA_STATES.map((s) => {
          const stance = view.stances[s];
          return [s, stance ? `${stance.position}${stance.acceding ? ' (acceding)' : ''}` : ''];
        }),
      ) as Record<StateCode, string>;
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
      });
    }
    cursor = batch[batch.length - 1].id;
  }
}
