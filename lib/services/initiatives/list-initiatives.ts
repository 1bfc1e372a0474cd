import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import type { Attribution } from '../../events/actor';
import { parseInput } from '../../validation/common';
import { listInitiativesQuery, type ListInitiativesQuery } from '../../validation/initiatives';
import { likePattern, pageOf, type Page } from '../pagination';
import { THREAD_VISIBLE_SQL, visibilityParams } from '../../access/visibility';
import { INITIATIVE_COLUMNS, type InitiativeRow } from './initiative-access';
import { serializeInitiatives, type InitiativeView } from './serialize-initiative';

/** SQL conditions for the filters, over `i` (initiatives) and `t` (its room). */
export const INITIATIVE_FILTER_SQL = `${THREAD_VISIBLE_SQL}
  AND (@status IS NULL OR i.status = @status)
  AND (@format IS NULL OR i.format = @format)
  AND (@topic IS NULL OR t.topic = @topic)
  AND (@threadId IS NULL OR i.thread_id = @threadId)
  AND (@state IS NULL OR EXISTS (SELECT 1 FROM stances s WHERE s.initiative_id = i.id AND s.state_code = @state))
  AND (@partner IS NULL OR EXISTS (SELECT 1 FROM initiative_partners ip WHERE ip.initiative_id = i.id AND ip.partner_code = @partner))
  AND (@q IS NULL OR i.title LIKE @q ESCAPE '\\' OR i.summary LIKE @q ESCAPE '\\')`;

export function filterParams(viewer: Viewer, query: Omit<ListInitiativesQuery, 'limit' | 'cursor'>) {
  return {
    ...visibilityParams(viewer),
    status: query.status ?? null,
    format: query.format ?? null,
    topic: query.topic ?? null,
    threadId: query.threadId ?? null,
    state: query.state ?? null,
    partner: query.partner ?? null,
    q: query.q ? likePattern(query.q) : null,
  };
}

/** Initiatives in rooms this participant may see, newest first, keyset-paginated. */
export function listInitiatives(viewer: Viewer, rawQuery: unknown): Page<InitiativeView> {
  const query = parseInput(listInitiativesQuery, rawQuery);
  const rows = prepared(
    `SELECT ${INITIATIVE_COLUMNS}, t.attribution, t.topic
     FROM initiatives i JOIN threads t ON t.id = i.thread_id
     WHERE ${INITIATIVE_FILTER_SQL} AND (@cursor IS NULL OR i.id < @cursor)
     ORDER BY i.id DESC LIMIT @limit`,
  ).all({
    ...filterParams(viewer, query),
    cursor: query.cursor ? Number(query.cursor) : null,
    limit: query.limit + 1,
  }) as (InitiativeRow & {
    attribution: Attribution;
    topic: string;
  })[];
  return pageOf(
    rows,
    query.limit,
    (row) => String(row.id),
    (page) => serializeInitiatives(page, viewer.id),
  );
}
