import { sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { dialectSql } from '../../db/sql';
import type { Viewer } from '../access/viewer';
import { EVENT_COLUMNS, toPublicEvent, type EventRow } from '../events/public';
import type { PublicEvent } from '../events/types';
import { eventVisibleSql } from '../events/visibility';
import { ROOM_ONLY_EVENT_TYPES, type Channel } from './channels';

export const REPLAY_LIMIT = 5000;

/**
 * The events of a channel in (since, upTo], oldest first, as the participant may see them: the
 * same rule as the live path, so a reconnecting client ends exactly where live delivery starts.
 */
export async function missedEvents(
  viewer: Viewer,
  channel: Channel,
  since: number,
  upTo: number,
): Promise<{ events: PublicEvent[]; truncated: boolean }> {
  const rows =
    channel.kind === 'thread'
      ? await db().all<EventRow>(
          sql`SELECT ${EVENT_COLUMNS} FROM events e
              WHERE e.thread_id = ${channel.threadId} AND e.id > ${since} AND e.id <= ${upTo} ORDER BY e.id LIMIT ${REPLAY_LIMIT + 1}`,
        )
      : await db().all<EventRow>(
          sql`SELECT ${EVENT_COLUMNS}
              FROM events e LEFT JOIN threads t ON t.id = e.thread_id
              WHERE e.id > ${since} AND e.id <= ${upTo} AND ${eventVisibleSql(viewer)}
                AND NOT ${dialectSql.inList(sql`e.type`, [...ROOM_ONLY_EVENT_TYPES])}
              ORDER BY e.id LIMIT ${REPLAY_LIMIT + 1}`,
        );
  const truncated = rows.length > REPLAY_LIMIT;
  return { events: rows.slice(0, REPLAY_LIMIT).map(toPublicEvent), truncated };
}
