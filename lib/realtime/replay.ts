import { prepared } from '../../db/client';
import type { Viewer } from '../access/viewer';
import { visibilityParams } from '../access/visibility';
import { EVENT_COLUMNS, toPublicEvent, type EventRow } from '../events/public';
import type { PublicEvent } from '../events/types';
import { EVENT_VISIBLE_SQL } from '../events/visibility';
import { ROOM_ONLY_EVENT_TYPES, type Channel } from './channels';

export const REPLAY_LIMIT = 5000;

const ROOM_ONLY = JSON.stringify([...ROOM_ONLY_EVENT_TYPES]);

/**
 * The events of a channel in (since, upTo], oldest first, as the participant may see them: the
 * same rule as the live path, so a reconnecting client ends exactly where live delivery starts.
 */
export function missedEvents(viewer: Viewer, channel: Channel, since: number, upTo: number): { events: PublicEvent[]; truncated: boolean } {
  const rows =
    channel.kind === 'thread'
      ? prepared(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.thread_id = ? AND e.id > ? AND e.id <= ? ORDER BY e.id LIMIT ?`).all(
          channel.threadId,
          since,
          upTo,
          REPLAY_LIMIT + 1,
        )
      : prepared(
          `SELECT ${EVENT_COLUMNS}
           FROM events e LEFT JOIN threads t ON t.id = e.thread_id
           WHERE e.id > @since AND e.id <= @upTo AND ${EVENT_VISIBLE_SQL}
             AND e.type NOT IN (SELECT value FROM json_each(@roomOnly))
           ORDER BY e.id LIMIT @limit`,
        ).all({ since, upTo, ...visibilityParams(viewer), roomOnly: ROOM_ONLY, limit: REPLAY_LIMIT + 1 });
  const truncated = rows.length > REPLAY_LIMIT;
  return { events: (rows.slice(0, REPLAY_LIMIT) as EventRow[]).map(toPublicEvent), truncated };
}
