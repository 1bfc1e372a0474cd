import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { THREAD_VISIBLE_SQL, visibilityParams } from '../../access/visibility';
import { parseInput } from '../../validation/common';
import { listThreadsQuery } from '../../validation/threads';
import { likePattern, pageOf, type Page } from '../pagination';
import { serializeThreads, type ThreadView } from './serialize-thread';
import { THREAD_COLUMNS, type ThreadRow } from './thread-access';

/** Rooms this participant may see, newest first, filtered by topic, tagged state, initiative format and text. */
export function listThreads(viewer: Viewer, rawQuery: unknown): Page<ThreadView> {
  const query = parseInput(listThreadsQuery, rawQuery);
  const rows = prepared(
    `SELECT ${THREAD_COLUMNS},
       EXISTS (SELECT 1 FROM memberships m WHERE m.thread_id = t.id AND m.participant_id = @viewer) AS isMember
     FROM threads t
     WHERE ${THREAD_VISIBLE_SQL}
       AND (@topic IS NULL OR t.topic = @topic)
       AND (@state IS NULL OR EXISTS (SELECT 1 FROM thread_states ts WHERE ts.thread_id = t.id AND ts.state_code = @state))
       AND (@format IS NULL OR EXISTS (SELECT 1 FROM initiatives i WHERE i.thread_id = t.id AND i.format = @format))
       AND (@q IS NULL OR t.title LIKE @q ESCAPE '\\' OR t.summary LIKE @q ESCAPE '\\')
       AND (@cursor IS NULL OR t.id < @cursor)
     ORDER BY t.id DESC
     LIMIT @limit`,
  ).all({
    ...visibilityParams(viewer),
    topic: query.topic ?? null,
    state: query.state ?? null,
    format: query.format ?? null,
    q: query.q ? likePattern(query.q) : null,
    cursor: query.cursor ? Number(query.cursor) : null,
    limit: query.limit + 1,
  }) as (ThreadRow & { isMember: number })[];
  return pageOf(rows, query.limit, (row) => String(row.id), serializeThreads);
}
